import { All, Controller, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
import { contextOf } from './request-context.js';
import { AuthenticationGuard } from '../auth/authentication.guard.js';
import { AuthorizationGuard } from '../auth/authorization.guard.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { ClaimsToClaimsGuard } from '../transforms/claims-to-claims.guard.js';
import { RequestTransformsInterceptor } from '../transforms/interceptors.js';
import { RouteResolutionGuard } from './route-resolution.guard.js';

/**
 * The catch-all handler: every path and verb. The stages before it are, in Ocelot's order, guards
 * (route resolution, rate limit, authentication, AddClaimsToRequest, authorization: each may refuse
 * the request) and interceptors (header transforms, AddHeaders/AddQueries/ChangeDownstreamPath).
 */
@Controller()
export class ProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  @All('*')
  @UseGuards(RouteResolutionGuard, RateLimitGuard, AuthenticationGuard, ClaimsToClaimsGuard, AuthorizationGuard)
  @UseInterceptors(RequestTransformsInterceptor)
  proxy(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // The response is streamed by the proxy on the raw socket: Fastify must not answer too.
    reply.hijack();
    this.forwarder.forward(request.raw, reply.raw, contextOf(request.raw)!);
  }
}
