-- wrk `done` hook: one machine-readable line for the harness (latencies in ms).
-- The harness looks for the line starting with BENCHJSON; everything else wrk prints is kept as raw text.
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    "BENCHJSON {\"requests\":%d,\"duration_s\":%.3f,\"rps\":%.1f," ..
    "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f," ..
    "\"non2xx\":%d,\"err_connect\":%d,\"err_read\":%d,\"err_write\":%d,\"err_timeout\":%d,\"bytes\":%d}\n",
    summary.requests, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.bytes))
end
