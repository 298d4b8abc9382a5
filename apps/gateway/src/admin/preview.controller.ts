import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminError } from './admin-error.js';
import { PreviewService, type PreviewAnswer } from './preview.service.js';

/** What the gateway would do to a request on a route: the same pipeline, nothing sent. */
@Controller('api/v1/preview')
@UseGuards(AdminAuthGuard)
export class PreviewController {
  constructor(private readonly previews: PreviewService) {}

  @Post('transforms')
  @HttpCode(200)
  transforms(@Body() body: unknown): Promise<PreviewAnswer> {
    if (typeof body !== 'string') {
      throw new AdminError(415, 'unsupported_media_type', 'Send the preview request with Content-Type: application/json.');
    }
    return this.previews.preview(body);
  }
}
