import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { backoffDelay, sleep } from './backoff.js';

/** Any number that is the same in every gateway: serialises concurrent migrations. */
const MIGRATION_LOCK = 7_424_130_001;

/**
 * Owns the TypeORM connection: connects in the background with backoff (a gateway may start
 * while Postgres is down and serve its last good snapshot), runs pending migrations once
 * connected, and stops retrying on shutdown.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isConnected(): boolean {
    return this.dataSource.isInitialized;
  }

  /** Resolves once connected and migrated; retries until then (or until shutdown). */
  connect(): Promise<void> {
    this.connecting ??= this.connectWithRetry();
    return this.connecting;
  }

  /** One attempt, for start-up: true when connected and migrated. */
  async tryConnectOnce(): Promise<boolean> {
    try {
      await this.connectAndMigrate();
      return true;
    } catch (error) {
      this.logger.warn(`database unreachable: ${describe(error)}`);
      return false;
    }
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.connectAndMigrate();
        if (attempt > 0) this.logger.log('database reachable again');
        return;
      } catch (error) {
        const delay = backoffDelay(attempt);
        this.logger.warn(`database unreachable (${describe(error)}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  private async connectAndMigrate(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) this.logger.log(`applied migration ${migration.name}`);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  /** Stops retrying; TypeOrmModule closes the pool itself. */
  onApplicationShutdown(): void {
    this.stopped = true;
  }
}

export function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
