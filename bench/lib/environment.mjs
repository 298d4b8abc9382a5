// What the run needs from the machine (wrk, nginx, a built gateway) and what the report says about it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, hostname, loadavg } from 'node:os';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

/** The gateway entry point of a build (`npm run build`). */
export function gatewayEntry(repoRoot) {
  return join(repoRoot, 'apps/gateway/dist/main.js');
}

/** true when `command` runs (`wrk -v` exits 1 but prints its version, so only ENOENT counts). */
export function hasCommand(command, args = ['-v']) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error;
}

/**
 * Sources newer than the build: the bench would measure stale code. Compares the newest .ts under the
 * gateway's and libs' src (specs excluded) with the newest file of the gateway's dist.
 * @returns {string[]} up to five stale source paths, relative to the repo
 */
export function staleSources(repoRoot) {
  const built = newest(join(repoRoot, 'apps/gateway/dist'), (f) => f.endsWith('.js'));
  if (!built) return [];
  const roots = [join(repoRoot, 'apps/gateway/src'), ...listDirs(join(repoRoot, 'libs')).map((d) => join(d, 'src'))];
  const stale = [];
  for (const root of roots) walk(root, (file, mtime) => {
    if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && mtime > built.mtime) stale.push(file.slice(repoRoot.length + 1));
  });
  return stale.slice(0, 5);
}

/** Facts for the report's header and summary.json. */
export function describeMachine(repoRoot) {
  const cpu = cpus();
  return {
    host: { name: hostname(), cpus: cpu.length, cpuModel: cpu[0]?.model?.trim() ?? 'unknown CPU' },
    versions: {
      node: `Node ${process.version}`,
      nginx: hasCommand(NGINX) ? firstLine(spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr) : null,
      wrk: firstLine(spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout).replace(/ Copyright.*/, ''),
    },
    git: gitDescription(repoRoot),
  };
}

/** The three load averages, two decimals. */
export function loadAverages() {
  return loadavg().map((v) => Number(v.toFixed(2)));
}

function gitDescription(repoRoot) {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

function firstLine(text) {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

function listDirs(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

function walk(dir, visit) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path, statSync(path).mtimeMs);
  }
}

function newest(dir, accept) {
  let best;
  walk(dir, (file, mtime) => {
    if (accept(file) && (!best || mtime > best.mtime)) best = { file, mtime };
  });
  return best;
}

export function hasGatewayBuild(repoRoot) {
  return existsSync(gatewayEntry(repoRoot));
}
