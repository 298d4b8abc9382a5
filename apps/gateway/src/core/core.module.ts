import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../config/gateway-options.js';
import { AgentPool } from '../proxy/agent-pool.js';
import { Forwarder } from '../proxy/forwarder.js';
import { Reloader } from '../snapshot/reloader.js';
import { SnapshotTable } from '../snapshot/snapshot-table.js';
import { ConfigRepository } from '../store/config-repository.js';
import { Database } from '../store/database.js';
import { ENTITIES } from '../store/entities/index.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { AdminTokens } from '../admin/admin-tokens.js';
import { ProviderRegistry } from '../auth/provider-registry.js';
import { Metrics } from '../observability/metrics.js';
import { CircuitBreakers } from '../qos/circuit-breakers.js';
import { RateLimiter } from '../qos/rate-limiter.js';

/**
 * What the proxy and the admin API share: the store, the snapshot in service and its reloader.
 * Built once as an application context; both HTTP applications receive its singletons.
 */
@Module({})
export class CoreModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.databaseUrl,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          migrationsRun: false,
          synchronize: false,
          // Connected by Database, with backoff: a gateway must start while Postgres is down.
          manualInitialization: true,
          extra: { max: 10, connectionTimeoutMillis: 5000 },
          applicationName: 'margay-gateway',
        }),
      ],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        Database,
        ConfigRepository,
        SnapshotTable,
        AgentPool,
        Reloader,
        AdminTokens,
        RateLimiter,
        CircuitBreakers,
        ProviderRegistry,
        Metrics,
        Forwarder,
      ],
      exports: [GATEWAY_OPTIONS, Database, ConfigRepository, SnapshotTable, AgentPool, Reloader, AdminTokens, RateLimiter, CircuitBreakers, ProviderRegistry, Metrics, Forwarder],
    };
  }
}

/** The core singletons an HTTP application may be given. */
export const SHARED_SERVICES = [
  GATEWAY_OPTIONS,
  Database,
  ConfigRepository,
  SnapshotTable,
  Reloader,
  AdminTokens,
  RateLimiter,
  CircuitBreakers,
  ProviderRegistry,
  AgentPool,
  Metrics,
  Forwarder,
] as const;
