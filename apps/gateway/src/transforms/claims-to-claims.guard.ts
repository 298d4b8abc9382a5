import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { contextOf, rawRequestOf } from '../proxy/request-context.js';
import { claimsToClaims } from './stages.js';

/**
 * AddClaimsToRequest runs after authentication and before authorization (Ocelot's order), so a
 * derived claim can satisfy RouteClaimsRequirement. NestJS runs every guard before any
 * interceptor, so this one transform is a guard placed between the two auth guards; the others
 * are interceptors.
 */
@Injectable()
export class ClaimsToClaimsGuard implements CanActivate {
  canActivate(execution: ExecutionContext): true {
    const request = rawRequestOf(execution);
    claimsToClaims(request, contextOf(request)!);
    return true;
  }
}
