import { describe, expect, it } from 'vitest';
import type { GatewayConfig, RouteConfig } from '@margay/config';
import type { AuthProviderEntity, GlobalConfigEntity, RouteEntity } from './entities/index.js';
import { configFromRows, globalToRow, providerToRow, routeFromRow, routeToRow } from './config-mapping.js';

describe('row mapping', () => {
  it('keeps typed fields in columns and everything else in extra, losslessly', () => {
    const route: RouteConfig = {
      UpstreamPathTemplate: '/values/{id}',
      DownstreamPathTemplate: '/api/values/{id}',
      UpstreamHttpMethod: ['Get'],
      DownstreamHostAndPorts: [{ Host: 'values', Port: 80 }],
      AuthenticationOptions: { AuthenticationProviderKey: 'TestKey', AllowedScopes: ['api'] },
      Metadata: { team: 'values' },
      SwaggerKey: 'values',
      HttpHandlerOptions: { AllowAutoRedirect: false },
    };
    const row = routeToRow(route, 3);
    expect(row).toMatchObject({ position: 3, upstreamPathTemplate: '/values/{id}', upstreamHttpMethod: ['Get'] });
    expect(row.extra).toEqual({ Metadata: { team: 'values' }, SwaggerKey: 'values', HttpHandlerOptions: { AllowAutoRedirect: false } });
    expect(routeFromRow({ ...row, id: 'x', createdAt: new Date(), updatedAt: new Date() } as RouteEntity)).toEqual(route);
  });

  it('an empty verb list means any verb and is not exported', () => {
    const row = routeToRow({ UpstreamPathTemplate: '/', DownstreamPathTemplate: '/' }, 0);
    expect(row.upstreamHttpMethod).toEqual([]);
    expect(routeFromRow(row as RouteEntity)).toEqual({ UpstreamPathTemplate: '/', DownstreamPathTemplate: '/' });
  });

  it('round-trips a whole configuration through rows', () => {
    const config: GatewayConfig = {
      Routes: [{ UpstreamPathTemplate: '/a', DownstreamPathTemplate: '/b', Priority: 2 }],
      GlobalConfiguration: { BaseUrl: 'https://gw', RequestIdKey: 'X-Id', Metadata: { a: 'b' } },
      AuthenticationProviders: [{ Key: 'TestKey', Type: 'IdentityServer', Authority: 'https://id', ApiName: 'api', ApiSecret: 's' }],
      Aggregates: [],
    };
    const global = globalToRow(config) as GlobalConfigEntity;
    const routes = config.Routes.map((r, i) => routeToRow(r, i) as RouteEntity);
    const providers = config.AuthenticationProviders.map((p, i) => providerToRow(p, i) as AuthProviderEntity);
    expect(configFromRows(global, routes, providers)).toEqual(config);
  });
});
