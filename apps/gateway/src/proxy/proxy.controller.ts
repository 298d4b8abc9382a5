import { All, Controller, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { RouteConstraints } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
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
 * handler whose guards and interceptors that route needs, so a route pays only for its own stages.
 * Guards run in Ocelot's order (rate limit, authentication, AddClaimsToRequest, authorization: each
 * may refuse the request); the interceptor runs the request transforms (header transforms,
 * AddHeaders/AddQueries/ChangeDownstreamPath).
 */
@Controller()
export class ProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  /** Routes with nothing to check or transform. */
  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'direct' })
  direct(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.forward(request, reply);
  }

  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'guarded' })
  @UseGuards(RateLimitGuard, AuthenticationGuard, ClaimsToClaimsGuard, AuthorizationGuard)
  guarded(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.forward(request, reply);
  }

  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'transformed' })
  @UseGuards(RateLimitGuard, AuthenticationGuard, ClaimsToClaimsGuard, AuthorizationGuard)
  @UseInterceptors(RequestTransformsInterceptor)
  transformed(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.forward(request, reply);
  }

  /** No route, wrong verb, SecurityOptions, or no configuration yet: the exception filter answers. */
  @All('*')
  @RouteConstraints({ [PIPELINE_CONSTRAINT]: 'refused' })
  refused(@Req() request: FastifyRequest): never {
    throw contextOf(request.raw)!.refusal;
  }

  private forward(request: FastifyRequest, reply: FastifyReply): void {
    // The response is streamed by the proxy on the raw socket: Fastify must not answer too.
    reply.hijack();
    this.forwarder.forward(request.raw, reply.raw, contextOf(request.raw)!);
  }
}
