import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { contextOf } from '../proxy/request-context.js';
import { authorize } from './authorize.js';

/** Ocelot's authorization step (AllowedScopes, then RouteClaimsRequirement) as a NestJS guard. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  canActivate(execution: ExecutionContext): true {
    const request = execution.switchToHttp().getRequest<FastifyRequest>().raw;
    return authorize(request, contextOf(request)!);
  }
}
