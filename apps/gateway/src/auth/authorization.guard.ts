import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { contextOf, rawRequestOf } from '../proxy/request-context.js';
import { authorize } from './authorize.js';

/** Ocelot's authorization step (AllowedScopes, then RouteClaimsRequirement) as a NestJS guard. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  canActivate(execution: ExecutionContext): true {
    const request = rawRequestOf(execution);
    return authorize(request, contextOf(request)!);
  }
}
