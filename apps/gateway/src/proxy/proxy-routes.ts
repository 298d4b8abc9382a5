import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
import { GuardChain } from './guard-chain.js';
import { InterceptorChain } from './interceptor-chain.js';
import { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { contextOf } from './request-context.js';
import { PIPELINE_CONSTRAINT, type RoutePipeline } from './route-pipeline.js';
import { AuthenticationGuard } from '../auth/authentication.guard.js';
import { AuthorizationGuard } from '../auth/authorization.guard.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { ClaimsToClaimsGuard } from '../transforms/claims-to-claims.guard.js';
import { RequestTransformsInterceptor } from '../transforms/interceptors.js';

type Handler = (request: FastifyRequest, reply: FastifyReply) => void | Promise<void>;

/**
 * The proxy's catch-all routes: every path and verb, one Fastify route per request pipeline
 * (route-pipeline.ts). Fastify's router picks the route whose stages the request's route needs (the
 * `margayPipeline` constraint), so a route pays only for its own. The proxy's server
 * (proxy-server.ts) answers `direct` and `refused` requests itself; their routes here serve what
 * reaches Fastify another way (`inject`, or before the server answers directly).
 *
 * The stages are NestJS guards and a NestJS interceptor, Nest-injected, run with Nest's
 * ExecutionContext in Ocelot's order: rate limit, authentication, AddClaimsToRequest, authorization
 * (each may refuse the request), then the request transforms. They are chained here once, at
 * start-up, instead of per request by Nest's router around a controller method: that wrapper (an
 * async handler, the `@Req`/`@Res` parameter pipe, the guard and interceptor consumers and their
 * promises) cost more per request than Margay's own stages (README, Performance). What a stage
 * throws goes to the proxy's exception filter, as it would from a controller.
 */
@Injectable()
export class ProxyRoutes implements OnModuleInit {
  private readonly guards: GuardChain;
  private readonly transforms: InterceptorChain;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly forwarder: Forwarder,
    private readonly filter: ProxyExceptionFilter,
    rateLimit: RateLimitGuard,
    authentication: AuthenticationGuard,
    claimsToClaims: ClaimsToClaimsGuard,
    authorization: AuthorizationGuard,
    transforms: RequestTransformsInterceptor,
  ) {
    this.guards = new GuardChain([rateLimit, authentication, claimsToClaims, authorization]);
    this.transforms = new InterceptorChain([transforms], ProxyRoutes, this.transformed);
  }

  /** Runs before the proxy listens (Fastify takes routes until it is ready). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const routes: Record<RoutePipeline, Handler> = {
      direct: this.direct,
      guarded: this.guarded,
      transformed: this.transformed,
      refused: this.refused,
    };
    for (const [pipeline, handler] of Object.entries(routes)) {
      fastify.route({ method: fastify.supportedMethods, url: '*', constraints: { [PIPELINE_CONSTRAINT]: pipeline }, handler });
    }
  }

  /** Routes with nothing to check or transform. */
  private readonly direct = (request: FastifyRequest, reply: FastifyReply): void => {
    try {
      this.forwarder.forwardReply(request, reply);
    } catch (error) {
      this.fail(error, request, reply);
    }
  };

  /** Rate limit, authentication, AddClaimsToRequest or authorization, no request transform. */
  private readonly guarded = (request: FastifyRequest, reply: FastifyReply): void | Promise<void> =>
    this.afterGuards(request, reply, this.guarded, this.forward);

  /** The guards, then the request transforms interceptor around the proxy stage. */
  private readonly transformed = (request: FastifyRequest, reply: FastifyReply): void | Promise<void> =>
    this.afterGuards(request, reply, this.transformed, this.transformAndForward);

  private readonly forward = (request: FastifyRequest, reply: FastifyReply): void => this.forwarder.forwardReply(request, reply);

  private readonly transformAndForward = (request: FastifyRequest, reply: FastifyReply): void | Promise<void> =>
    this.transforms.run([request, reply], () => this.forwarder.forwardReply(request, reply));

  /**
   * The guards, then `next`: synchronously when every guard answered synchronously (no promise),
   * else once they settled. Whatever a guard or `next` throws or rejects with goes to the filter.
   */
  private afterGuards(request: FastifyRequest, reply: FastifyReply, handler: Handler, next: Handler): void | Promise<void> {
    try {
      const checked = this.guards.check(executionOf(request, reply, handler));
      const done = checked ? checked.then(() => next(request, reply)) : next(request, reply);
      if (done) return done.catch((error) => this.fail(error, request, reply));
    } catch (error) {
      this.fail(error, request, reply);
    }
  }

  /** No route, wrong verb, SecurityOptions, or no configuration yet: the exception filter answers. */
  private readonly refused = (request: FastifyRequest, reply: FastifyReply): void => {
    this.fail(contextOf(request.raw)!.refusal, request, reply);
  };

  private fail(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    this.filter.catch(error, executionOf(request, reply, this.fail));
  }
}

/** Nest's execution context of type `http`, as a controller's guards get it: `[request, reply]`. */
function executionOf(request: FastifyRequest, reply: FastifyReply, handler: Function): ExecutionContextHost {
  const execution = new ExecutionContextHost([request, reply], ProxyRoutes, handler);
  execution.setType('http');
  return execution;
}
