/**
 * The downstream query (features.md §4 steps 4–5): Ocelot has two branches, kept here with their
 * different name rules, because configurations rely on both.
 */
import { parseQuery, serializeQuery, type QueryParam } from './query-params.js';

/**
 * The downstream template has a query part. With no request query it is used as it is (a lone `?` is
 * dropped). Otherwise the template's parameters come first, then the request's, minus those named
 * exactly (case-sensitively) like an upstream placeholder or like a template parameter, all re-encoded.
 *
 * @example mergeTemplateQuery('personId=webley', 'userId=webley', new Set(['userId'])) // '?personId=webley'
 */
export function mergeTemplateQuery(templateQuery: string, rawQuery: string, placeholderNames: ReadonlySet<string>): string {
  if (rawQuery === '') return templateQuery === '' ? '' : '?' + templateQuery;
  const params = parseQuery(templateQuery);
  const taken = new Set<string>();
  for (const param of params) taken.add(param.name);
  for (const param of parseQuery(rawQuery)) {
    if (!placeholderNames.has(param.name) && !taken.has(param.name)) params.push(param);
  }
  return withMark(serializeQuery(params));
}

/**
 * The downstream template has no query part. The request query is forwarded verbatim when the route has
 * no placeholders; otherwise it is re-encoded without the parameters named like a placeholder, compared
 * case-insensitively (`{Id}` drops `id`, `Id` and `ID`).
 *
 * @example forwardRequestQuery('id=3&extra=x', new Set(['id'])) // '?extra=x'
 */
export function forwardRequestQuery(rawQuery: string, lowerPlaceholderNames: ReadonlySet<string>): string {
  if (rawQuery === '') return '';
  if (lowerPlaceholderNames.size === 0) return '?' + rawQuery;
  const kept: QueryParam[] = [];
  for (const param of parseQuery(rawQuery)) {
    if (!lowerPlaceholderNames.has(param.name.toLowerCase())) kept.push(param);
  }
  return withMark(serializeQuery(kept));
}

function withMark(query: string): string {
  return query === '' ? '' : '?' + query;
}
