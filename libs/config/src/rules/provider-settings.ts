import { indexPath } from '../internal/json-path.js';
import { parseHttpUrl } from '../internal/syntax.js';
import type { AuthenticationProviderConfig, ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** Provider types Margay implements. */
export const PROVIDER_TYPES = ['IdentityServer', 'JwtBearer'] as const;
/** `SupportedTokens` values of an IdentityServer provider; absent means Both. */
export const SUPPORTED_TOKENS = ['Jwt', 'Reference', 'Both'] as const;
/** `ClockSkewSeconds` when absent. ASP.NET defaults to 300 s; Margay to 30 s (see MAX_CLOCK_SKEW_SECONDS). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
/**
 * Largest accepted `ClockSkewSeconds`. ASP.NET's default skew is 300 s; Margay defaults to 30 s
 * when absent and refuses more than ten minutes, because a long skew extends every token's life.
 */
export const MAX_CLOCK_SKEW_SECONDS = 600;

/**
 * Margay's rules for each `AuthenticationProviders` entry (codes in brackets):
 * - `Type` is IdentityServer or JwtBearer [`provider_type_invalid`];
 * - IdentityServer: `Authority` [`provider_authority_missing`], `ApiName` [`provider_api_name_missing`],
 *   `SupportedTokens` Jwt | Reference | Both [`provider_supported_tokens_invalid`], and `ApiSecret`
 *   for Reference/Both (the default) [`provider_api_secret_missing`];
 * - JwtBearer: `Authority`, or both `JwksUri` and `Issuer` [`provider_signing_keys_missing`], and
 *   `Audience` [`provider_audience_missing`];
 * - `Authority` / `JwksUri` are absolute http(s) URLs [`provider_url_invalid`], https unless
 *   `RequireHttpsMetadata` is false [`provider_url_not_https`];
 * - `ClockSkewSeconds` an integer 0–600 [`provider_clock_skew_invalid`].
 */
export const providerSettingsRule: ConfigRule = (config) => config.AuthenticationProviders.flatMap((provider, index) => checkProvider(provider, index));

function checkProvider(provider: AuthenticationProviderConfig, index: number): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const base = indexPath('AuthenticationProviders', index);
  const label = `AuthenticationProviders[${index}]${typeof provider.Key === 'string' && provider.Key !== '' ? ` (Key ${quote(provider.Key)})` : ''}`;
  const add = (key: string, code: string, text: string): void => {
    issues.push({ path: `${base}.${key}`, code, message: `${label}: ${text}` });
  };
  const present = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

  for (const key of ['Authority', 'JwksUri'] as const) {
    const url = provider[key];
    if (!present(url)) continue;
    const parsed = parseHttpUrl(url);
    if (parsed === null) add(key, 'provider_url_invalid', `${key} ${quote(url)} must be an absolute http(s) URL, e.g. "https://login.example.com/realms/main".`);
    else if (parsed.scheme !== 'https' && provider.RequireHttpsMetadata !== false)
      add(key, 'provider_url_not_https', `${key} ${quote(url)} must use https. For a local test provider set "RequireHttpsMetadata": false.`);
  }

  const skew: unknown = provider.ClockSkewSeconds;
  if (skew !== undefined && skew !== null && !(typeof skew === 'number' && Number.isInteger(skew) && skew >= 0 && skew <= MAX_CLOCK_SKEW_SECONDS)) {
    add('ClockSkewSeconds', 'provider_clock_skew_invalid', `ClockSkewSeconds must be an integer from 0 to ${MAX_CLOCK_SKEW_SECONDS}, got ${quote(skew)} (default ${DEFAULT_CLOCK_SKEW_SECONDS} when absent).`);
  }

  if (provider.Type === 'IdentityServer') {
    if (!present(provider.Authority)) add('Authority', 'provider_authority_missing', 'an IdentityServer provider needs Authority, the identity server\'s base URL.');
    if (!present(provider.ApiName)) add('ApiName', 'provider_api_name_missing', 'an IdentityServer provider needs ApiName, the API resource tokens must be issued for.');
    const tokens: unknown = provider.SupportedTokens;
    if (tokens !== undefined && tokens !== null && !(SUPPORTED_TOKENS as readonly unknown[]).includes(tokens)) {
      add('SupportedTokens', 'provider_supported_tokens_invalid', `SupportedTokens ${quote(tokens)} must be "Jwt", "Reference" or "Both" (the default).`);
    } else if ((tokens ?? 'Both') !== 'Jwt' && !present(provider.ApiSecret)) {
      add('ApiSecret', 'provider_api_secret_missing', `SupportedTokens ${quote(tokens ?? 'Both')} includes reference tokens, which are checked by introspection with ApiSecret. Set ApiSecret, or set "SupportedTokens": "Jwt".`);
    }
  } else if (provider.Type === 'JwtBearer') {
    if (!present(provider.Authority) && !(present(provider.JwksUri) && present(provider.Issuer))) {
      add('Authority', 'provider_signing_keys_missing', 'a JwtBearer provider needs Authority (its keys are discovered there), or both JwksUri and Issuer.');
    }
    if (!present(provider.Audience)) add('Audience', 'provider_audience_missing', 'a JwtBearer provider needs Audience, the "aud" value tokens must carry.');
  } else {
    add('Type', 'provider_type_invalid', `Type ${quote(provider.Type)} must be ${PROVIDER_TYPES.map((type) => quote(type)).join(' or ')}.`);
  }
  return issues;
}
