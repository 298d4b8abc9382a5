import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { contextOf, rawRequestOf } from '../proxy/request-context.js';
import { runTransformStages } from './stages.js';

/**
 * The request transforms (UpstreamHeaderTransform, then AddHeadersToRequest, AddQueriesToRequest,
 * ChangeDownstreamPathTemplate, in Ocelot's order) as one NestJS interceptor running the route's
 * precompiled stage list (`CompiledRoute.transformStages`, only the stages the route uses, built at
 * reload). One interceptor, not one per stage: each interceptor layer costs an rxjs chain per
 * request. The proxy runs it through `InterceptorChain` (proxy/interceptor-chain.ts), not
 * `@UseInterceptors`, whose consumer costs ~26 µs a request (README, Performance).
 */
@Injectable()
export class RequestTransformsInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = rawRequestOf(execution);
    runTransformStages(request, contextOf(request)!);
    return next.handle();
  }
}
