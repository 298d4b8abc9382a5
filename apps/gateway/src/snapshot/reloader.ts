import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { validateConfig, type GatewayConfig, type GatewayStatus as ReloadStatus, type ReloadFailure } from '@margay/config';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../config/gateway-options.js';
import { ProviderRegistry } from '../auth/provider-registry.js';
import { Metrics } from '../observability/metrics.js';
import { AgentPool } from '../proxy/agent-pool.js';
import { Forwarder } from '../proxy/forwarder.js';
import { ChangeFeed } from '../store/change-feed.js';
import { ConfigRepository } from '../store/config-repository.js';
import { Database, describe } from '../store/database.js';
import { compileSnapshot } from './compile-snapshot.js';
import { readSnapshotFile, saveSnapshotFile } from './snapshot-file.js';
import { SnapshotTable } from './snapshot-table.js';

export type { ReloadFailure, GatewayStatus as ReloadStatus } from '@margay/config';

/** Thrown by `serveWritten` when the revision just written cannot be served. */
export class ReloadError extends Error {
  constructor(readonly failure: ReloadFailure) {
    super(`revision ${failure.revision} was not put into service (${failure.kind})`);
  }
}

/** Bursts of changes closer together than this are coalesced into one rebuild. */
const COALESCE_MS = 20;

/**
 * Keeps the snapshot in service current: loads, validates, compiles and swaps on every change the
 * feed reports, coalescing bursts; never replaces a good snapshot with a bad configuration; saves
 * each good one to disk so a gateway can start while the database is down.
 */
@Injectable()
export class Reloader implements OnApplicationShutdown {
  private readonly logger = new Logger('Reload');
  private feed: ChangeFeed | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /**
   * Changes asked for and not yet read by a reload: the highest revision notified, and whether one
   * came without a revision (a reconnect: something may have been missed), which always reloads.
   */
  private wanted: { revision: number; unknown: boolean } | undefined;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;
  private source: ReloadStatus['source'] = 'none';
  private lastFailure: ReloadFailure | null = null;
  private applied = 0;
  private failed = 0;

  constructor(
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    private readonly table: SnapshotTable,
    private readonly repository: ConfigRepository,
    private readonly database: Database,
    private readonly agents: AgentPool,
    private readonly providers: ProviderRegistry,
    private readonly metrics: Metrics,
    private readonly forwarder: Forwarder,
  ) {}

  /**
   * Start-up: the database's configuration if it is reachable and valid, else the last good
   * snapshot from disk; then follow changes. Never throws for an unreachable database.
   */
  async start(): Promise<void> {
    const connected = await this.database.tryConnectOnce();
    if (connected) await this.reloadOnce();
    if (!this.table.current) await this.loadFromDisk();
    if (!this.table.current) {
      this.logger.warn(connected
        ? 'no valid configuration in the database and no saved snapshot: every request answers 503 until one is saved'
        : 'the database is unreachable and there is no saved snapshot: every request answers 503 until the database is back');
    }
    if (connected) this.startFeed();
    else void this.database.connect().then(() => {
      if (this.stopped) return;
      this.startFeed();
      this.requestReload(undefined);
    });
  }

  /** Asks for a reload; `revision` (when known) lets a notification already served be skipped. */
  requestReload(revision: number | undefined): void {
    if (this.stopped || (revision !== undefined && this.covers(revision))) return;
    const wanted = (this.wanted ??= { revision: -1, unknown: false });
    if (revision === undefined) wanted.unknown = true;
    else wanted.revision = Math.max(wanted.revision, revision);
    if (!this.running) this.schedule();
  }

  /**
   * After this process wrote `config` as `revision` (the whole configuration, in one transaction):
   * resolves once this gateway serves it (or a newer one), throws if it cannot. The written
   * configuration is put into service as it is, without reading it back: it is what the database
   * holds at that revision. A reload already under way finishes first (it may have read that
   * revision or a newer one); the notifications of the write then find the revision served.
   */
  async serveWritten(revision: number, config: GatewayConfig): Promise<void> {
    while (this.running) await this.running;
    if (this.table.revision >= revision) return;
    if (this.lastFailure?.revision === revision) throw new ReloadError(this.lastFailure);
    if (!this.apply(config, revision, 'database')) throw new ReloadError(this.lastFailure!);
    this.saveLater(revision, config);
  }

  status(): ReloadStatus {
    const current = this.table.current;
    return {
      revision: this.table.revision,
      source: this.source,
      compiledAt: current ? current.compiledAt.toISOString() : null,
      databaseConnected: this.database.isConnected,
      reloads: { applied: this.applied, failed: this.failed },
      lastFailure: this.lastFailure,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.feed?.stop();
    await this.running;
    await this.saving;
    this.agents.destroy();
  }

  /** The revision is in service, or was refused: nothing to reload for it. */
  private covers(revision: number): boolean {
    return revision <= this.table.revision || revision === this.lastFailure?.revision;
  }

  /** One reload after COALESCE_MS, for whatever was asked for until then. */
  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const wanted = this.wanted;
      this.wanted = undefined;
      // What was asked for may have been served meanwhile (by serveWritten, say).
      if (wanted && !this.stopped && (wanted.unknown || !this.covers(wanted.revision))) void this.run();
    }, COALESCE_MS);
  }

  private run(): Promise<void> {
    this.running = this.reloadOnce().finally(() => {
      this.running = undefined;
      // Changes reported while this reload ran may be newer than what it read.
      if (this.wanted) this.schedule();
    });
    return this.running;
  }

  private async reloadOnce(): Promise<void> {
    let stored;
    try {
      stored = await this.repository.load();
    } catch (error) {
      this.logger.warn(`cannot read the configuration: ${describe(error)}; serving revision ${this.table.revision}`);
      return;
    }
    // A refused revision stays refused: re-validating it on every poll would only repeat the log.
    if (stored.revision === this.table.revision || stored.revision === this.lastFailure?.revision) return;
    if (this.apply(stored.config, stored.revision, 'database')) this.saveLater(stored.revision, stored.config);
  }

  /** Saves a configuration put into service to disk, for a start while the database is down. */
  private saveLater(revision: number, config: GatewayConfig): void {
    // Chained, so a slow write of an older revision can never land after a newer one.
    this.saving = this.saving
      .then(() => saveSnapshotFile(this.options.snapshotFile, revision, config))
      .catch((error) => this.logger.warn(`cannot save the snapshot to ${this.options.snapshotFile}: ${describe(error)}`));
  }

  private async loadFromDisk(): Promise<void> {
    try {
      const saved = await readSnapshotFile(this.options.snapshotFile);
      if (saved && this.apply(saved.config, saved.revision, 'disk')) {
        this.logger.warn(`serving revision ${saved.revision} saved at ${saved.savedAt} from ${this.options.snapshotFile}`);
      }
    } catch (error) {
      this.logger.error(`cannot read the saved snapshot ${this.options.snapshotFile}: ${describe(error)}`);
    }
  }

  /** Validate, compile, swap: true when the configuration went into service. */
  private apply(config: GatewayConfig, revision: number, source: 'database' | 'disk'): boolean {
    const issues = validateConfig(config);
    if (issues.length > 0) {
      this.fail({ revision, kind: 'invalid', issues, at: new Date().toISOString() });
      return false;
    }
    let snapshot;
    try {
      snapshot = compileSnapshot(config, revision, { agents: this.agents, providers: this.providers, forwarder: this.forwarder });
    } catch (error) {
      const issue = { path: '', code: 'compile_failed', message: describe(error) };
      this.fail({ revision, kind: 'compile_failed', issues: [issue], at: new Date().toISOString() });
      this.retireUnusedProviders();
      return false;
    }
    this.table.swap(snapshot);
    this.retireUnusedProviders();
    this.source = source;
    this.applied++;
    this.metrics.reloads.inc({ outcome: 'applied' });
    this.metrics.revision.set(revision);
    this.logger.log(`serving revision ${revision} (${config.Routes.length} routes, ${config.AuthenticationProviders.length} auth providers) from the ${source}`);
    return true;
  }

  /** Provider runtimes only the previous (or a refused) snapshot used are disposed after a grace period. */
  private retireUnusedProviders(): void {
    this.providers.retainOnly(new Set(this.table.current?.providers.runtimes.values() ?? []));
  }

  private fail(failure: ReloadFailure): void {
    this.failed++;
    this.metrics.reloads.inc({ outcome: 'failed' });
    this.lastFailure = failure;
    const shown = failure.issues.slice(0, 10).map((issue) => `\n  ${issue.path || '(file)'}: ${issue.message}`).join('');
    const more = failure.issues.length > 10 ? `\n  …and ${failure.issues.length - 10} more` : '';
    this.logger.error(
      `revision ${failure.revision} was refused (${failure.kind}); still serving revision ${this.table.revision}:${shown}${more}`,
    );
  }

  private startFeed(): void {
    if (this.feed || this.stopped) return;
    this.feed = new ChangeFeed({
      databaseUrl: this.options.databaseUrl,
      pollIntervalMs: this.options.settings.configPollIntervalMs,
      currentRevision: () => this.table.revision,
      readRevision: () => this.repository.revision(),
      onChange: (revision) => this.requestReload(revision),
    });
    this.feed.start();
  }
}
