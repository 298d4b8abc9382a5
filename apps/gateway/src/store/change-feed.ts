import { Logger } from '@nestjs/common';
import pg from 'pg';
import { backoffDelay, sleep } from './backoff.js';
import { describe } from './database.js';

/** The channel the configuration triggers notify (see the initial migration). */
export const CONFIG_CHANNEL = 'margay_config';

export interface ChangeFeedOptions {
  readonly databaseUrl: string;
  /** How often to ask for the revision, to catch a change a dropped connection missed. */
  readonly pollIntervalMs: number;
  /** The revision the gateway serves now (-1 before the first load). */
  readonly currentRevision: () => number;
  /** Reads the revision from the database (throws when unreachable). */
  readonly readRevision: () => Promise<number>;
  /** Called when the configuration may have changed; `revision` is a hint when known. */
  readonly onChange: (revision: number | undefined) => void;
}

/**
 * Tells the gateway when the configuration changed: a dedicated LISTEN connection (not the pool,
 * whose connections come and go) for changes within milliseconds, and a revision poll for what
 * a dropped connection missed. After a reconnect it asks for a full reload, since notifications
 * sent while it was away are lost.
 */
export class ChangeFeed {
  private readonly logger = new Logger('ChangeFeed');
  private client: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private listening: Promise<void> | undefined;

  constructor(private readonly options: ChangeFeedOptions) {}

  start(): void {
    this.listening = this.listenLoop();
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.listening;
  }

  private async poll(): Promise<void> {
    try {
      const revision = await this.options.readRevision();
      if (revision !== this.options.currentRevision()) this.options.onChange(revision);
    } catch {
      // The database is away: the listen loop reports and reconnects; nothing to add here.
    }
  }

  private async listenLoop(): Promise<void> {
    for (let attempt = 0; !this.stopped; ) {
      try {
        const closed = await this.listenOnce();
        attempt = 0;
        // Whatever was notified while the connection was down is lost: reload in full.
        this.options.onChange(undefined);
        await closed;
      } catch (error) {
        if (this.stopped) return;
        const delay = backoffDelay(attempt++);
        this.logger.warn(`cannot listen for configuration changes (${describe(error)}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /** Connects and LISTENs; resolves with a promise that settles when the connection ends. */
  private async listenOnce(): Promise<Promise<void>> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, keepAlive: true, connectionTimeoutMillis: 5000 });
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    client.on('error', (error) => {
      if (!this.stopped) this.logger.warn(`configuration change feed lost its connection: ${describe(error)}`);
      void client.end().catch(() => undefined);
      markClosed();
    });
    client.on('end', () => markClosed());
    client.on('notification', (message) => {
      if (message.channel !== CONFIG_CHANNEL) return;
      const revision = Number(message.payload);
      this.options.onChange(Number.isFinite(revision) ? revision : undefined);
    });
    await client.connect();
    if (this.stopped) {
      await client.end();
      return closed;
    }
    await client.query(`LISTEN ${CONFIG_CHANNEL}`);
    this.client = client;
    return closed;
  }
}
