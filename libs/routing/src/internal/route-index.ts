/**
 * The route index: a trie over the literal path segments a route's matches always start with (its
 * `indexKey`, lower-cased). A request walks the trie along its own segments; every route that can match
 * sits on that walk, so the deepest node reached holds the only candidates. Each node stores, at build
 * time, its candidates already merged with its ancestors' in global order (priority, then config order):
 * routes that start with a placeholder live at the top and appear in every list, and selection never
 * sorts or merges per request.
 */

/** What the index needs to know about a compiled route. */
export interface IndexedRoute {
  /** Position in the global order (priority descending, then configuration order). */
  readonly position: number;
  readonly indexKey: readonly string[];
  readonly hasHost: boolean;
}

/** One node of the trie; `candidates` is final once the index is built. */
export interface RouteIndexNode<R extends IndexedRoute> {
  readonly children: Map<string, RouteIndexNode<R>>;
  readonly own: R[];
  candidates: readonly R[];
  /** Index in `candidates` of the last route with an `UpstreamHost`, or -1. */
  lastHosted: number;
}

function node<R extends IndexedRoute>(): RouteIndexNode<R> {
  return { children: new Map(), own: [], candidates: [], lastHosted: -1 };
}

/**
 * Builds the trie from routes given in global order.
 *
 * @example
 * const root = buildRouteIndex([{ position: 0, indexKey: ['', 'orders'], hasHost: false }]);
 * findCandidates(root, '/orders/7').candidates.length; // 1
 */
export function buildRouteIndex<R extends IndexedRoute>(routesInOrder: readonly R[]): RouteIndexNode<R> {
  const root = node<R>();
  for (const route of routesInOrder) {
    let at = root;
    for (const key of route.indexKey) {
      let child = at.children.get(key);
      if (child === undefined) {
        child = node<R>();
        at.children.set(key, child);
      }
      at = child;
    }
    at.own.push(route);
  }
  finalize(root, []);
  return root;
}

function finalize<R extends IndexedRoute>(at: RouteIndexNode<R>, inherited: readonly R[]): void {
  at.candidates = Object.freeze(mergeByPosition(inherited, at.own));
  at.lastHosted = at.candidates.findLastIndex((route) => route.hasHost);
  for (const child of at.children.values()) finalize(child, at.candidates);
}

/** Merges two lists that are each sorted by position. */
function mergeByPosition<R extends IndexedRoute>(a: readonly R[], b: readonly R[]): R[] {
  const out: R[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i]!.position < b[j]!.position)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * The deepest node on `lowerPath`'s walk (`lowerPath`: the canonical request path, lower-cased).
 * Segment keys are compared as strings; a path starting with `/` begins with the empty segment.
 */
export function findCandidates<R extends IndexedRoute>(root: RouteIndexNode<R>, lowerPath: string): RouteIndexNode<R> {
  let at = root;
  let start = 0;
  for (;;) {
    const end = lowerPath.indexOf('/', start);
    const child = at.children.get(end === -1 ? lowerPath.slice(start) : lowerPath.slice(start, end));
    if (child === undefined) return at;
    at = child;
    if (end === -1) return at;
    start = end + 1;
  }
}
