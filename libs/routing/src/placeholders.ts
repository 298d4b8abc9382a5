import type { RouteDefinition } from './build-route-table.js';
import { placeholderNames, tokenize, tokenizeHeaderTemplate } from './internal/template-syntax.js';

/**
 * The placeholder names of a template (upstream or downstream), without braces, in order, duplicates
 * kept (the validator reports duplicates). A placeholder is `{` + one or more characters other than
 * braces + `}`; in a header template, `{header:name}` reads as `header:name` here (see
 * {@link upstreamPlaceholderNamesOf} for the name it provides).
 *
 * @example placeholdersOf('/api/{version}/items/{id}?sort={sort}') // ['version', 'id', 'sort']
 * @example placeholdersOf('/a/{id}/{id}')                          // ['id', 'id']
 */
export function placeholdersOf(template: string): string[] {
  return placeholderNames(tokenize(template));
}

/**
 * Every placeholder name a route provides to its downstream template: the upstream path template's
 * (path then query), then each `UpstreamHeaderTemplates` value's `{header:name}` names, in order,
 * duplicates kept. This is the `upstreamPlaceholderNames` argument of `compileDownstreamPath`, and what
 * the validator checks downstream placeholders against (with the `ChangeDownstreamPathTemplate` keys).
 *
 * @example
 * upstreamPlaceholderNamesOf({
 *   UpstreamPathTemplate: '/orders/{id}',
 *   UpstreamHeaderTemplates: { 'X-Tenant': '{header:tenant}' },
 * }); // ['id', 'tenant']
 */
export function upstreamPlaceholderNamesOf(
  route: Pick<RouteDefinition, 'UpstreamPathTemplate' | 'UpstreamHeaderTemplates'>,
): string[] {
  const names = placeholdersOf(route.UpstreamPathTemplate);
  for (const template of Object.values(route.UpstreamHeaderTemplates ?? {})) {
    names.push(...placeholderNames(tokenizeHeaderTemplate(template)));
  }
  return names;
}
