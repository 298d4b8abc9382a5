// Where a candidate's time per request goes, from a V8 .cpuprofile of the measured window: every
// sample is charged to the function it was in (self time), grouped by what that code belongs to.
// µs per request = samples × the profile's mean sampling interval ÷ requests served meanwhile.
// What it allocates per request, from a V8 .heapprofile (sampling heap profiler): every sampled byte
// is charged to the nearest function with a script (a builtin such as Object.assign allocates for
// its caller), grouped the same way.

/** Categories in report order; `match` is tried on the sampled (leaf) frame. */
export const CATEGORIES = [
  { id: 'socket-writes', label: 'socket writes (the write syscalls and their copy)', match: (f) => !f.url && /^(writev|writeBuffer|write(Latin1|Utf8|Ascii|Ucs2)String)$/.test(f.functionName) },
  { id: 'gc', label: 'garbage collector', match: (f) => f.functionName === '(garbage collector)' },
  { id: 'native', label: 'V8 and native code (runtime, parser, crypto, …)', match: (f) => !f.url },
  { id: 'node', label: 'Node.js http, net, streams, events', match: (f) => f.url.startsWith('node:') },
  { id: 'http-proxy', label: 'http-proxy', match: (f) => packageOf(f.url) === 'http-proxy' },
  { id: 'nest', label: 'NestJS + rxjs (guards, interceptors, router)', match: (f) => /^(@nestjs\/|rxjs$)/.test(packageOf(f.url) ?? '') },
  { id: 'fastify', label: 'Fastify + find-my-way', match: (f) => /^(fastify|find-my-way|@fastify\/|avvio)/.test(packageOf(f.url) ?? '') },
  { id: 'auth-packages', label: 'passport, passport-jwt, jsonwebtoken, jwks-rsa, jose', match: (f) => /^(passport|passport-jwt|jsonwebtoken|jwks-rsa|jose|jws|jwa)$/.test(packageOf(f.url) ?? '') },
  { id: 'prom-client', label: 'prom-client', match: (f) => packageOf(f.url) === 'prom-client' },
  { id: 'margay', label: 'Margay: apps/gateway', match: (f) => /\/apps\/gateway\//.test(f.url) },
  { id: 'margay-libs', label: 'Margay: libs (routing, claims, transforms, config)', match: (f) => /\/libs\/[^/]+\/dist\//.test(f.url) && !f.url.includes('node_modules') },
  { id: 'other', label: 'other code', match: () => true },
];

/**
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[],
 *   samples: number[], startTime: number, endTime: number }} profile  a V8 CPU profile
 * @param {number} requests requests answered while it was recorded
 * @returns {{ busyUs: number, idleShare: number, categories: Record<string, number>, functions: Map<string, number> }}
 *   per request, in µs; `functions`: self time per `name (file:line)`
 * @example attribute(JSON.parse(readFileSync('margay.cpuprofile', 'utf8')), 48_000).categories.nest // 21.4
 */
export function attribute(profile, requests) {
  if (!(requests > 0)) throw new Error('attribute: no requests were served while the profile was recorded');
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const perSampleUs = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c.id, 0]));
  const functions = new Map();
  let idle = 0;
  for (const id of profile.samples) {
    const frame = frames.get(id);
    if (!frame || frame.functionName === '(idle)') {
      idle++;
      continue;
    }
    const category = CATEGORIES.find((c) => c.match(frame)).id;
    categories[category] += perSampleUs / requests;
    const name = functionName(frame);
    functions.set(name, (functions.get(name) ?? 0) + perSampleUs / requests);
  }
  const busyUs = Object.values(categories).reduce((sum, us) => sum + us, 0);
  return { busyUs, idleShare: idle / Math.max(1, profile.samples.length), categories, functions };
}

/**
 * @param {{ head: HeapNode }} profile  a V8 sampling heap profile; HeapNode =
 *   `{ callFrame: { functionName, url, lineNumber }, selfSize: number, children: HeapNode[] }`
 * @param {number} requests requests answered while it was recorded
 * @returns {{ total: number, categories: Record<string, number>, functions: Map<string, number> }}
 *   bytes allocated per request; `functions`: per `name (file:line)` of the charged frame
 * @example attributeAllocations(JSON.parse(readFileSync('margay.heapprofile', 'utf8')), 48_000).total // 37356
 */
export function attributeAllocations(profile, requests) {
  if (!(requests > 0)) throw new Error('attributeAllocations: no requests were served while the profile was recorded');
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c.id, 0]));
  const functions = new Map();
  let total = 0;
  const stack = [{ node: profile.head, charged: undefined }];
  while (stack.length > 0) {
    const { node, charged: parent } = stack.pop();
    const charged = node.callFrame.url ? node.callFrame : (parent ?? node.callFrame);
    if (node.selfSize > 0) {
      const bytes = node.selfSize / requests;
      total += bytes;
      categories[CATEGORIES.find((c) => c.match(charged)).id] += bytes;
      const name = functionName(charged);
      functions.set(name, (functions.get(name) ?? 0) + bytes);
    }
    for (const child of node.children ?? []) stack.push({ node: child, charged });
  }
  return { total, categories, functions };
}

/** `name (where:line)`, paths shortened to the package or the repository-relative file. */
export function functionName(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const where = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(apps|libs|bench)\//, '$1/');
  return `${name} (${where}:${frame.lineNumber + 1})`;
}

/** The npm package a script URL belongs to (`@scope/name` or `name`), or undefined. */
export function packageOf(url) {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}
