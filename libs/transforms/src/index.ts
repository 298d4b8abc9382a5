/**
 * `@margay/transforms`: the request transforms of a route (Ocelot's claims transforms and header
 * transforms), compiled once per configuration and applied by pure stage functions. The gateway runs
 * them on live requests; the admin API's transform preview runs the same functions.
 */
export { compileRouteTransforms, type CompiledDictionary, type CompiledRouteTransforms, type DictionarySource, type HeaderTarget, type HeaderTransformSources } from './compile-route-transforms.js';
export { addClaimsToRequest, addHeadersToRequest, addQueriesToRequest, changeDownstreamPathTemplate } from './claims-stages.js';
export {
  applyDownstreamHeaderTransforms,
  applyUpstreamHeaderTransforms,
  compileHeaderTransforms,
  type CompiledHeaderTransform,
  type HeaderPlaceholderValues,
  type HeaderTemplate,
} from './header-transforms.js';
export type { StageResult, TransformFailure, TransformName } from './transform-failure.js';
