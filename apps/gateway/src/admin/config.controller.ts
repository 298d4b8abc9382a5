import { Body, Controller, Get, Header, HttpCode, Put, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminError } from './admin-error.js';
import { ConfigService, type ImportResult } from './config.service.js';

/** `ocelot.json` import and export. */
@Controller('api/v1/config')
@UseGuards(AdminAuthGuard)
export class ConfigController {
  constructor(private readonly config: ConfigService) {}

  /** Replaces the whole configuration; `?dryRun=true` validates only. */
  @Put('ocelot')
  @HttpCode(200)
  importOcelot(@Body() body: unknown, @Query('dryRun') dryRun?: string): Promise<ImportResult> {
    if (typeof body !== 'string') {
      throw new AdminError(415, 'unsupported_media_type', 'Send the ocelot.json document with Content-Type: application/json.');
    }
    return this.config.importOcelot(body, parseBoolean('dryRun', dryRun));
  }

  @Get('ocelot')
  @Header('cache-control', 'no-store')
  async exportOcelot(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    const { revision, document } = await this.config.exportOcelot();
    void reply.header('x-margay-revision', String(revision));
    return document;
  }
}

export function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new AdminError(400, 'invalid_query', `Query parameter ${name} must be true or false, not "${value}".`);
}
