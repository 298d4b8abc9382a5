import { routeLabel } from '../internal/route-label.js';
import { routePath } from '../internal/json-path.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

type TemplateKey = 'UpstreamPathTemplate' | 'DownstreamPathTemplate';

/**
 * Ocelot's template rules (RouteFluentValidator): both templates are non-empty, start with `/`,
 * contain no `//` and no `http://` / `https://`. Ocelot's message order is kept: downstream
 * slash, double slash, scheme; upstream double slash, slash, scheme.
 *
 * Codes: `template_empty`, `template_no_leading_slash`, `template_double_slash`, `template_contains_scheme`.
 */
export const pathTemplatesRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const label = routeLabel(index, route);
    for (const key of ['DownstreamPathTemplate', 'UpstreamPathTemplate'] as const) {
      const template = route[key];
      const path = routePath(index, key);
      if (typeof template !== 'string' || template === '') {
        issues.push({ path, code: 'template_empty', message: `${label}: ${key} is empty. ${EXAMPLE[key]}` });
        continue;
      }
      const checks = key === 'DownstreamPathTemplate' ? [leadingSlash, doubleSlash, scheme] : [doubleSlash, leadingSlash, scheme];
      for (const check of checks) {
        const problem = check(template, key);
        if (problem !== null) issues.push({ path, code: problem.code, message: `${label}: ${key} ${quote(template)} ${problem.text}` });
      }
    }
  });
  return issues;
};

const EXAMPLE: Readonly<Record<TemplateKey, string>> = {
  UpstreamPathTemplate: 'Set it to the path clients call, e.g. "/orders/{id}".',
  DownstreamPathTemplate: 'Set it to the path of the downstream service, e.g. "/api/orders/{id}".',
};

interface Problem {
  code: string;
  text: string;
}

function leadingSlash(template: string): Problem | null {
  return template.startsWith('/') ? null : { code: 'template_no_leading_slash', text: 'must start with "/": it is a path, not a URL or a relative path.' };
}

function doubleSlash(template: string): Problem | null {
  return template.includes('//')
    ? { code: 'template_double_slash', text: 'contains "//" (an empty path segment), which Ocelot and Margay do not support. Remove the extra slash.' }
    : null;
}

function scheme(template: string, key: TemplateKey): Problem | null {
  if (!template.includes('http://') && !template.includes('https://')) return null;
  const fix =
    key === 'DownstreamPathTemplate'
      ? 'Keep only the path here; put the scheme in DownstreamScheme and the host in DownstreamHostAndPorts.'
      : 'Keep only the path here; to match a host, use UpstreamHost.';
  return { code: 'template_contains_scheme', text: `contains a scheme ("http://" or "https://"). ${fix}` };
}
