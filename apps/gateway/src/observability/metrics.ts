import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { FixedBucketHistogram } from './fixed-bucket-histogram.js';

/**
 * Prometheus metrics of one gateway process, in a registry of its own (several gateways in one
 * process, as in tests, must not share counters). Served at `GET /metrics` on the admin port.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** The same figure as `Server-Timing: gateway;dur=…`: time in the gateway before forwarding. */
  readonly gatewayDuration = new FixedBucketHistogram(
    'margay_gateway_duration_seconds',
    'Time a proxied request spends in the gateway before it is sent downstream (route resolution, auth, transforms).',
    [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    this.registry,
  );

  readonly errors = new Counter({
    name: 'margay_proxy_errors_total',
    help: 'Requests the gateway answered with an error of its own, by code (route_not_found, invalid_token, downstream_timeout, ...).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly reloads = new Counter({
    name: 'margay_config_reloads_total',
    help: 'Configuration revisions put into service (applied) or refused (failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly revision = new Gauge({
    name: 'margay_config_revision',
    help: 'The configuration revision this gateway serves (-1: none yet).',
    registers: [this.registry],
  });

  constructor() {
    this.revision.set(-1);
    collectDefaultMetrics({ register: this.registry, prefix: 'margay_' });
  }
}
