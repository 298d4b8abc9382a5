import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue, RouteConfig } from '../model.js';
import type { ConfigRule } from './rule.js';

/**
 * Ocelot's rule (FileConfigurationFluentValidator): two routes are duplicates when they have the
 * same UpstreamPathTemplate (exact), the same UpstreamHost, identical UpstreamHeaderTemplates, and
 * methods that overlap — both lists empty (all methods), one empty, or a shared method
 * (case-insensitive). Margay treats an empty UpstreamHost like an absent one (both mean any host),
 * where Ocelot tells `""` and null apart. Reported on the later route. Code `duplicate_route`.
 */
export const duplicateRoutesRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const routes = config.Routes;
  for (let later = 1; later < routes.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const overlap = duplicateMethods(routes[earlier]!, routes[later]!);
      if (overlap === null) continue;
      issues.push({
        path: routePath(later, 'UpstreamPathTemplate'),
        code: 'duplicate_route',
        message:
          `${routeLabel(later, routes[later]!)} duplicates Routes[${earlier}]: same UpstreamPathTemplate, UpstreamHost and UpstreamHeaderTemplates, and both accept ${overlap}. ` +
          'Change the template, host or methods of one of them, or remove one.',
      });
      break;
    }
  }
  return issues;
};

/** Describes the methods both routes accept, or null when they are not duplicates. */
function duplicateMethods(a: RouteConfig, b: RouteConfig): string | null {
  if (a.UpstreamPathTemplate !== b.UpstreamPathTemplate) return null;
  if ((a.UpstreamHost || null) !== (b.UpstreamHost || null)) return null;
  if (!sameHeaderTemplates(a.UpstreamHeaderTemplates ?? {}, b.UpstreamHeaderTemplates ?? {})) return null;
  const methodsA = (a.UpstreamHttpMethod ?? []).map((m) => m.toUpperCase());
  const methodsB = (b.UpstreamHttpMethod ?? []).map((m) => m.toUpperCase());
  if (methodsA.length === 0 && methodsB.length === 0) return 'every method';
  if (methodsA.length === 0) return methodsB.join(', ');
  if (methodsB.length === 0) return methodsA.join(', ');
  const shared = methodsA.filter((m) => methodsB.includes(m));
  return shared.length > 0 ? shared.join(', ') : null;
}

function sameHeaderTemplates(a: Record<string, string>, b: Record<string, string>): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}
