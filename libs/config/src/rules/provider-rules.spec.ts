import { describe, expect, it } from 'vitest';
import { loadConfig } from '../load-config.js';

function providerIssues(...providers: Record<string, unknown>[]): [string, string][] {
  return loadConfig({ Routes: [], AuthenticationProviders: providers }).issues.map((issue) => [issue.code, issue.path]);
}

const identityServer = { Key: 'is4', Type: 'IdentityServer', Authority: 'https://idp.example.com', ApiName: 'api', ApiSecret: 'secret' };
const jwtBearer = { Key: 'jwt', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' };

describe('AuthenticationProviders rules', () => {
  it('accepts complete IdentityServer and JwtBearer providers', () => {
    expect(providerIssues(identityServer, jwtBearer)).toEqual([]);
    expect(providerIssues({ ...jwtBearer, Authority: undefined, JwksUri: 'https://idp.example.com/jwks', Issuer: 'https://idp.example.com' })).toEqual([]);
    expect(providerIssues({ ...identityServer, ApiSecret: undefined, SupportedTokens: 'Jwt' })).toEqual([]);
  });

  it('requires a unique, non-empty Key', () => {
    expect(providerIssues({ ...jwtBearer, Key: '' }, jwtBearer, jwtBearer)).toEqual([
      ['provider_key_empty', 'AuthenticationProviders[0].Key'],
      ['provider_key_duplicate', 'AuthenticationProviders[2].Key'],
    ]);
  });

  it('requires a known Type', () => {
    expect(providerIssues({ Key: 'x', Type: 'Saml' })).toEqual([['provider_type_invalid', 'AuthenticationProviders[0].Type']]);
  });

  it('requires Authority, ApiName and (for reference tokens, the default) ApiSecret on IdentityServer', () => {
    expect(providerIssues({ Key: 'is4', Type: 'IdentityServer' })).toEqual([
      ['provider_authority_missing', 'AuthenticationProviders[0].Authority'],
      ['provider_api_name_missing', 'AuthenticationProviders[0].ApiName'],
      ['provider_api_secret_missing', 'AuthenticationProviders[0].ApiSecret'],
    ]);
    expect(providerIssues({ ...identityServer, ApiSecret: undefined, SupportedTokens: 'Reference' })).toEqual([['provider_api_secret_missing', 'AuthenticationProviders[0].ApiSecret']]);
    expect(providerIssues({ ...identityServer, SupportedTokens: 'Opaque' })).toEqual([['provider_supported_tokens_invalid', 'AuthenticationProviders[0].SupportedTokens']]);
  });

  it('requires Authority or JwksUri + Issuer, and Audience, on JwtBearer', () => {
    expect(providerIssues({ Key: 'jwt', Type: 'JwtBearer', JwksUri: 'https://idp.example.com/jwks' })).toEqual([
      ['provider_signing_keys_missing', 'AuthenticationProviders[0].Authority'],
      ['provider_audience_missing', 'AuthenticationProviders[0].Audience'],
    ]);
  });

  it('requires absolute https URLs unless RequireHttpsMetadata is false', () => {
    expect(providerIssues({ ...jwtBearer, Authority: 'idp.example.com' })).toEqual([['provider_url_invalid', 'AuthenticationProviders[0].Authority']]);
    expect(providerIssues({ ...jwtBearer, Authority: 'http://localhost:5000' })).toEqual([['provider_url_not_https', 'AuthenticationProviders[0].Authority']]);
    expect(providerIssues({ ...jwtBearer, Authority: 'http://localhost:5000', RequireHttpsMetadata: false })).toEqual([]);
  });

  it('accepts ClockSkewSeconds 0–600 only (Margay is stricter than ASP.NET)', () => {
    expect(providerIssues({ ...jwtBearer, ClockSkewSeconds: 0 }, { ...jwtBearer, Key: 'b', ClockSkewSeconds: 600 })).toEqual([]);
    expect(providerIssues({ ...jwtBearer, ClockSkewSeconds: 601 })).toEqual([['provider_clock_skew_invalid', 'AuthenticationProviders[0].ClockSkewSeconds']]);
    expect(providerIssues({ ...jwtBearer, ClockSkewSeconds: -1 })).toEqual([['provider_clock_skew_invalid', 'AuthenticationProviders[0].ClockSkewSeconds']]);
  });
});
