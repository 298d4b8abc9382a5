// Experiment, not a bench candidate: Margay's proxy app exactly as the gateway runs it (ProxyServer,
// ProxyModule with its guards and transforms interceptor, the Forwarder, agents, metrics) in a process
// that never loads TypeORM, pg or the admin app. The configuration is an ocelot.json file compiled
// once at start (no store, no reload). It answers one question: what a data plane split from the
// control plane would save (README, Performance: "A proxy-only process"). Run `npm run build` first.
// Usage: node proxy-only.mjs <port> <ocelot.json>   (LOG_LEVEL and the other gateway settings apply)
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConsoleLogger, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@margay/config';

const dist = new URL('../../apps/gateway/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { readSettings } = await load('settings/settings.js');
const { GATEWAY_OPTIONS } = await load('config/gateway-options.js');
const { SnapshotTable } = await load('snapshot/snapshot-table.js');
const { compileSnapshot } = await load('snapshot/compile-snapshot.js');
const { AgentPool } = await load('proxy/agent-pool.js');
const { Forwarder } = await load('proxy/forwarder.js');
const { createProxyApp } = await load('proxy/proxy-app.js');
const { RateLimiter } = await load('qos/rate-limiter.js');
const { CircuitBreakers } = await load('qos/circuit-breakers.js');
const { ProviderRegistry } = await load('auth/provider-registry.js');
const { Metrics } = await load('observability/metrics.js');

const [port, configFile] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(port) || port <= 0 || !configFile) {
  process.stderr.write('usage: node proxy-only.mjs <port> <ocelot.json>\n');
  process.exit(2);
}
Logger.overrideLogger(new ConsoleLogger({ logLevels: ['fatal', 'error', 'warn'] }));
const settings = { ...readSettings(), port, host: '127.0.0.1' };
const options = { settings, databaseUrl: undefined, snapshotFile: undefined };

// The data plane's share of the gateway's core services (core.module.ts without the store and reloader).
const SERVICES = [GATEWAY_OPTIONS, SnapshotTable, AgentPool, RateLimiter, CircuitBreakers, ProviderRegistry, Metrics, Forwarder];
class DataPlaneCore {}
Module({ providers: [{ provide: GATEWAY_OPTIONS, useValue: options }, ...SERVICES.slice(1)], exports: SERVICES })(DataPlaneCore);
const core = await NestFactory.createApplicationContext(DataPlaneCore, { bufferLogs: false });

const loaded = loadConfig(readFileSync(configFile, 'utf8'));
if (!loaded.ok) {
  process.stderr.write(`proxy-only: ${configFile} is not a valid configuration: ${JSON.stringify(loaded.issues.slice(0, 3))}\n`);
  process.exit(1);
}
const table = core.get(SnapshotTable);
table.swap(compileSnapshot(loaded.config, 1, { agents: core.get(AgentPool), providers: core.get(ProviderRegistry), forwarder: core.get(Forwarder) }));

// The gateway's own proxy app (proxy/proxy-app.ts), WebSocket upgrades included.
const app = await createProxyApp(core, SERVICES.map((token) => ({ provide: token, useValue: core.get(token) })));
await app.listen({ port, host: '127.0.0.1' });
console.log(`proxy-only listening on http://127.0.0.1:${port} (${loaded.config.Routes.length} routes from ${configFile})`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void app.close().then(() => core.close()).finally(() => process.exit(0)));
