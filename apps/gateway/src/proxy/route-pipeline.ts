import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { CompiledRoute } from '../snapshot/compiled-snapshot.js';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import { contextOf, createContext, type ProxyContext } from './request-context.js';
import { pickRequestId } from './request-id.js';
import { resolveRoute } from './resolve-route.js';

/**
 * The request pipelines of the proxy: each is one route of `ProxyRoutes` (proxy-routes.ts) with its own NestJS
 * guards and interceptors, so a request runs exactly the stages its route needs.
 * - `direct`: nothing to check or transform: no guard, no interceptor.
 * - `guarded`: rate limit, authentication, AddClaimsToRequest or authorization, but no request transform.
 * - `transformed`: the guards and the request transforms interceptor.
 * - `refused`: the route could not be resolved (404, 405, 403 by SecurityOptions, 503 before the first
 *   configuration); the handler answers with that error.
 */
export const ROUTE_PIPELINES = ['direct', 'guarded', 'transformed', 'refused'] as const;
export type RoutePipeline = (typeof ROUTE_PIPELINES)[number];

/** The Fastify route constraint that carries the pipeline (the `constraints` of ProxyRoutes' routes). */
export const PIPELINE_CONSTRAINT = 'margayPipeline';

type RouteStages = Pick<CompiledRoute, 'rateLimit' | 'auth' | 'transforms' | 'transformStages'>;

/** The pipeline a route needs, decided once when the snapshot is compiled. */
export function pipelineFor(route: RouteStages): Exclude<RoutePipeline, 'refused'> {
  if (route.transformStages.length > 0) return 'transformed';
  const { auth } = route;
  // RouteClaimsRequirement is checked even on anonymous routes (Ocelot then answers 403).
  const guarded = route.rateLimit !== null || auth.required || auth.requirement !== null || route.transforms.claims !== null;
  return guarded ? 'guarded' : 'direct';
}

type ConstraintStrategy = NonNullable<NonNullable<FastifyServerOptions['routerOptions']>['constraints']>[string];

/**
 * The pipeline as a Fastify route constraint: Fastify's router asks it which of ProxyRoutes' routes
 * a request takes, and it answers with the pipeline route resolution decided (`resolveRequest`).
 */
export function routePipelineConstraint(table: SnapshotTable): ConstraintStrategy {
  return {
    name: PIPELINE_CONSTRAINT,
    mustMatchWhenDerived: true,
    storage() {
      const handlers = new Map<string, unknown>();
      return {
        get: (pipeline: string) => (handlers.get(pipeline) ?? null) as never,
        set: (pipeline: string, handler: unknown) => void handlers.set(pipeline, handler),
      };
    },
    validate(value: unknown) {
      if (!ROUTE_PIPELINES.includes(value as RoutePipeline)) {
        throw new Error(`${PIPELINE_CONSTRAINT} must be one of ${ROUTE_PIPELINES.join(', ')}, not ${String(value)}`);
      }
    },
    // The proxy's server (proxy-server.ts) resolved the request before handing it to Fastify;
    // a request Fastify gets another way (`inject`) is resolved here.
    deriveConstraint: (request: IncomingMessage): RoutePipeline => (contextOf(request) ?? resolveRequest(table, request)).pipeline,
  };
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
