// The ocelot.json documents Margay gets in each scenario (PUT /api/v1/config/ocelot).

/** How many routes scenario 2 has, and which one its request hits ("one of the last ones"). */
export const ROUTE_COUNT = 1000;
export const TARGET_ROUTE = 990;

const ORDERS_ROUTE = '/api/v1/orders/{id}';

/**
 * Scenario 2's route templates: literal first segments that differ per route and five shapes of
 * placeholders, so no two routes share a prefix and the table cannot short-cut on one shape. Route
 * `TARGET_ROUTE` is `/svc990/items/{id}`. Every downstream path is `/api` + the upstream path except
 * the placeholder-free health routes, so nginx can mirror the table with prefix locations.
 * @returns {{ upstream: string, downstream: string, methods: string[] }[]}
 */
export function thousandRouteTemplates() {
  const shapes = [
    (i) => ({ upstream: `/svc${i}/items/{id}`, downstream: `/api/svc${i}/items/{id}`, methods: ['Get'] }),
    (i) => ({ upstream: `/svc${i}/users/{userId}/orders/{orderId}`, downstream: `/api/svc${i}/users/{userId}/orders/{orderId}`, methods: ['Get', 'Post'] }),
    (i) => ({ upstream: `/svc${i}/catalog/{category}/{item}`, downstream: `/api/svc${i}/catalog/{category}/{item}`, methods: [] }),
    (i) => ({ upstream: `/team${i}/svc/{id}`, downstream: `/api/team${i}/svc/{id}`, methods: ['Get', 'Put', 'Delete'] }),
    (i) => ({ upstream: `/svc${i}/static/health`, downstream: '/health', methods: ['Get'] }),
  ];
  return Array.from({ length: ROUTE_COUNT }, (_, i) => shapes[i % shapes.length](i));
}

/** Scenario 1 (and 4's base): one route, no auth. `extraRoutes` are appended (scenario 4's toggling). */
export function oneRouteConfig(upstreamPort, extraRoutes = []) {
  return document([route(ORDERS_ROUTE, ORDERS_ROUTE, ['Get'], upstreamPort), ...extraRoutes]);
}

/** Scenario 2: the 1,000 routes of `thousandRouteTemplates`, in order. */
export function thousandRoutesConfig(upstreamPort) {
  return document(thousandRouteTemplates().map((t) => route(t.upstream, t.downstream, t.methods, upstreamPort)));
}

/**
 * Scenario 3: one route behind a JwtBearer provider with AllowedScopes, RouteClaimsRequirement and
 * the three claims transforms (header, query, downstream path).
 */
export function jwtClaimsConfig(upstreamPort, issuer, audience) {
  return document(
    [
      {
        ...route('/api/orders/{id}', '/api/users/{userId}/orders/{id}', ['Get'], upstreamPort),
        AuthenticationOptions: { AuthenticationProviderKey: 'Bench', AllowedScopes: ['api1'] },
        RouteClaimsRequirement: { UserType: 'registered' },
        AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' },
        AddQueriesToRequest: { LocationId: 'Claims[sub] > value[1] > |' },
        ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
      },
    ],
    [{ Key: 'Bench', Type: 'JwtBearer', Authority: issuer, Audience: audience, RequireHttpsMetadata: false }],
  );
}

/**
 * Scenario 4's n-th change: scenario 1's route, plus on odd ticks an extra route whose path changes
 * every time — so every PUT changes the route table and is a real reload.
 */
export function reloadConfig(upstreamPort, tick) {
  const extra = tick % 2 === 1 ? [route(`/reload/${tick}/{id}`, `/reload/${tick}/{id}`, ['Get'], upstreamPort)] : [];
  return oneRouteConfig(upstreamPort, extra);
}

function route(upstream, downstream, methods, upstreamPort) {
  return {
    UpstreamPathTemplate: upstream,
    UpstreamHttpMethod: methods,
    DownstreamPathTemplate: downstream,
    DownstreamScheme: 'http',
    DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: upstreamPort }],
  };
}

function document(routes, providers = []) {
  return { Routes: routes, GlobalConfiguration: {}, AuthenticationProviders: providers };
}
