/**
 * `@margay/claims`: Ocelot's claims expressions (`Claims[type] > value[index] > delimiter`), their
 * evaluation against a principal's claims, `AllowedScopes` and `RouteClaimsRequirement` checks.
 * Pure: no Node-only APIs, so the admin UI runs the same code for its previews.
 */
export type { Claim } from './claim.js';
export {
  parseClaimExpression,
  type ClaimExpression,
  type ClaimParseError,
  type ClaimParseErrorCode,
  type ParseResult,
} from './parse-claim-expression.js';
export { formatClaimExpression } from './format-claim-expression.js';
export {
  evaluateClaimExpression,
  type ClaimValueError,
  type ClaimValueErrorCode,
  type ValueResult,
} from './evaluate-claim-expression.js';
export { claimsFromPayload } from './claims-from-payload.js';
export { scopesOf } from './scopes-of.js';
export { hasAllowedScope } from './has-allowed-scope.js';
export { compileAllowedScopes, type CompiledScopes } from './compile-allowed-scopes.js';
export {
  compileClaimsRequirement,
  type ClaimRequirement,
  type CompiledClaimsRequirement,
  type RequirementResult,
} from './compile-claims-requirement.js';
export { checkClaimsRequirement } from './check-claims-requirement.js';
export { withClaim } from './with-claim.js';
export {
  compileClaimsTransforms,
  type ClaimsTransformEntry,
  type ClaimsTransformError,
  type ClaimsTransformValue,
  type CompiledClaimsTransforms,
  type CompileTransformsResult,
  type TransformClaimsResult,
  type TransformValuesResult,
} from './compile-claims-transforms.js';
