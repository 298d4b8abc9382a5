// The four scenarios of issue 5: what is requested, what each candidate is configured with, and what
// the upstream must have seen for the candidate to pass its correctness check.
import { jwtClaimsConfig, oneRouteConfig, reloadConfig, thousandRouteTemplates, thousandRoutesConfig, TARGET_ROUTE } from './ocelot-configs.mjs';

/**
 * @typedef {{ path: string, customer?: string, bearer?: boolean }} Expectation  what the upstream echoes
 * @typedef {{ upstreamPort: number, issuer: string, audience: string, token: string }} ScenarioContext
 * @typedef {{
 *   id: string, number: number, title: string, requestPath: string, candidates: string[],
 *   floorsFrom: string, note?: string,
 *   headers: (ctx: ScenarioContext) => string[],
 *   margayConfig: (ctx: ScenarioContext) => object,
 *   nginxRoutes?: () => { upstream: string, downstream: string }[],
 *   expect: (candidate: string) => Expectation,
 *   refusesWithoutToken?: string[],
 *   reloadConfig?: (ctx: ScenarioContext, tick: number) => object,
 * }} Scenario
 */

const ORDERS_PATH = '/api/v1/orders/123';
const target = thousandRouteTemplates()[TARGET_ROUTE];
const TARGET_PATH = target.upstream.replace('{id}', '123');

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    id: 'one-route',
    number: 1,
    title: 'one route, no auth',
    requestPath: ORDERS_PATH,
    candidates: ['http-proxy', 'nginx', 'margay'],
    floorsFrom: 'one-route',
    headers: () => [],
    margayConfig: (ctx) => oneRouteConfig(ctx.upstreamPort),
    expect: () => ({ path: ORDERS_PATH }),
  },
  {
    id: 'routes-1k',
    number: 2,
    title: `1,000 routes, the request matching route ${TARGET_ROUTE}`,
    requestPath: TARGET_PATH,
    candidates: ['http-proxy', 'nginx', 'margay'],
    floorsFrom: 'routes-1k',
    note: 'http-proxy has no routes (forwards the path as is); nginx has the same 1,000 routes as prefix locations',
    headers: () => [],
    margayConfig: (ctx) => thousandRoutesConfig(ctx.upstreamPort),
    nginxRoutes: () => thousandRouteTemplates(),
    expect: (candidate) => ({ path: candidate === 'http-proxy' ? TARGET_PATH : target.downstream.replace('{id}', '123') }),
  },
  {
    id: 'jwt-claims',
    number: 3,
    title: 'JWT (RS256, JWKS) + AllowedScopes + RouteClaimsRequirement + header/query/path claims transforms',
    requestPath: '/api/orders/123',
    candidates: ['http-proxy', 'nginx', 'margay'],
    floorsFrom: 'jwt-claims',
    note: 'http-proxy and nginx get the same token header and forward it unchecked: they are the floor, not an equal',
    headers: (ctx) => [`Authorization: Bearer ${ctx.token}`],
    margayConfig: (ctx) => jwtClaimsConfig(ctx.upstreamPort, ctx.issuer, ctx.audience),
    // Margay must also refuse the same request without a token: a gateway that forwards it is not
    // authenticating, whatever its throughput.
    refusesWithoutToken: ['margay'],
    expect: (candidate) =>
      candidate === 'margay'
        ? { path: '/api/users/useridvalue/orders/123?LocationId=useridvalue', customer: 'cust-42' }
        : { path: '/api/orders/123', bearer: true },
  },
  {
    id: 'hot-reload',
    number: 4,
    title: 'scenario 1 + one configuration change per second',
    requestPath: ORDERS_PATH,
    candidates: ['margay'],
    floorsFrom: 'one-route',
    note: 'only Margay reloads; its ratios are to the floors of scenario 1 in the same round',
    headers: () => [],
    margayConfig: (ctx) => oneRouteConfig(ctx.upstreamPort),
    reloadConfig: (ctx, tick) => reloadConfig(ctx.upstreamPort, tick),
    expect: () => ({ path: ORDERS_PATH }),
  },
];

/**
 * Compares what the upstream echoed with the expectation.
 * @returns {{ ok: boolean, detail: string }}
 * @example checkEcho({ status: 200, body: '{"path":"/a"}' }, { path: '/a' }) // → { ok: true, detail: 'ok' }
 */
export function checkEcho(response, expected) {
  const excerpt = response.body.length > 200 ? `${response.body.slice(0, 200)}…` : response.body;
  if (response.status !== 200) return { ok: false, detail: `status ${response.status}: ${excerpt}` };
  let echo;
  try {
    echo = JSON.parse(response.body);
  } catch {
    return { ok: false, detail: `not the upstream's JSON: ${excerpt}` };
  }
  const problems = [];
  if (echo.path !== expected.path) problems.push(`upstream saw path ${JSON.stringify(echo.path)}, expected ${JSON.stringify(expected.path)}`);
  if (expected.customer !== undefined && echo.customer !== expected.customer) {
    problems.push(`upstream saw CustomerId ${JSON.stringify(echo.customer)}, expected ${JSON.stringify(expected.customer)}`);
  }
  if (expected.bearer && echo.bearer !== true) problems.push('the bearer token did not reach the upstream');
  return problems.length === 0 ? { ok: true, detail: 'ok' } : { ok: false, detail: problems.join('; ') };
}
