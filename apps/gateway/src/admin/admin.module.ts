import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { MetricsController } from '../observability/metrics.controller.js';
import { ConfigController } from './config.controller.js';
import { ConfigService } from './config.service.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { PreviewController } from './preview.controller.js';
import { PreviewService } from './preview.service.js';
import { RoutesController } from './routes.controller.js';
import { StatusController } from './status.controller.js';

/** The admin API (its own port); `shared` are the core's singletons. */
@Module({})
export class AdminModule {
  static forRoot(shared: Provider[]): DynamicModule {
    return {
      module: AdminModule,
      controllers: [ConfigController, RoutesController, StatusController, PreviewController, MetricsController],
      providers: [...shared, ConfigService, PreviewService, AdminAuthGuard],
    };
  }
}
