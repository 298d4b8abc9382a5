import { All, Controller, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
import { contextOf } from './request-context.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { RouteResolutionGuard } from './route-resolution.guard.js';

/**
 * The catch-all handler: every path and verb. The stages before it are guards (route resolution,
 * then authentication and authorization) and interceptors (claims transforms), in Ocelot's order.
 */
@Controller()
export class ProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  @All('*')
  @UseGuards(RouteResolutionGuard, RateLimitGuard)
  proxy(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // The response is streamed by the proxy on the raw socket: Fastify must not answer too.
    reply.hijack();
    this.forwarder.forward(request.raw, reply.raw, contextOf(request.raw)!);
  }
}
