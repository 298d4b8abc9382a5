import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GatewayConfig, StoredRoute } from '@margay/config';
import { configFromRows, globalToRow, providerToRow, routeFromRow, routeToRow } from './config-mapping.js';
import {
  AuthProviderEntity,
  ConfigRevisionEntity,
  GlobalConfigEntity,
  RouteEntity,
} from './entities/index.js';

/** A configuration as stored, with the revision it was read at. */
export interface StoredConfig {
  readonly revision: number;
  readonly config: GatewayConfig;
}

/** Reads and writes the whole configuration in single transactions. */
@Injectable()
export class ConfigRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The configuration and its revision, read from one consistent snapshot of the database. */
  async load(): Promise<StoredConfig> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const revision = await readRevision(manager);
      // One connection runs one query at a time: sequential, inside the same snapshot.
      const global = await manager.findOneBy(GlobalConfigEntity, { id: 1 });
      const routes = await manager.find(RouteEntity, { order: { position: 'ASC' } });
      const providers = await manager.find(AuthProviderEntity, { order: { position: 'ASC' } });
      return { revision, config: configFromRows(global, routes, providers) };
    });
  }

  /** The stored routes with their ids, in configuration order. */
  async routes(): Promise<{ revision: number; routes: StoredRoute[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const revision = await readRevision(manager);
      const rows = await manager.find(RouteEntity, { order: { position: 'ASC' } });
      return { revision, routes: rows.map(toStoredRoute) };
    });
  }

  /** One stored route, or undefined. */
  async route(id: string): Promise<{ revision: number; route: StoredRoute | undefined }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const revision = await readRevision(manager);
      const row = await manager.findOneBy(RouteEntity, { id });
      return { revision, route: row ? toStoredRoute(row) : undefined };
    });
  }

  /** The current revision only: the cheap check the change feed polls. */
  async revision(): Promise<number> {
    return readRevision(this.dataSource.manager);
  }

  /** Replaces the whole configuration in one transaction and answers the revision it committed. */
  async replace(config: GatewayConfig): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(RouteEntity).execute();
      await manager.createQueryBuilder().delete().from(AuthProviderEntity).execute();
      if (config.Routes.length > 0) {
        await manager.insert(RouteEntity, config.Routes.map((route, position) => routeToRow(route, position)));
      }
      if (config.AuthenticationProviders.length > 0) {
        await manager.insert(
          AuthProviderEntity,
          config.AuthenticationProviders.map((provider, position) => providerToRow(provider, position)),
        );
      }
      await manager.save(GlobalConfigEntity, globalToRow(config));
      return readRevision(manager);
    });
  }
}

export type { StoredRoute } from '@margay/config';

function toStoredRoute(row: RouteEntity): StoredRoute {
  return { id: row.id, position: row.position, route: routeFromRow(row), updatedAt: row.updatedAt.toISOString() };
}

async function readRevision(manager: EntityManager): Promise<number> {
  const row = await manager.findOneBy(ConfigRevisionEntity, { id: 1 });
  if (!row) throw new Error('config_revision has no row: the database was not migrated (run the gateway once with a reachable database)');
  return Number(row.revision);
}
