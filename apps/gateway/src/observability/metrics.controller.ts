import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Metrics } from './metrics.js';

/**
 * Prometheus scrape endpoint, without the admin token (scrapers rarely carry one; the admin port
 * listens on 127.0.0.1 unless ADMIN_HOST says otherwise). It exposes no configuration or secret.
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.registry.metrics();
    void reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  }
}
