import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ConfigRepository, type StoredRoute } from '../store/config-repository.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminError } from './admin-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Read access to single routes (the whole file is `/api/v1/config/ocelot`). */
@Controller('api/v1/routes')
@UseGuards(AdminAuthGuard)
export class RoutesController {
  constructor(private readonly repository: ConfigRepository) {}

  @Get()
  async list(): Promise<{ revision: number; data: StoredRoute[] }> {
    const { revision, routes } = await this.repository.routes();
    return { revision, data: routes };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<StoredRoute & { revision: number }> {
    if (!UUID.test(id)) throw new AdminError(400, 'invalid_id', `"${id}" is not a route id (a UUID, as listed by GET /api/v1/routes).`);
    const { revision, route } = await this.repository.route(id);
    if (!route) throw new AdminError(404, 'route_not_found', `There is no route with id ${id}.`);
    return { ...route, revision };
  }
}
