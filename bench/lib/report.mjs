// Text output: the live per-round lines and the summary (Markdown, printed and written to summary.md).
import { evaluateTargets } from './targets.mjs';

const FAILED_STAGE = { start: 'START FAILED', config: 'CONFIGURATION REFUSED', check: 'CHECK FAILED' };
const pad = (text, width) => String(text).padEnd(width);
const fixed = (value, digits) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** One line per measurement, printed as soon as it is done. */
export function liveLine(row, rounds) {
  const head = `round ${row.round}/${rounds}  ${pad(row.scenario, 10)} ${pad(row.candidate, 10)}`;
  if (!row.measured) return `${head} not measured: ${FAILED_STAGE[row.check.stage] ?? 'CHECK FAILED'} — ${row.check.detail}`;
  if (row.wrkError) return `${head} wrk failed: ${row.wrkError}`;
  let line = `${head} ${fixed(row.rps, 0).padStart(7)} req/s  p50 ${fixed(row.p50_ms, 2).padStart(6)} ms  p99 ${fixed(row.p99_ms, 2).padStart(7)} ms  cpu ${fixed(row.cpuMsPer1k, 1).padStart(6)} ms/1k  errors ${row.errors.total}  check ${row.check.ok ? 'ok' : `FAILED (${row.check.detail})`}${row.majorGcs === undefined ? '' : `  major GCs ${row.majorGcs}`}`;
  if (row.reload) {
    const r = row.reload;
    const steady = row.steady && !row.steady.wrkError ? `; same process without reloads: ${fixed(row.steady.rps, 0)} req/s p99 ${fixed(row.steady.p99_ms, 2)} ms` : '';
    line += `\n${' '.repeat(head.length)} reloads: ${r.ok}/${r.attempted} PUTs ok${r.skipped ? `, ${r.skipped} skipped (previous PUT still running)` : ''}, PUT median ${fixed(r.putMsMedian, 0)} ms max ${fixed(r.putMsMax, 0)} ms${r.failures.length ? `, failures: ${r.failures.join(' | ')}` : ''}; check after: ${row.checkAfter?.ok ? 'ok' : `FAILED (${row.checkAfter?.detail})`}${steady}`;
  }
  return line;
}

/** One line per paced run. */
export function livePacedLine(paced, rounds) {
  const head = `round ${paced.round}/${rounds}  ${pad(`paced@${paced.targetRps}`, 10)} ${pad(paced.candidate, 10)}`;
  if (paced.wrkError) return `${head} wrk failed: ${paced.wrkError}`;
  return `${head} ${fixed(paced.rps, 0).padStart(7)} req/s  p50 ${fixed(paced.p50_ms, 2).padStart(6)} ms  p99 ${fixed(paced.p99_ms, 2).padStart(7)} ms  cpu ${fixed(paced.cpuMsPer1k, 1).padStart(6)} ms/1k  errors ${paced.errors.total}`;
}

/** "median (min–max)" of a spread, or n/a. */
export function range(s, digits) {
  if (!s) return 'n/a';
  if (s.n === 1 || s.min === s.max) return fixed(s.median, digits);
  return `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
}

function signed(s, digits) {
  if (!s) return 'n/a';
  const f = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
  return s.n === 1 || s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}…${f(s.max)})`;
}

function checkCell(c) {
  if (c.checksFailed === 0) return 'ok';
  return `**FAILED ${c.checksFailed}/${c.rounds}**`;
}

/** The whole summary as Markdown. */
export function summaryMarkdown(summary, meta) {
  const lines = [];
  const k = meta.knobs;
  lines.push(`# Margay bench — ${meta.startedAt}`);
  lines.push('');
  lines.push(`${meta.host.cpus}× ${meta.host.cpuModel}, ${meta.versions.node}, ${meta.versions.nginx ?? 'nginx not installed'}, ${meta.versions.wrk}; Margay ${meta.git}.`);
  lines.push(`ROUNDS=${k.rounds} DURATION=${k.durationS}s in ${k.windows} alternating windows (${k.windowSeconds.join(' + ')} s) WARMUP=${k.warmupS}s CONNS=${k.conns} THREADS=${k.threads}; scenarios ${k.scenarios.join(', ')}; candidates ${k.candidates.join(', ')}.`);
  lines.push(`Database: ${meta.database}.`);
  lines.push(`Load average (1/5/15 min): before ${meta.loadavg.before.join(' ')}, after ${meta.loadavg.after?.join(' ') ?? '–'} — on a shared machine, compare candidates within this run only.`);
  // "before" is the load of others alone; "after" includes this run's own.
  if (meta.loadavg.before[0] > meta.host.cpus / 2) {
    lines.push(`**The machine was busy before the run started** (1-min load average ${meta.loadavg.before[0]} on ${meta.host.cpus} CPUs): absolute numbers and single-round ratios are unreliable; use more rounds.`);
  }
  if (k.rounds < 3) lines.push(`**${k.rounds} round${k.rounds === 1 ? '' : 's'} only**: a smoke test of the harness, not a measurement to plan by (default 3 rounds).`);
  lines.push('');
  lines.push(...targetsMarkdown(evaluateTargets(summary)));
  lines.push('');
  lines.push('Medians over rounds, (min–max) when they differ. Ratios (×) are per round against the floor measured in the same round, then the median. CPU = user+sys of the candidate process(es), Postgres excluded, per 1,000 requests. Errors = non-2xx + socket errors, summed over rounds.');
  for (const s of summary.scenarios) {
    lines.push('');
    lines.push(`## ${s.number}. ${s.id} — ${s.title}`);
    lines.push('');
    lines.push(`\`GET ${s.requestPath}\`${s.note ? `. ${s.note}.` : ''}`);
    lines.push('');
    lines.push('| candidate | req/s | p50 ms | p99 ms | CPU-ms / 1k req | errors | check | req/s ×http-proxy | req/s ×nginx | CPU ×http-proxy | CPU ×nginx |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [name, c] of Object.entries(s.candidates)) {
      const ratio = (floor, key) => range(c.ratios[floor][key], 2);
      lines.push(`| ${name} | ${range(c.rps, 0)} | ${range(c.p50_ms, 2)} | ${range(c.p99_ms, 2)} | ${range(c.cpuMsPer1k, 1)} | ${c.measured ? c.errors.total : '–'} | ${checkCell(c)} | ${ratio('http-proxy', 'rps')} | ${ratio('nginx', 'rps')} | ${ratio('http-proxy', 'cpuMsPer1k')} | ${ratio('nginx', 'cpuMsPer1k')} |`);
    }
    for (const [name, c] of Object.entries(s.candidates)) {
      for (const detail of c.checkDetails) lines.push(`- ${name}: not measured or check failed — ${detail}`);
      for (const detail of c.wrkErrors) lines.push(`- ${name}: wrk failed — ${detail}`);
      if (c.majorGcs.some((count) => count > 0)) {
        lines.push(`- ${name}: full (mark-compact) collections during its windows, per round: ${c.majorGcs.map((count) => count ?? '–').join(', ')} — under this load a Margay process in the slow mode (README, Performance) runs one every few seconds, a fast one none: such a round's ratios are not comparable with the others'.`);
      }
    }
    if (s.id === 'jwt-claims' && meta.jwksFetches) {
      const f = meta.jwksFetches;
      lines.push(`- JWKS provider served ${f['/.well-known/openid-configuration'] ?? 0} discovery and ${f['/.well-known/jwks.json'] ?? 0} key-set requests during the whole run.`);
    }
    if (s.reload) {
      const r = s.reload;
      lines.push('');
      lines.push(`Reloads: ${r.puts.ok} of ${r.puts.attempted} PUTs answered 200${r.puts.failed ? ` (**${r.puts.failed} failed**)` : ''}${r.puts.skipped ? `, ${r.puts.skipped} ticks skipped while a PUT was still running` : ''}; PUT latency median ${range(r.putMs.median, 0)} ms, max ${range(r.putMs.max, 0)} ms.`);
      lines.push(r.p99VsSteady.ratio
        ? `Margay p99 with reloads vs the same process without them (alternating windows): ${signed(r.p99VsSteady.addedMs, 2)} ms (×${range(r.p99VsSteady.ratio, 2)}; without reloads ${range(r.steadyP99, 2)} ms); req/s ×${range(r.rpsVsSteady, 2)}.`
        : 'Margay p99 with reloads vs the same process without them: n/a (no window without reloads was measured).');
      lines.push(r.p99VsOneRoute.addedMs
        ? `Margay p99 vs scenario 1 (same round): ${signed(r.p99VsOneRoute.addedMs, 2)} ms (×${range(r.p99VsOneRoute.ratio, 2)}); req/s ×${range(r.rpsVsOneRoute, 2)}. Errors during the reloads: ${s.candidates.margay?.errors.total ?? '–'} (target 0).`
        : `Margay p99 vs scenario 1: n/a (scenario 1 was not measured for Margay in the same rounds). Errors during the reloads: ${s.candidates.margay?.errors.total ?? '–'} (target 0).`);
      for (const f of r.failures) lines.push(`- PUT failure: ${f}`);
      for (const f of r.checksAfterFailed) lines.push(`- check after the reloads failed: ${f}`);
    }
  }
  lines.push('');
  lines.push('## Margay against the floors');
  lines.push('');
  lines.push('| scenario | req/s ×http-proxy | req/s ×nginx | CPU ×http-proxy | CPU ×nginx | p99 added over http-proxy (ms) | p99 added over nginx (ms) | check |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const s of summary.scenarios) {
    const m = s.candidates.margay;
    if (!m) continue;
    const r = (floor, key) => range(m.ratios[floor][key], 2);
    lines.push(`| ${s.number}. ${s.id}${s.floorsFrom !== s.id ? ` (vs ${s.floorsFrom})` : ''} | ${r('http-proxy', 'rps')} | ${r('nginx', 'rps')} | ${r('http-proxy', 'cpuMsPer1k')} | ${r('nginx', 'cpuMsPer1k')} | ${signed(m.ratios['http-proxy'].p99AddedMs, 2)} | ${signed(m.ratios.nginx.p99AddedMs, 2)} | ${checkCell(m)} |`);
  }
  lines.push('');
  lines.push('## Paced: added p99 at half of raw http-proxy\'s saturating load (target ≤ 1 ms)');
  lines.push('');
  const p = summary.paced;
  if (p.pairs.length === 0) {
    lines.push('No paced runs (they need scenario 1 with http-proxy and Margay, or PACED_RPS; PACED=0 turns them off).');
  } else {
    lines.push(`Scenario 1, the same rate for both: wrk -c${k.pacedConns} with lua/pacing.lua, rate = ${k.pacedRps ? `PACED_RPS=${k.pacedRps}` : '½ × http-proxy\'s req/s measured just before in the same round'}.`);
    lines.push('');
    lines.push('| round | target req/s | http-proxy req/s | http-proxy p50 / p99 ms | Margay req/s | Margay p50 / p99 ms | added p99 ms |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const pair of p.pairs) {
      const hp = pair.httpProxy;
      const mg = pair.margay;
      lines.push(`| ${pair.round} | ${pair.targetRps ?? '–'} | ${hp ? fixed(hp.rps, 0) : '–'} | ${hp ? `${fixed(hp.p50_ms, 2)} / ${fixed(hp.p99_ms, 2)}` : '–'} | ${mg ? fixed(mg.rps, 0) : '–'} | ${mg ? `${fixed(mg.p50_ms, 2)} / ${fixed(mg.p99_ms, 2)}` : '–'} | ${pair.addedP99Ms === null ? '–' : signed({ median: pair.addedP99Ms, n: 1 }, 2)} |`);
    }
    lines.push('');
    lines.push(`p99 http-proxy ${range(p.httpProxyP99, 2)} ms, Margay ${range(p.margayP99, 2)} ms; added p99 ${signed(p.addedP99Ms, 2)} ms → ${p.met === null ? 'n/a' : p.met ? '**met** (≤ 1 ms)' : '**NOT met** (> 1 ms)'}.`);
  }
  lines.push('');
  return lines.join('\n');
}

const VERDICT = { true: 'met', false: '**NOT met**', null: 'n/a' };

/** The targets of issue 5 as a table: what each is judged on, this run's value, met or not. */
function targetsMarkdown(verdicts) {
  const lines = ['## Targets (issue 5)', '', '| target | judged on (median over rounds) | this run | limit | verdict |', '|---|---|---|---|---|'];
  for (const v of verdicts) {
    const value = v.value === null ? 'n/a' : Number.isInteger(v.value) ? String(v.value) : v.value.toFixed(2);
    lines.push(`| ${v.target} | ${v.figure} | ${value} | ${v.limit} | ${VERDICT[v.met]} |`);
  }
  const missed = verdicts.filter((v) => v.met === false).length;
  const unjudged = verdicts.filter((v) => v.met === null).length;
  lines.push('', `${verdicts.length - missed - unjudged} of ${verdicts.length} met${missed ? `, ${missed} not met` : ''}${unjudged ? `, ${unjudged} n/a (not run or not measured)` : ''}; from one run on this machine, so read them with the ranges below.`);
  return lines;
}
