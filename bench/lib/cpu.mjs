// CPU time of a candidate during the measured window, from /proc: user + sys ticks of every process in
// its process group except Postgres (Margay's embedded database runs in the group but is not the
// gateway). For node candidates that is the node process; for nginx, master + worker.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readStat } from './processes.mjs';

/** Clock ticks per second (`getconf CLK_TCK`, 100 on Linux). */
export const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const EXCLUDED_COMMANDS = new Set(['postgres', 'postmaster']);

/**
 * Sum of utime + stime (ticks) of the group's processes, Postgres excluded.
 * @example const before = groupCpuTicks(pid); … ; const cpuMs = ticksToMs(groupCpuTicks(pid) - before);
 */
export function groupCpuTicks(pgid) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat === undefined || stat.pgrp !== pgid || EXCLUDED_COMMANDS.has(stat.comm)) continue;
    ticks += stat.utime + stat.stime;
  }
  return ticks;
}

export function ticksToMs(ticks) {
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}
