import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AdminError } from './admin-error.js';
import { AdminTokens } from './admin-tokens.js';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="margay-admin"' };

/** Every admin API call needs `Authorization: Bearer $ADMIN_TOKEN`. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokens) {}

  canActivate(execution: ExecutionContext): boolean {
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    if (!this.tokens.ready) {
      throw new AdminError(503, 'admin_unavailable', 'The admin token is not known yet: the gateway is waiting for its database. Retry shortly, or set ADMIN_TOKEN.', {}, { 'retry-after': '5' });
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    if (!match) {
      throw new AdminError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>".', {}, CHALLENGE);
    }
    if (!this.tokens.matches(match[1]!)) {
      throw new AdminError(401, 'unauthorized', 'The admin token is not valid.', {}, { 'www-authenticate': 'Bearer realm="margay-admin", error="invalid_token"' });
    }
    return true;
  }
}
