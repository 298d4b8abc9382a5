import { authenticationKeysRule } from './authentication-keys.js';
import { claimsExpressionsRule } from './claims-expressions.js';
import { claimsRequirementRule } from './claims-requirement.js';
import { downstreamHostsRule } from './downstream-hosts.js';
import { downstreamPlaceholdersRule } from './downstream-placeholders.js';
import { downstreamPortsRule } from './downstream-ports.js';
import { downstreamSchemeRule } from './downstream-scheme.js';
import { duplicatePlaceholdersRule } from './duplicate-placeholders.js';
import { duplicateRouteKeysRule } from './duplicate-route-keys.js';
import { duplicateRoutesRule } from './duplicate-routes.js';
import { headerNamesRule } from './header-names.js';
import { httpVersionRule } from './http-version.js';
import { ipListsRule } from './ip-lists.js';
import { loadBalancerTypeRule } from './load-balancer-type.js';
import { pathTemplatesRule } from './path-templates.js';
import { priorityRule } from './priority.js';
import { providerKeysRule } from './provider-keys.js';
import { providerSettingsRule } from './provider-settings.js';
import { queryKeysRule } from './query-keys.js';
import { rateLimitOptionsRule } from './rate-limit-options.js';
import type { ConfigRule } from './rule.js';
import { timeoutRule } from './timeout.js';
import { unsupportedFeatureRule } from './unsupported-feature-rule.js';
import { upstreamHostRule } from './upstream-host.js';
import { upstreamMethodsRule } from './upstream-methods.js';

export type { ConfigRule } from './rule.js';

/**
 * Every validation rule, in the order their issues are reported: Ocelot's own rules first
 * (features.md §7), then Margay's stricter ones, then the refused features. Order is data here,
 * not an accident of imports.
 */
export const CONFIG_RULES: readonly ConfigRule[] = [
  // Ocelot's rules
  pathTemplatesRule,
  rateLimitOptionsRule,
  authenticationKeysRule,
  downstreamHostsRule,
  httpVersionRule,
  duplicateRoutesRule,
  duplicatePlaceholdersRule,
  // Margay's stricter rules
  downstreamPlaceholdersRule,
  claimsExpressionsRule,
  claimsRequirementRule,
  headerNamesRule,
  queryKeysRule,
  downstreamSchemeRule,
  downstreamPortsRule,
  upstreamMethodsRule,
  upstreamHostRule,
  priorityRule,
  timeoutRule,
  loadBalancerTypeRule,
  duplicateRouteKeysRule,
  providerKeysRule,
  providerSettingsRule,
  ipListsRule,
  // Ocelot features Margay refuses (src/unsupported-features.ts)
  unsupportedFeatureRule,
];
