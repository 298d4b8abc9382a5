/**
 * @margay/routing: Ocelot-compatible routing for Margay, pure TypeScript (Node and browser).
 * - {@link compileUpstreamTemplate}: one `UpstreamPathTemplate` → matcher (+ Ocelot's regex, for docs);
 * - {@link buildRouteTable}: all routes of a configuration revision → request → route selection;
 * - {@link compileDownstreamPath}: `DownstreamPathTemplate` → downstream path and query per request;
 * - {@link placeholdersOf}, {@link upstreamPlaceholderNamesOf}: template helpers for the validator;
 * - {@link compileIpSecurity}, {@link parseIpRule}: SecurityOptions IP allow and block lists.
 */
export {
  compileUpstreamTemplate,
  type CompiledUpstreamTemplate,
  type Placeholders,
  type UpstreamTemplateOptions,
} from './compile-upstream-template.js';
export {
  buildRouteTable,
  type RouteDefinition,
  type RouteRequest,
  type RouteSelection,
  type RouteTable,
} from './build-route-table.js';
export {
  compileDownstreamPath,
  type CompiledDownstreamPath,
  type DownstreamPathRequest,
} from './compile-downstream-path.js';
export { placeholdersOf, upstreamPlaceholderNamesOf } from './placeholders.js';
export { compileIpSecurity, parseIpRule, type IpRule, type IpRuleResult, type IpSecurity } from './ip-rules.js';
