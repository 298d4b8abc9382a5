import { placeholdersOf, upstreamPlaceholderNamesOf } from '@margay/routing';
import { closestMatch } from '../internal/edit-distance.js';
import { keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule (Ocelot forwards an unfilled `{name}` literally, and fails at request time with 404
 * when a ChangeDownstreamPathTemplate key is not in the template):
 *
 * - every `ChangeDownstreamPathTemplate` key is a placeholder of DownstreamPathTemplate
 *   (code `change_path_key_not_in_template`);
 * - every placeholder of DownstreamPathTemplate is filled by an upstream placeholder, an
 *   `UpstreamHeaderTemplates` `{header:name}` placeholder, or a ChangeDownstreamPathTemplate key
 *   (code `downstream_placeholder_unfilled`).
 *
 * Names compare case-sensitively, as Ocelot substitutes them.
 */
export const downstreamPlaceholdersRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const downstream = typeof route.DownstreamPathTemplate === 'string' ? route.DownstreamPathTemplate : '';
    const label = routeLabel(index, route);
    const downstreamNames = new Set(placeholdersOf(downstream));
    const changeKeys = Object.keys(route.ChangeDownstreamPathTemplate ?? {});

    for (const key of changeKeys) {
      if (downstreamNames.has(key)) continue;
      const bare = /^\{(.*)\}$/.exec(key)?.[1];
      const hint =
        bare !== undefined && downstreamNames.has(bare)
          ? ` Write the key without braces: ${quote(bare)}.`
          : ` Add {${key}} to DownstreamPathTemplate where the claim value belongs, or remove this key.`;
      issues.push({
        path: keyPath(routePath(index, 'ChangeDownstreamPathTemplate'), key),
        code: 'change_path_key_not_in_template',
        message: `${label}: ChangeDownstreamPathTemplate key ${quote(key)} is not a placeholder of DownstreamPathTemplate ${quote(downstream)}.${hint}`,
      });
    }

    // The names routing itself provides to the downstream template (path, query, {header:name}).
    const fillers = new Set<string>(
      upstreamPlaceholderNamesOf({
        UpstreamPathTemplate: typeof route.UpstreamPathTemplate === 'string' ? route.UpstreamPathTemplate : '',
        UpstreamHeaderTemplates: route.UpstreamHeaderTemplates ?? {},
      }),
    );
    for (const key of changeKeys) fillers.add(key);

    for (const name of downstreamNames) {
      if (fillers.has(name)) continue;
      const near = closestMatch(name, fillers, 1);
      const hint =
        near !== undefined
          ? ` Did you mean {${near}}? Placeholder names are case-sensitive.`
          : ` Add {${name}} to UpstreamPathTemplate, capture it with "{header:${name}}" in UpstreamHeaderTemplates, or fill it from a claim with ChangeDownstreamPathTemplate.`;
      issues.push({
        path: routePath(index, 'DownstreamPathTemplate'),
        code: 'downstream_placeholder_unfilled',
        message: `${label}: the placeholder {${name}} in DownstreamPathTemplate ${quote(downstream)} is never filled, so it would be sent literally.${hint}`,
      });
    }
  });
  return issues;
};
