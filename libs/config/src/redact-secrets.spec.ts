import { describe, expect, it } from 'vitest';
import { normalizeConfig } from './normalize-config.js';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  const { config } = normalizeConfig({
    Routes: [],
    GlobalConfiguration: { ServiceDiscoveryProvider: { Host: 'consul', Token: 'acl-token' } },
    AuthenticationProviders: [
      { Key: 'is4', Type: 'IdentityServer', Authority: 'https://idp', ApiName: 'api', ApiSecret: 's3cret' },
      { Key: 'jwt', Type: 'JwtBearer', Authority: 'https://idp', Audience: 'api' },
    ],
  });

  it('removes every ApiSecret and the service discovery token', () => {
    const redacted = redactSecrets(config);
    expect(JSON.stringify(redacted)).not.toContain('s3cret');
    expect(JSON.stringify(redacted)).not.toContain('acl-token');
    expect(redacted.AuthenticationProviders[0]).toEqual({ Key: 'is4', Type: 'IdentityServer', Authority: 'https://idp', ApiName: 'api' });
    expect(redacted.GlobalConfiguration.ServiceDiscoveryProvider).toEqual({ Host: 'consul' });
  });

  it('leaves the original untouched', () => {
    redactSecrets(config);
    expect(config.AuthenticationProviders[0]!.ApiSecret).toBe('s3cret');
    expect(config.GlobalConfiguration.ServiceDiscoveryProvider!.Token).toBe('acl-token');
  });
});
