import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyServerFactory, FastifyServerFactoryHandler } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import type { ProxyContext } from './request-context.js';
import { resolveRequest } from './route-pipeline.js';

/** What runs a resolved request: the proxy app's ProxyPipelines. */
export interface Pipelines {
  run(request: IncomingMessage, response: ServerResponse, context: ProxyContext): void;
  /** Answers `error` as the JSON error response. */
  fail(error: unknown, request: IncomingMessage, response: ServerResponse): void;
}

/**
 * The proxy port's HTTP server, made by Fastify's `serverFactory` so that the proxy stays a NestJS
 * application on the Fastify adapter (listening, closing, lifecycle hooks) while its requests skip
 * Fastify's request handling: the server resolves each request's route (`resolveRequest`) and runs
 * the pipeline that route needs (`ProxyPipelines`: its NestJS guards and interceptor, then the proxy
 * stage). Fastify's request and reply objects, router and hooks did nothing for a proxied request
 * and cost it ~3 % of its instructions (README, Performance).
 *
 * Until `serve` every request goes to Fastify (it has no routes: 404). Once the app is closing
 * (`shutDown`), a request that still arrives — on a keep-alive connection busy with a request in
 * flight — is answered 503 `shutting_down` with `Connection: close`, so the client retries elsewhere
 * and the connection ends with the request in flight.
 */
export class ProxyServer {
  private pipelines: Pipelines | undefined;
  private shuttingDown = false;

  constructor(private readonly table: SnapshotTable) {}

  /** Fastify's `serverFactory` option. */
  readonly factory: FastifyServerFactory<Server> = (fastify, options) => {
    const server = createServer((options.http ?? {}) as ServerOptions, this.handlerFor(fastify));
    server.on('checkExpectation', this.refuseExpectation);
    // What Fastify sets on the server it makes itself (fastify/lib/server.js); its options hold the defaults.
    if (typeof options.keepAliveTimeout === 'number') server.keepAliveTimeout = options.keepAliveTimeout;
    if (typeof options.requestTimeout === 'number') server.requestTimeout = options.requestTimeout;
    if (typeof options.connectionTimeout === 'number') server.setTimeout(options.connectionTimeout);
    if (typeof options.maxRequestsPerSocket === 'number' && options.maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    }
    return server;
  };

  /** From now on requests run through `pipelines` (the proxy app is initialised). */
  serve(pipelines: Pipelines): void {
    this.pipelines = pipelines;
  }

  /** The app is closing: requests that still arrive are refused (503 `shutting_down`). */
  shutDown(): void {
    this.shuttingDown = true;
  }

  /**
   * An `Expect` other than `100-continue` (which Node's server answers itself): Node would answer a
   * bare 417; this is the same status as the JSON error every other refusal is.
   */
  private readonly refuseExpectation = (request: IncomingMessage, response: ServerResponse): void => {
    const pipelines = this.pipelines;
    if (pipelines === undefined) {
      response.writeHead(417, { connection: 'close' }).end();
      return;
    }
    resolveRequest(this.table, request);
    pipelines.fail(
      new GatewayError('expectation_failed', `The expectation "${String(request.headers.expect).slice(0, 64)}" is not supported; only "100-continue" is. Send the request without this Expect header.`),
      request,
      response,
    );
  };

  private handlerFor(fastify: FastifyServerFactoryHandler<Server>): (request: IncomingMessage, response: ServerResponse) => void {
    return (request, response) => {
      const pipelines = this.pipelines;
      if (pipelines === undefined) return fastify(request, response);
      const context = resolveRequest(this.table, request);
      if (this.shuttingDown) return pipelines.fail(SHUTTING_DOWN, request, response);
      pipelines.run(request, response, context);
    };
  }
}

const SHUTTING_DOWN = new GatewayError('shutting_down', 'This gateway instance is shutting down; send the request again (another instance, or this one once restarted).', {
  connection: 'close',
});
