-- Pacing for wrk: holds the whole run to a target request rate (arguments after `--`: rate, threads).
--
-- wrk calls delay() after every response, per connection, and waits that many milliseconds before the
-- connection sends its next request. A fixed delay would make the rate depend on the candidate's own
-- latency (a slower proxy would get an easier load); instead each call books the next slot on a
-- per-thread schedule (one slot every 1/rate seconds), so every candidate gets the same requests.
-- Slots missed while the candidate stalled are caught up as fast as the connections allow — clients
-- do not slow down because a gateway does — but the backlog is bounded (MAX_BACKLOG_US), so a long
-- stall does not turn into an unbounded burst. wrk's delay has 1 ms resolution: a request fires
-- within half a millisecond of its slot. The harness appends this file to report.lua (wrk loads one
-- script). What remains closed-loop: a connection waiting for a response sends nothing, so wrk's
-- latencies still leave out the time a request would have queued behind a stall.
local MAX_BACKLOG_US = 250000
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } margay_bench_timespec;
  int clock_gettime(int clk_id, margay_bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("margay_bench_timespec")
local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local interval_us = nil
local next_slot = nil

function init(args)
  local rate = tonumber(args[1])
  local threads = tonumber(args[2]) or 1
  if rate == nil or rate <= 0 then error("pacing.lua: pass the target rate after --, e.g. -- 5000 1") end
  interval_us = 1e6 * threads / rate
end

function delay()
  local now = now_us()
  if next_slot == nil then
    next_slot = now
  else
    next_slot = math.max(next_slot + interval_us, now - MAX_BACKLOG_US)
  end
  local wait_ms = (next_slot - now) / 1000
  if wait_ms <= 0 then return 0 end
  return math.floor(wait_ms + 0.5)
end
