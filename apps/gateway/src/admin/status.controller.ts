import { Controller, Get, UseGuards } from '@nestjs/common';
import { Reloader, type ReloadStatus } from '../snapshot/reloader.js';
import { AdminAuthGuard } from './admin-auth.guard.js';

/** Liveness without auth (for probes); the detailed reload status with auth. */
@Controller()
export class StatusController {
  constructor(private readonly reloader: Reloader) {}

  @Get('healthz')
  health(): { status: 'ok'; revision: number } {
    return { status: 'ok', revision: this.reloader.status().revision };
  }

  @Get('api/v1/status')
  @UseGuards(AdminAuthGuard)
  status(): ReloadStatus {
    return this.reloader.status();
  }
}
