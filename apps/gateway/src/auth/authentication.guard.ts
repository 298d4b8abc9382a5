import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { contextOf, rawRequestOf } from '../proxy/request-context.js';
import { authenticate } from './authenticate.js';

/** Ocelot's authentication step as a NestJS guard over the route's passport strategies. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  canActivate(execution: ExecutionContext): true | Promise<true> {
    const request = rawRequestOf(execution);
    return authenticate(request, contextOf(request)!);
  }
}
