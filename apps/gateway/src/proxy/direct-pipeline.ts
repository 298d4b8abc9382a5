import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forwarder } from './forwarder.js';
import { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { PIPELINE_CONSTRAINT } from './route-pipeline.js';

/**
 * The `direct` pipeline (route-pipeline.ts): routes with no guard and no interceptor to run. Their
 * handler is a Fastify route registered here, beside ProxyController's: Nest's router wrapper around a
 * controller method (an async handler, a parameter pipe for `@Req`/`@Res`, its guard and interceptor
 * consumers with nothing to run, a promise for Fastify to await) costs about 5 µs and 2 KB of garbage
 * a request, more than the route's own work (README Performance). Errors still go to the proxy's
 * exception filter, so a direct route answers failures with the same JSON body as every other.
 */
@Injectable()
export class DirectPipeline implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly forwarder: Forwarder,
    private readonly filter: ProxyExceptionFilter,
  ) {}

  /** Runs after Nest registered the controllers (and the HTTP methods @All added), before listen. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.route({
      method: fastify.supportedMethods,
      url: '*',
      constraints: { [PIPELINE_CONSTRAINT]: 'direct' },
      handler: this.handle,
    });
  }

  private readonly handle = (request: FastifyRequest, reply: FastifyReply): void => {
    try {
      this.forwarder.forwardReply(request, reply);
    } catch (error) {
      this.filter.catch(error, new ExecutionContextHost([request, reply]));
    }
  };
}
