/**
 * Ocelot's `UpstreamHeaderTransform` / `DownstreamHeaderTransform`: `{ "Header": "find, replace" }`
 * rewrites a header's value; `{ "Header": "value" }` sets it. Placeholders: `{BaseUrl}` (resolved at
 * compile time), `{RemoteIpAddress}`, `{UpstreamHost}`, `{TraceId}` (per request: Ocelot resolves
 * these only at configuration time and so drops them), and, as the find text of a downstream
 * transform, `{DownstreamBaseUrl}`.
 */

/** Per-request values of the request-time placeholders. */
export interface HeaderPlaceholderValues {
  readonly remoteIpAddress: string;
  readonly upstreamHost: string;
  readonly traceId: string;
  /** `scheme://host[:port]/` of the downstream the request went to (downstream transforms only). */
  readonly downstreamBaseUrl: string;
}

type Part = string | { readonly placeholder: keyof HeaderPlaceholderValues };

/** A text with placeholders, rendered per request only when it has any. */
export interface HeaderTemplate {
  readonly constant: string | undefined;
  readonly parts: readonly Part[];
}

export type CompiledHeaderTransform =
  | { readonly kind: 'replace'; readonly name: string; readonly lowerName: string; readonly find: HeaderTemplate; readonly replacement: HeaderTemplate; readonly findsDownstreamBaseUrl: boolean }
  | { readonly kind: 'set'; readonly name: string; readonly lowerName: string; readonly value: HeaderTemplate };

const REQUEST_PLACEHOLDERS: Readonly<Record<string, keyof HeaderPlaceholderValues>> = {
  '{RemoteIpAddress}': 'remoteIpAddress',
  '{UpstreamHost}': 'upstreamHost',
  '{TraceId}': 'traceId',
  '{DownstreamBaseUrl}': 'downstreamBaseUrl',
};

export function compileHeaderTransforms(
  entries: Readonly<Record<string, string>>,
  baseUrl: string,
  direction: 'upstream' | 'downstream',
): CompiledHeaderTransform[] {
  return Object.entries(entries).map(([name, value]) => {
    const lowerName = name.toLowerCase();
    const comma = value.indexOf(',');
    if (comma < 0) return { kind: 'set', name, lowerName, value: template(value, baseUrl) };
    // Ocelot: the find text is not trimmed, the replacement is left-trimmed, further parts ignored.
    const [find = '', replacement = ''] = value.split(',');
    const findsDownstreamBaseUrl = direction === 'downstream' && find === '{DownstreamBaseUrl}';
    return {
      kind: 'replace',
      name,
      lowerName,
      find: template(find, baseUrl),
      replacement: template(replacement.trimStart(), baseUrl),
      findsDownstreamBaseUrl,
    };
  });
}

function template(text: string, baseUrl: string): HeaderTemplate {
  const parts: Part[] = [];
  const pattern = /\{[A-Za-z]+\}/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    const placeholder = REQUEST_PLACEHOLDERS[token];
    if (token === '{BaseUrl}') parts.push(text.slice(last, match.index) + baseUrl);
    else if (placeholder) parts.push(text.slice(last, match.index), { placeholder });
    else parts.push(text.slice(last, match.index) + token);
    last = match.index + token.length;
  }
  parts.push(text.slice(last));
  const constant = parts.every((part) => typeof part === 'string') ? parts.join('') : undefined;
  return { constant, parts };
}

function render(template: HeaderTemplate, values: HeaderPlaceholderValues): string {
  if (template.constant !== undefined) return template.constant;
  let text = '';
  for (const part of template.parts) text += typeof part === 'string' ? part : values[part.placeholder];
  return text;
}

type Headers = Record<string, string | string[] | undefined>;

/** The request's headers on their way downstream (Node's lower-case header object, changed in place). */
export function applyUpstreamHeaderTransforms(transforms: readonly CompiledHeaderTransform[], headers: Headers, values: HeaderPlaceholderValues): void {
  for (const transform of transforms) {
    if (transform.kind === 'set') {
      headers[transform.lowerName] = render(transform.value, values);
      continue;
    }
    const current = first(headers[transform.lowerName]);
    const find = render(transform.find, values);
    if (current !== undefined && find !== '') headers[transform.lowerName] = current.replaceAll(find, render(transform.replacement, values));
  }
}

/** The downstream's response headers on their way to the client (changed in place). */
export function applyDownstreamHeaderTransforms(transforms: readonly CompiledHeaderTransform[], headers: Headers, values: HeaderPlaceholderValues): void {
  for (const transform of transforms) {
    if (transform.kind === 'set') {
      // Ocelot adds response headers only where the downstream did not send one.
      if (headers[transform.lowerName] === undefined) headers[transform.lowerName] = render(transform.value, values);
      continue;
    }
    const current = first(headers[transform.lowerName]);
    const find = render(transform.find, values);
    if (current === undefined || find === '') continue;
    let replacement = render(transform.replacement, values);
    // Ocelot adds the trailing slash so that the path after the base URL stays intact.
    if (transform.findsDownstreamBaseUrl && !replacement.endsWith('/')) replacement += '/';
    headers[transform.lowerName] = current.replaceAll(find, replacement);
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
