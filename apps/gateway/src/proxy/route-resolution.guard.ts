import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SnapshotTable } from '../snapshot/snapshot-table.js';
import { createContext } from './request-context.js';
import { resolveRoute } from './resolve-route.js';

/**
 * First guard of every proxied request: creates the request's context and resolves its route
 * against the snapshot in service (which the request then keeps, whatever reloads happen).
 */
@Injectable()
export class RouteResolutionGuard implements CanActivate {
  constructor(private readonly table: SnapshotTable) {}

  canActivate(execution: ExecutionContext): boolean {
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const context = createContext(request.raw, request.id);
    resolveRoute(context, request.raw, this.table.current);
    return true;
  }
}
