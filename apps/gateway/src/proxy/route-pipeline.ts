import type { IncomingMessage } from 'node:http';
import type { CompiledRoute } from '../snapshot/compiled-snapshot.js';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import { createContext, type ProxyContext } from './request-context.js';
import { pickRequestId } from './request-id.js';
import { resolveRoute } from './resolve-route.js';

/**
 * The request pipelines of the proxy (run by `ProxyPipelines`, proxy-pipelines.ts), each with its own
 * NestJS guards and interceptors, so a request runs exactly the stages its route needs.
 * - `direct`: nothing to check or transform: no guard, no interceptor.
 * - `guarded`: rate limit, authentication, AddClaimsToRequest or authorization, but no request transform.
 * - `transformed`: the guards and the request transforms interceptor.
 * - `refused`: the route could not be resolved (404, 405, 403 by SecurityOptions, 503 before the first
 *   configuration); the exception filter answers with that error.
 */
export type RoutePipeline = 'direct' | 'guarded' | 'transformed' | 'refused';

type RouteStages = Pick<CompiledRoute, 'rateLimit' | 'auth' | 'transforms' | 'transformStages'>;

/** The pipeline a route needs, decided once when the snapshot is compiled. */
export function pipelineFor(route: RouteStages): Exclude<RoutePipeline, 'refused'> {
  if (route.transformStages.length > 0) return 'transformed';
  const { auth } = route;
  // RouteClaimsRequirement is checked even on anonymous routes (Ocelot then answers 403).
  const guarded = route.rateLimit !== null || auth.required || auth.requirement !== null || route.transforms.claims !== null;
  return guarded ? 'guarded' : 'direct';
}

/**
 * Route resolution for one request: creates its context (request id, snapshot, route, placeholders)
 * on the raw request, so every later stage finds it, and decides its pipeline; a request that cannot
 * be resolved takes the `refused` pipeline with the error to answer in `context.refusal`.
 */
export function resolveRequest(table: SnapshotTable, request: IncomingMessage): ProxyContext {
  const snapshot = table.current;
  const context = createContext(request, pickRequestId(request.headers, snapshot));
  try {
    resolveRoute(context, request, snapshot);
    context.pipeline = context.route!.pipeline;
  } catch (error) {
    context.refusal = error;
    context.pipeline = 'refused';
  }
  return context;
}
