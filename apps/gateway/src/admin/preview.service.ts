import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { claimsFromPayload, type Claim } from '@margay/claims';
import { loadConfig, type GatewayConfig, type RouteConfig } from '@margay/config';
import { authenticate } from '../auth/authenticate.js';
import { authorize } from '../auth/authorize.js';
import { looksLikeJwt } from '../auth/bearer-token.js';
import { ProviderRegistry } from '../auth/provider-registry.js';
import { errorBody, GatewayError } from '../errors/gateway-error.js';
import { AgentPool } from '../proxy/agent-pool.js';
import { Forwarder } from '../proxy/forwarder.js';
import { buildDownstreamRequest } from '../proxy/downstream-request.js';
import { createContext, type ProxyContext } from '../proxy/request-context.js';
import { resolveRoute } from '../proxy/resolve-route.js';
import { compileSnapshot } from '../snapshot/compile-snapshot.js';
import { ConfigRepository } from '../store/config-repository.js';
import { claimsToClaims, runTransformStages } from '../transforms/stages.js';
import { AdminError } from './admin-error.js';
import { readPreviewRequest, type PreviewRequest } from './preview-request.js';

/** What the gateway would do with the request: forward it (and how), or refuse it (and how). */
export type PreviewAnswer =
  | {
      readonly outcome: 'forwarded';
      readonly revision: number;
      readonly claims: readonly Claim[];
      readonly method: string;
      readonly headers: Record<string, string | string[] | undefined>;
      readonly query: string;
      readonly downstreamPath: string;
      readonly downstreamUrl: string;
      readonly notes: readonly string[];
    }
  | {
      readonly outcome: 'refused';
      readonly revision: number;
      readonly status: number;
      readonly error: Record<string, unknown>;
      readonly headers: Readonly<Record<string, string>>;
      readonly notes: readonly string[];
    };

const PREVIEW_HOST = 'gateway.preview';

/**
 * The transform preview: one request through the very stages live traffic runs (route matching,
 * authentication when asked to verify, AddClaimsToRequest, authorization, header and claims
 * transforms, the downstream URL and headers), against the stored configuration; nothing is sent.
 */
@Injectable()
export class PreviewService {
  constructor(
    private readonly repository: ConfigRepository,
    private readonly agents: AgentPool,
    private readonly providers: ProviderRegistry,
    private readonly forwarder: Forwarder,
  ) {}

  async preview(body: string): Promise<PreviewAnswer> {
    const input = readPreviewRequest(body);
    const stored = await this.repository.load();
    const route = await this.routeOf(input, stored.config);
    const snapshot = compileSnapshot({ ...stored.config, Routes: [route] }, stored.revision, { agents: this.agents, providers: this.providers, forwarder: this.forwarder });
    const path = input.request.path ?? route.UpstreamPathTemplate.split('?')[0]!.replace(/\{([^}]*)\}/g, '$1');
    const request = {
      method: input.request.method,
      url: input.request.query ? `${path}?${input.request.query}` : path,
      headers: { host: PREVIEW_HOST, ...input.request.headers },
      socket: { remoteAddress: '127.0.0.1' },
    } as unknown as IncomingMessage;
    const context = createContext(request, 'preview');
    const notes: string[] = [];
    try {
      resolveRoute(context, request, snapshot);
      await this.authenticate(input, request, context, notes);
      claimsToClaims(request, context);
      authorize(request, context);
      runTransformStages(request, context);
      const compiled = context.route!;
      const target = compiled.balancer.pick();
      compiled.balancer.release(target);
      const downstreamPath = buildDownstreamRequest(request, context, target);
      const queryStart = downstreamPath.indexOf('?');
      return {
        outcome: 'forwarded',
        revision: stored.revision,
        claims: context.claims ?? context.principal?.claims ?? [],
        method: compiled.downstreamMethod ?? input.request.method,
        headers: request.headers,
        query: queryStart < 0 ? '' : downstreamPath.slice(queryStart),
        downstreamPath: queryStart < 0 ? downstreamPath : downstreamPath.slice(0, queryStart),
        downstreamUrl: `${compiled.effective.downstreamScheme}://${target.hostHeader}${downstreamPath}`,
        notes,
      };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const { requestId: _requestId, ...body } = errorBody(error, undefined);
      return { outcome: 'refused', revision: stored.revision, status: error.status, error: body, headers: error.headers, notes };
    }
  }

  private async routeOf(input: PreviewRequest, stored: GatewayConfig): Promise<RouteConfig> {
    if (input.routeId !== undefined) {
      const found = await this.repository.route(input.routeId);
      if (!found.route) throw new AdminError(404, 'route_not_found', `There is no route with id ${input.routeId}.`);
      return found.route.route;
    }
    const loaded = loadConfig({ ...stored, Routes: [input.route] });
    if (!loaded.ok) throw AdminError.invalidConfig(loaded.issues, loaded.warnings);
    return loaded.config.Routes[0]!;
  }

  /**
   * Claims sent as such stand for an authenticated principal; a token is decoded, or verified by
   * the route's providers exactly as the gateway would when `verify` is true. The gateway ignores
   * tokens on routes that need none, and so does the preview.
   */
  private async authenticate(input: PreviewRequest, request: IncomingMessage, context: ProxyContext, notes: string[]): Promise<void> {
    const auth = context.route!.auth;
    if (!auth.required) {
      if (input.claims || input.token) notes.push('The route is not authenticated: the gateway ignores tokens there, so the claims were not used.');
      return;
    }
    if (input.verify) {
      request.headers.authorization = `Bearer ${input.token}`;
      await authenticate(request, context);
      return;
    }
    if (input.claims) {
      context.principal = { provider: 'preview', claims: input.claims, expiresAt: Number.POSITIVE_INFINITY };
      notes.push('Claims were taken as given; authentication was not run.');
      return;
    }
    if (input.token) {
      context.principal = { provider: 'preview', claims: decodeClaims(input.token), expiresAt: Number.POSITIVE_INFINITY };
      request.headers.authorization = `Bearer ${input.token}`;
      notes.push('The token was decoded, not verified (send "verify": true to verify it against the route\'s providers).');
      return;
    }
    await authenticate(request, context);
  }
}

function decodeClaims(token: string): Claim[] {
  if (!looksLikeJwt(token)) {
    throw new AdminError(400, 'invalid_preview', 'The preview request is not valid: the token is not a JWT, so it cannot be decoded; send "verify": true to introspect it.');
  }
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as unknown;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('not an object');
    return claimsFromPayload(payload as Record<string, unknown>);
  } catch {
    throw new AdminError(400, 'invalid_preview', 'The preview request is not valid: the token\'s payload is not a JSON object.');
  }
}
