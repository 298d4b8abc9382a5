// wrk runs: always under `timeout`, always against 127.0.0.1, results read from the BENCHJSON line
// that lua/report.lua prints.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trackChild } from './processes.mjs';

const LUA_DIR = join(import.meta.dirname, '..', 'lua');
/** The report-only script: wrk with no per-request Lua (a script with delay() or request() costs CPU). */
export const REPORT_SCRIPT = join(LUA_DIR, 'report.lua');

/**
 * Writes report.lua + pacing.lua as one script into `dir` (wrk loads a single file) and returns its path.
 * Run it with `scriptArgs: [rate, threads]`.
 */
export function writePacedScript(dir) {
  const file = join(dir, 'paced.lua');
  writeFileSync(file, `${readFileSync(REPORT_SCRIPT, 'utf8')}\n${readFileSync(join(LUA_DIR, 'pacing.lua'), 'utf8')}`);
  return file;
}

/**
 * Runs `wrk -t<threads> -c<conns> -d<durationS>s --latency` once, bounded by `timeout` (duration + 5 s,
 * then SIGKILL 2 s later). The raw output is written to `rawFile` when given.
 * @returns {Promise<{ ok: true, result: WrkResult } | { ok: false, reason: string }>}
 * @typedef {{ requests: number, duration_s: number, rps: number, p50_ms: number, p90_ms: number,
 *   p99_ms: number, p999_ms: number, max_ms: number, non2xx: number, err_connect: number,
 *   err_read: number, err_write: number, err_timeout: number, bytes: number }} WrkResult
 * @example await runWrk({ url: 'http://127.0.0.1:8080/x', conns: 50, threads: 1, durationS: 8 })
 */
export function runWrk({ url, conns, threads, durationS, headers = [], script = REPORT_SCRIPT, scriptArgs = [], rawFile }) {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`wrk must target 127.0.0.1, not ${url}`);
  const args = [
    '-k', '2', String(durationS + 5),
    'wrk', `-t${threads}`, `-c${conns}`, `-d${durationS}s`, '--latency', '-s', script,
    ...headers.flatMap((header) => ['-H', header]),
    url,
    ...(scriptArgs.length > 0 ? ['--', ...scriptArgs.map(String)] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn('timeout', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const untrack = trackChild(child);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', (error) => {
      untrack();
      resolve({ ok: false, reason: `cannot run wrk: ${error.message}` });
    });
    child.once('close', (code) => {
      untrack();
      if (rawFile) writeFileSync(rawFile, out);
      const line = out.split('\n').find((l) => l.startsWith('BENCHJSON '));
      if (code === 124 || code === 137) return resolve({ ok: false, reason: `wrk killed by timeout after ${durationS + 5} s` });
      if (!line) return resolve({ ok: false, reason: `wrk exited ${code} without a report: ${out.trim().split('\n').slice(-2).join(' | ')}` });
      try {
        resolve({ ok: true, result: JSON.parse(line.slice('BENCHJSON '.length)) });
      } catch (error) {
        resolve({ ok: false, reason: `unreadable wrk report: ${error.message}` });
      }
    });
  });
}

/** Socket-level errors of one wrk run (connect, read, write, timeout). */
export function socketErrors(result) {
  return result.err_connect + result.err_read + result.err_write + result.err_timeout;
}
