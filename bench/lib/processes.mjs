// Every process the bench starts, and how it is stopped: each candidate is spawned detached (its own
// session and process group, pgid = pid) and stopped by signalling that group — never by name. The
// registry lets Ctrl-C / SIGTERM / an unexpected exit stop whatever is still running.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';

/** pid → () => boolean (still running?) for every group or child started and not yet stopped. */
const live = new Map();
/** Set once shutdown began: nothing new may start while the registry is being emptied. */
let closed = false;

/** Refuses further starts (called first thing on Ctrl-C / SIGTERM). */
export function closeRegistry() {
  closed = true;
}

/**
 * Starts `command` in its own process group, stdout and stderr appended to `logFile`.
 * @returns {{ name: string, pid: number, exited: Promise<{ code: number | null, signal: string | null, error?: string }>,
 *   hasExited: () => boolean, logFile: string }}
 * @example const upstream = startGroup('upstream', process.execPath, ['servers/upstream.mjs', '21001'], { logFile });
 */
export function startGroup(name, command, args, { env = process.env, cwd, logFile }) {
  if (closed) throw new Error('the bench is shutting down');
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env, cwd });
  } finally {
    closeSync(fd);
  }
  let done = false;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      done = true;
      resolve({ code: null, signal: null, error: error.message });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const hasExited = () => done;
  if (child.pid !== undefined) live.set(child.pid, () => !done);
  return { name, pid: child.pid ?? -1, exited, hasExited, logFile };
}

/**
 * Stops a group started by `startGroup`: SIGTERM to the group, SIGKILL after `graceMs` to whatever is
 * left of it (nginx workers, an embedded Postgres), then waits for the leader's exit.
 */
export async function stopGroup(proc, graceMs = 5000) {
  if (proc.pid <= 0) return;
  await stopPid(proc.pid, () => !proc.hasExited(), graceMs);
  await proc.exited;
}

/** Stops every group and child still registered (signal handlers, end of run). */
export async function stopAllGroups(graceMs = 5000) {
  await Promise.all([...live.entries()].map(([pid, alive]) => stopPid(pid, alive, graceMs)));
}

/** Last resort on process exit: SIGKILL every group still registered (synchronous). */
export function killAllGroupsNow() {
  for (const [pid, alive] of live) signal(pid, alive, 'SIGKILL');
  live.clear();
}

/**
 * Registers a non-detached child (wrk under `timeout`, which makes itself a group leader) so a signal
 * handler can stop it too. Returns the function to call once it has exited.
 */
export function trackChild(child) {
  if (child.pid === undefined) return () => {};
  if (closed) child.kill('SIGKILL');
  let done = false;
  live.set(child.pid, () => !done);
  return () => {
    done = true;
    live.delete(child.pid);
  };
}

/** Pids of the live (non-zombie) processes whose process group is `pgid`, from /proc. */
export function groupMembers(pgid) {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/**
 * One /proc/<pid>/stat, parsed: comm may contain spaces and parentheses, so fields are counted from
 * the last ')'. Times are in clock ticks.
 */
export function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' '); // fields[0] is field 3 of proc(5)
  return { comm, state: fields[0], pgrp: Number(fields[2]), utime: Number(fields[11]), stime: Number(fields[12]) };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function stopPid(pid, alive, graceMs) {
  signal(pid, alive, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while ((alive() || groupMembers(pid).length > 0) && Date.now() < deadline) await sleep(50);
  signal(pid, alive, 'SIGKILL');
  live.delete(pid);
}

/**
 * Signals the group `pid` while it has members; the process alone while we know it still runs (e.g.
 * `timeout` before it became a group leader). Never signals a pid we have seen exit: it may be reused.
 */
function signal(pid, alive, name) {
  if (groupMembers(pid).length > 0) {
    try {
      process.kill(-pid, name);
      return;
    } catch {
      // fall through
    }
  }
  if (alive()) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}
