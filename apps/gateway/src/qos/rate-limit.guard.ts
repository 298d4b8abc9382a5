import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayError } from '../errors/gateway-error.js';
import { contextOf, rawRequestOf } from '../proxy/request-context.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * RateLimitOptions, before authentication as in Ocelot. The client is the value of
 * `ClientIdHeader`; unlike Ocelot (503 without it), a request without that header is limited by its
 * remote address, so anonymous callers share no bucket and are not refused outright.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(execution: ExecutionContext): boolean {
    const request = rawRequestOf(execution);
    const context = contextOf(request)!;
    const limit = context.route!.rateLimit;
    if (!limit) return true;
    const sent = request.headers[limit.clientIdHeaderName];
    const clientId = (Array.isArray(sent) ? sent[0] : sent) || `ip:${request.socket.remoteAddress ?? 'unknown'}`;
    if (limit.whitelist.has(clientId)) return true;
    const decision = this.limiter.count(`${limit.keyPrefix}|${context.route!.stateKey}|${clientId}`, limit);
    if (decision.allowed) {
      if (limit.enableHeaders) {
        context.responseHeaders = [
          'x-ratelimit-limit', String(limit.limit),
          'x-ratelimit-remaining', String(decision.remaining),
          'x-ratelimit-reset', new Date(decision.resetAt).toISOString(),
        ];
      }
      return true;
    }
    const headers: Record<string, string> = limit.enableHeaders ? { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) } : {};
    throw new GatewayError('rate_limited', limit.message, headers, { limit: limit.limit, period: limit.period }, limit.statusCode);
  }
}
