import { cloneJson } from './internal/json-value.js';
import type { GatewayConfig } from './model.js';

/**
 * A deep copy of the configuration with every secret removed, for any read API or log line:
 * each provider's `ApiSecret`, and `GlobalConfiguration.ServiceDiscoveryProvider.Token` (a Consul or
 * Kubernetes credential; refused as unsupported, but an imported file may still carry it). Removed,
 * not masked, so a client that saves back what it read cannot store a mask as the secret (a writer
 * must keep the stored secret when a body omits it).
 *
 * @example
 * log.info({ config: redactSecrets(config) }, 'configuration applied');
 */
export function redactSecrets(config: GatewayConfig): GatewayConfig {
  const copy = cloneJson(config) as unknown as GatewayConfig;
  for (const provider of copy.AuthenticationProviders ?? []) delete provider.ApiSecret;
  const discovery = copy.GlobalConfiguration?.ServiceDiscoveryProvider;
  if (discovery !== undefined && discovery !== null) delete discovery.Token;
  return copy;
}
