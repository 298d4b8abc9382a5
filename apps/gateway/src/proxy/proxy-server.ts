import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyServerFactory, FastifyServerFactoryHandler } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import type { ProxyContext } from './request-context.js';
import { resolveRequest } from './route-pipeline.js';

/** What the server needs to answer a request without Fastify: the proxy app's Forwarder and exception filter. */
export interface DirectAnswers {
  forward(request: IncomingMessage, response: ServerResponse, context: ProxyContext): void;
  answer(exception: unknown, request: IncomingMessage, response: ServerResponse): void;
}

/**
 * The proxy port's HTTP server, made by Fastify's `serverFactory`. It resolves every request's route
 * first, and answers without Fastify what needs no NestJS stage: the `direct` pipeline (no guard, no
 * interceptor) goes straight to the proxy stage, a `refused` request (404, 405, 403, 503) straight to
 * the exception filter's answer. Every other request — the `guarded` and `transformed` pipelines,
 * whose NestJS guards and interceptor run in ProxyRoutes' Fastify routes — goes to Fastify with its
 * context already resolved. A request Fastify serves costs ~20 µs more than one it never sees
 * (README, Performance): its request and reply objects, router and hooks.
 *
 * Until `answerDirectly` every request goes to Fastify, which resolves it through the pipeline
 * constraint. Once the app is closing (`shutDown`), a request that still arrives — on a keep-alive
 * connection busy with a request in flight — is answered 503 `shutting_down` with `Connection: close`,
 * so the client retries elsewhere and the connection ends with the request in flight.
 */
export class ProxyServer {
  private answers: DirectAnswers | undefined;
  private shuttingDown = false;

  constructor(private readonly table: SnapshotTable) {}

  /** Fastify's `serverFactory` option. */
  readonly factory: FastifyServerFactory<Server> = (fastify, options) => {
    const server = createServer((options.http ?? {}) as ServerOptions, this.handlerFor(fastify));
    // What Fastify sets on the server it makes itself (fastify/lib/server.js); its options hold the defaults.
    if (typeof options.keepAliveTimeout === 'number') server.keepAliveTimeout = options.keepAliveTimeout;
    if (typeof options.requestTimeout === 'number') server.requestTimeout = options.requestTimeout;
    if (typeof options.connectionTimeout === 'number') server.setTimeout(options.connectionTimeout);
    if (typeof options.maxRequestsPerSocket === 'number' && options.maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    }
    return server;
  };

  /** From now on, direct and refused requests are answered here (the proxy app is initialised). */
  answerDirectly(answers: DirectAnswers): void {
    this.answers = answers;
  }

  /** The app is closing: requests that still arrive are refused (503 `shutting_down`). */
  shutDown(): void {
    this.shuttingDown = true;
  }

  private handlerFor(fastify: FastifyServerFactoryHandler<Server>): (request: IncomingMessage, response: ServerResponse) => void {
    return (request, response) => {
      const answers = this.answers;
      if (answers === undefined) return fastify(request, response);
      const context = resolveRequest(this.table, request);
      if (this.shuttingDown) return answers.answer(SHUTTING_DOWN, request, response);
      switch (context.pipeline) {
        case 'direct':
          try {
            answers.forward(request, response, context);
          } catch (error) {
            answers.answer(error, request, response);
          }
          return;
        case 'refused':
          return answers.answer(context.refusal, request, response);
        default:
          return fastify(request, response);
      }
    };
  }
}

const SHUTTING_DOWN = new GatewayError('shutting_down', 'This gateway instance is shutting down; send the request again (another instance, or this one once restarted).', {
  connection: 'close',
});
