import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from './settings.js';

describe('readSettings', () => {
  it('has the documented defaults', () => {
    const settings = readSettings({});
    expect(settings).toMatchObject({
      port: 8080,
      adminPort: 8081,
      host: '0.0.0.0',
      adminHost: '127.0.0.1',
      databaseUrl: undefined,
      adminToken: undefined,
      configPollIntervalMs: 2000,
      logLevel: 'info',
      serverTiming: true,
    });
    expect(settings.dataDir.endsWith('.margay')).toBe(true);
  });

  it('turns Server-Timing off by default in production', () => {
    expect(readSettings({ NODE_ENV: 'production' }).serverTiming).toBe(false);
    expect(readSettings({ NODE_ENV: 'production', SERVER_TIMING: 'true' }).serverTiming).toBe(true);
  });

  it('reads every setting', () => {
    const settings = readSettings({
      PORT: '9000',
      ADMIN_PORT: '9001',
      HOST: '::',
      ADMIN_HOST: 'admin.internal',
      DATABASE_URL: 'postgres://u:p@db:5432/margay',
      ADMIN_TOKEN: 'x'.repeat(32),
      LOG_LEVEL: 'DEBUG',
      SERVER_TIMING: 'false',
    });
    expect(settings).toMatchObject({
      port: 9000,
      adminPort: 9001,
      host: '::',
      adminHost: 'admin.internal',
      databaseUrl: 'postgres://u:p@db:5432/margay',
      logLevel: 'debug',
      serverTiming: false,
    });
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80a'],
    ['ADMIN_PORT', '8080'],
    ['HOST', 'bad host'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'http://db'],
    ['ADMIN_TOKEN', 'too-short'],
    ['ADMIN_TOKEN', 'has spaces in the middle!!'],
    ['CONFIG_POLL_INTERVAL_MS', '5'],
    ['LOG_LEVEL', 'verbose'],
    ['SERVER_TIMING', 'maybe'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    const call = () => readSettings({ [name]: value });
    expect(call).toThrow(SettingsError);
    expect(call).toThrow(name);
  });
});
