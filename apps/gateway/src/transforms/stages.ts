import type { IncomingMessage } from 'node:http';
import {
  type CompiledRouteTransforms,
  addClaimsToRequest,
  addHeadersToRequest,
  addQueriesToRequest,
  applyUpstreamHeaderTransforms,
  changeDownstreamPathTemplate,
} from '@margay/transforms';
import type { ProxyContext } from '../proxy/request-context.js';
import { claimsForTransforms } from './transform-claims.js';
import { transformError } from './transform-error.js';

/**
 * The transform stages of one request, each a thin adapter from the request's context to the pure
 * stage of @margay/transforms (which the admin API's preview calls too). Each throws the
 * GatewayError to answer when its transform cannot be applied. The guards and interceptors of
 * plain requests and the WebSocket upgrade path call these same functions.
 */

/** One stage: changes the request and its context, or throws the GatewayError to answer. */
export type TransformStage = (request: IncomingMessage, context: ProxyContext) => void;

/** The interceptor's stages for a route, in Ocelot's order: only those its configuration uses. */
export function transformStagesFor(transforms: CompiledRouteTransforms): TransformStage[] {
  const stages: TransformStage[] = [];
  if (transforms.upstreamHeaders.length > 0) stages.push(upstreamHeaders);
  if (transforms.headers) stages.push(claimsToHeaders);
  if (transforms.queries) stages.push(claimsToQuery);
  if (transforms.path) stages.push(claimsToPath);
  return stages;
}

/** Runs the route's precompiled transform stages (the interceptor, and WebSocket upgrades). */
export function runTransformStages(request: IncomingMessage, context: ProxyContext): void {
  const stages = context.route!.transformStages;
  for (let i = 0; i < stages.length; i++) stages[i]!(request, context);
}

/** AddClaimsToRequest, between authentication and authorization. */
export function claimsToClaims(request: IncomingMessage, context: ProxyContext): void {
  const transforms = context.route!.transforms;
  if (!transforms.claims) return;
  const claims = claimsForTransforms(request, context);
  if (claims === undefined) return;
  const result = addClaimsToRequest(transforms, claims);
  if (!result.ok) throw transformError(result.failure);
  context.claims = result.value;
}

/** UpstreamHeaderTransform: find-and-replace and set on the headers going downstream. */
export function upstreamHeaders(request: IncomingMessage, context: ProxyContext): void {
  const transforms = context.route!.transforms.upstreamHeaders;
  if (transforms.length === 0) return;
  applyUpstreamHeaderTransforms(transforms, request.headers, {
    remoteIpAddress: request.socket.remoteAddress ?? '',
    upstreamHost: request.headers.host ?? '',
    traceId: context.requestId,
    downstreamBaseUrl: '',
  });
}

/** AddHeadersToRequest: claim values as headers; a client-sent header of that name is removed first. */
export function claimsToHeaders(request: IncomingMessage, context: ProxyContext): void {
  const transforms = context.route!.transforms;
  if (!transforms.headers) return;
  const claims = claimsForTransforms(request, context);
  if (claims === undefined) return;
  const result = addHeadersToRequest(transforms, claims, request.headers);
  if (!result.ok) throw transformError(result.failure);
}

/** AddQueriesToRequest: claim values as query parameters, replacing client-sent ones, percent-encoded. */
export function claimsToQuery(request: IncomingMessage, context: ProxyContext): void {
  const transforms = context.route!.transforms;
  if (!transforms.queries) return;
  const claims = claimsForTransforms(request, context);
  if (claims === undefined) return;
  const result = addQueriesToRequest(transforms, claims, context.rawQuery);
  if (!result.ok) throw transformError(result.failure);
  context.rawQuery = result.value;
}

/** ChangeDownstreamPathTemplate: claim values fill downstream placeholders, each as one encoded segment. */
export function claimsToPath(request: IncomingMessage, context: ProxyContext): void {
  const transforms = context.route!.transforms;
  if (!transforms.path) return;
  const claims = claimsForTransforms(request, context);
  if (claims === undefined) return;
  const result = changeDownstreamPathTemplate(transforms, claims);
  if (!result.ok) throw transformError(result.failure);
  // The route table made this object for this request alone: fill it in place (a spread of it
  // costs more than all the transforms together).
  const placeholders = (context.placeholders ??= {});
  for (const name in result.value) placeholders[name] = result.value[name]!;
}
