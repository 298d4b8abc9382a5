import 'reflect-metadata';
import { join } from 'node:path';
import { ConsoleLogger, Logger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { startGateway, type RunningGateway } from './gateway.js';
import { readSettings, SettingsError, type LogLevel } from './settings/settings.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './store/embedded-database.js';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** The process: settings, database (yours via DATABASE_URL, or an embedded one), gateway, signals. */
async function main(): Promise<void> {
  let settings;
  try {
    settings = readSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`margay: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  Logger.overrideLogger(
    new ConsoleLogger({ logLevels: NEST_LEVELS[settings.logLevel], json: process.env.LOG_FORMAT === 'json', colors: process.stdout.isTTY === true }),
  );
  const logger = new Logger('Margay');

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = settings.databaseUrl;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is not set: starting an embedded Postgres in ${settings.dataDir}`);
    embedded = await startEmbeddedDatabase(settings.dataDir, settings.embeddedPgPort);
    databaseUrl = await embedded.ensureDatabase('margay');
  }

  let gateway: RunningGateway | undefined;
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: shutting down`);
    try {
      await gateway?.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  gateway = await startGateway({ settings, databaseUrl, snapshotFile: join(settings.dataDir, 'snapshot.json') });
}

main().catch((error) => {
  process.stderr.write(`margay: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
