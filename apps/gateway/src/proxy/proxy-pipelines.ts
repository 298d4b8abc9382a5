import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Forwarder } from './forwarder.js';
import { GuardChain } from './guard-chain.js';
import { InterceptorChain } from './interceptor-chain.js';
import { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { contextOf, type ProxyContext } from './request-context.js';
import { AuthenticationGuard } from '../auth/authentication.guard.js';
import { AuthorizationGuard } from '../auth/authorization.guard.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { ClaimsToClaimsGuard } from '../transforms/claims-to-claims.guard.js';
import { RequestTransformsInterceptor } from '../transforms/interceptors.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * The request pipelines of the proxy (route-pipeline.ts), which the proxy's server (proxy-server.ts)
 * runs by the pipeline route resolution picked, so a route pays only for its own stages.
 *
 * The stages are NestJS guards and a NestJS interceptor, Nest-injected, run with Nest's
 * ExecutionContext of type `http` whose arguments are the raw request and response, in Ocelot's
 * order: rate limit, authentication, AddClaimsToRequest, authorization (each may refuse the
 * request), then the request transforms. They are chained here once, at start-up, instead of per
 * request by Nest's router around a controller method: that wrapper (an async handler, the
 * `@Req`/`@Res` parameter pipe, the guard and interceptor consumers and their promises) and
 * Fastify's request handling cost more per request than Margay's own stages (README, Performance).
 * What a stage throws goes to the proxy's exception filter, as it would from a controller.
 */
@Injectable()
export class ProxyPipelines {
  private readonly guards: GuardChain;
  private readonly transforms: InterceptorChain;

  constructor(
    private readonly forwarder: Forwarder,
    private readonly filter: ProxyExceptionFilter,
    rateLimit: RateLimitGuard,
    authentication: AuthenticationGuard,
    claimsToClaims: ClaimsToClaimsGuard,
    authorization: AuthorizationGuard,
    transforms: RequestTransformsInterceptor,
  ) {
    this.guards = new GuardChain([rateLimit, authentication, claimsToClaims, authorization]);
    this.transforms = new InterceptorChain([transforms], ProxyPipelines, this.transformed);
  }

  /** Runs the request's pipeline; whatever fails is answered with the JSON error. */
  run(request: IncomingMessage, response: ServerResponse, context: ProxyContext): void {
    switch (context.pipeline) {
      case 'direct':
        try {
          return this.forwarder.forward(request, response, context);
        } catch (error) {
          return this.fail(error, request, response);
        }
      case 'guarded':
        return void this.guarded(request, response);
      case 'transformed':
        return void this.transformed(request, response);
      case 'refused':
        return this.fail(context.refusal, request, response);
    }
  }

  /** The exception filter's answer, for what failed outside a pipeline (or before one ran). */
  fail(error: unknown, request: IncomingMessage, response: ServerResponse): void {
    this.filter.answer(error, request, response);
  }

  /** Rate limit, authentication, AddClaimsToRequest or authorization, no request transform. */
  private readonly guarded = (request: IncomingMessage, response: ServerResponse): void | Promise<void> =>
    this.afterGuards(request, response, this.guarded, this.forward);

  /** The guards, then the request transforms interceptor around the proxy stage. */
  private readonly transformed = (request: IncomingMessage, response: ServerResponse): void | Promise<void> =>
    this.afterGuards(request, response, this.transformed, this.transformAndForward);

  private readonly forward = (request: IncomingMessage, response: ServerResponse): void =>
    this.forwarder.forward(request, response, contextOf(request)!);

  private readonly transformAndForward = (request: IncomingMessage, response: ServerResponse): void | Promise<void> =>
    this.transforms.run([request, response], () => this.forward(request, response));

  /**
   * The guards, then `next`: synchronously when every guard answered synchronously (no promise),
   * else once they settled. Whatever a guard or `next` throws or rejects with goes to the filter.
   */
  private afterGuards(request: IncomingMessage, response: ServerResponse, handler: Handler, next: Handler): void | Promise<void> {
    try {
      const checked = this.guards.check(executionOf(request, response, handler));
      const done = checked ? checked.then(() => next(request, response)) : next(request, response);
      if (done) return done.catch((error) => this.fail(error, request, response));
    } catch (error) {
      this.fail(error, request, response);
    }
  }
}

/** Nest's execution context of type `http`, as a controller's guards get it: `[request, response]`. */
function executionOf(request: IncomingMessage, response: ServerResponse, handler: Function): ExecutionContextHost {
  const execution = new ExecutionContextHost([request, response], ProxyPipelines, handler);
  execution.setType('http');
  return execution;
}
