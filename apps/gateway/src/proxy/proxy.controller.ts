import { All, Controller, Req, Res, UseGuards } from '@nestjs/common';
import { RouteConstraints } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
import { InterceptorChain } from './interceptor-chain.js';
import { contextOf } from './request-context.js';
import { PIPELINE_CONSTRAINT } from './route-pipeline.js';
import { AuthenticationGuard } from '../auth/authentication.guard.js';
import { AuthorizationGuard } from '../auth/authorization.guard.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { ClaimsToClaimsGuard } from '../transforms/claims-to-claims.guard.js';
import { RequestTransformsInterceptor } from '../transforms/interceptors.js';

/**
 * The catch-all handlers: every path and verb, one handler per request pipeline. Fastify's router
 * resolves the request's route (the `margayPipeline` constraint, route-pipeline.ts) and picks the
 * handler whose guards and interceptors that route needs, so a route pays only for its own stages;
 * a route with none takes the `direct` pipeline, a plain Fastify route (direct-pipeline.ts).
 * Guards run in Ocelot's order (rate limit, authentication, AddClaimsToRequest, authorization: each
 * may refuse the request); the interceptor runs the request transforms (header transforms,
 * AddHeaders/AddQueries/ChangeDownstreamPath).
 *
 * Guards run through Nest's guard consumer (`@UseGuards`). The `transformed` handler's interceptor
 * is a NestInterceptor too, but run by an `InterceptorChain` built here once rather than by
 * `@UseInterceptors`: Nest's interceptor consumer costs more per request than all of Margay's own
 * stages (interceptor-chain.ts, README Performance).
 */
@Controller()
export class ProxyController {
  private readonly transformedInterceptors: InterceptorChain;

  constructor(
    private readonly forwarder: Forwarder,
    transforms: RequestTransformsInterceptor,
  ) {
    this.transformedInterceptors = new InterceptorChain([transforms], ProxyController, ProxyController.prototype.transformed);
  }

  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'guarded' })
  @UseGuards(RateLimitGuard, AuthenticationGuard, ClaimsToClaimsGuard, AuthorizationGuard)
  guarded(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.forwarder.forwardReply(request, reply);
  }

  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'transformed' })
  @UseGuards(RateLimitGuard, AuthenticationGuard, ClaimsToClaimsGuard, AuthorizationGuard)
  transformed(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void | Promise<void> {
    return this.transformedInterceptors.run([request, reply], () => this.forwarder.forwardReply(request, reply));
  }

  /** No route, wrong verb, SecurityOptions, or no configuration yet: the exception filter answers. */
  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'refused' })
  refused(@Req() request: FastifyRequest): never {
    throw contextOf(request.raw)!.refusal;
  }
}
