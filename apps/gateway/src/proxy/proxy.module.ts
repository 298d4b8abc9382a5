import { type DynamicModule, Module } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { ProxyPipelines } from './proxy-pipelines.js';
import { AuthenticationGuard } from '../auth/authentication.guard.js';
import { AuthorizationGuard } from '../auth/authorization.guard.js';
import { RateLimitGuard } from '../qos/rate-limit.guard.js';
import { ClaimsToClaimsGuard } from '../transforms/claims-to-claims.guard.js';
import { RequestTransformsInterceptor } from '../transforms/interceptors.js';

/** The data plane's HTTP side; `shared` are the core's singletons (snapshot table, options). */
@Module({})
export class ProxyModule {
  static forRoot(shared: Provider[]): DynamicModule {
    return {
      module: ProxyModule,
      providers: [
        ...shared,
        ProxyExceptionFilter,
        RateLimitGuard,
        AuthenticationGuard,
        ClaimsToClaimsGuard,
        AuthorizationGuard,
        RequestTransformsInterceptor,
        ProxyPipelines,
      ],
    };
  }
}
