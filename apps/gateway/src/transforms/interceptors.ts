import type { IncomingMessage } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { contextOf, type ProxyContext } from '../proxy/request-context.js';
import { claimsToHeaders, claimsToPath, claimsToQuery, upstreamHeaders } from './stages.js';

type Stage = (request: IncomingMessage, context: ProxyContext) => void;

/** An interceptor that runs one transform stage before the proxy handler. */
function stageInterceptor(stage: Stage): new () => NestInterceptor {
  @Injectable()
  class StageInterceptor implements NestInterceptor {
    intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
      const request = execution.switchToHttp().getRequest<FastifyRequest>().raw;
      stage(request, contextOf(request)!);
      return next.handle();
    }
  }
  return StageInterceptor;
}

/** UpstreamHeaderTransform (after authentication: Margay authenticates what the client sent). */
export const UpstreamHeadersInterceptor = stageInterceptor(upstreamHeaders);
/** AddHeadersToRequest. */
export const ClaimsToHeadersInterceptor = stageInterceptor(claimsToHeaders);
/** AddQueriesToRequest. */
export const ClaimsToQueryInterceptor = stageInterceptor(claimsToQuery);
/** ChangeDownstreamPathTemplate. */
export const ClaimsToPathInterceptor = stageInterceptor(claimsToPath);

/** In Ocelot's order: the outermost runs first. */
export const TRANSFORM_INTERCEPTORS = [UpstreamHeadersInterceptor, ClaimsToHeadersInterceptor, ClaimsToQueryInterceptor, ClaimsToPathInterceptor];
