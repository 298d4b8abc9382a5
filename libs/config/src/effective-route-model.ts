/**
 * `EffectiveRoute`: one route's options after GlobalConfiguration has been merged in by Ocelot's
 * rules, with every default applied. It is what the gateway compiles per route at snapshot time,
 * so nothing here needs a fallback at request time.
 */

/** The load balancers Margay runs. */
export type LoadBalancerType = 'NoLoadBalancer' | 'RoundRobin' | 'LeastConnection';

/** The schemes Margay forwards to. */
export type DownstreamScheme = 'http' | 'https' | 'ws' | 'wss';

/** Who may call the route. */
export interface EffectiveAuthentication {
  /**
   * Provider keys to try in order, the first success wins: `AuthenticationProviderKey` first, then
   * `AuthenticationProviderKeys`; blanks removed, duplicates removed (first kept).
   */
  readonly providerKeys: readonly string[];
  /** The token must carry at least one of these scopes; empty = no scope check. */
  readonly allowedScopes: readonly string[];
  /** `AllowAnonymous: true` on the route (or inherited): global authentication does not apply. */
  readonly allowAnonymous: boolean;
  /** True when a token is required: some provider key is set and `allowAnonymous` is false. */
  readonly required: boolean;
}

/** The circuit breaker (Margay's built-in QoS handler), in count mode. */
export interface EffectiveCircuitBreaker {
  /** Consecutive failures (5xx or transport errors) that open the circuit; always > 0. */
  readonly exceptionsAllowedBeforeBreaking: number;
  /** How long the circuit stays open, in ms (default 5000, Ocelot's built-in BreakDuration). */
  readonly durationOfBreakMs: number;
}

/** A fixed-window rate limit per client id, as Ocelot's RateLimitOptions resolve. */
export interface EffectiveRateLimit {
  /** Request header carrying the client id (default `Oc-Client`). */
  readonly clientIdHeader: string;
  /** Client ids that are never limited. */
  readonly clientWhitelist: readonly string[];
  /** Requests allowed per window; always > 0. */
  readonly limit: number;
  /** The window as configured (e.g. `"1m"`), for messages; default `"1s"`. */
  readonly period: string;
  /** The window in ms. */
  readonly periodMs: number;
  /** How long a client that exceeded the limit stays blocked, as configured (default `"0ms"`: until the window ends). */
  readonly wait: string;
  /** `wait` in ms. */
  readonly waitMs: number;
  /** Status of a rejected request (default 429). */
  readonly statusCode: number;
  /** Body of a rejected request; `{0}` is the limit and `{1}` the period (.NET format placeholders). */
  readonly quotaMessage: string;
  /** Prefix of the counter keys (default `Ocelot.RateLimiting`). */
  readonly keyPrefix: string;
  /** Whether `X-RateLimit-*` and `Retry-After` headers are sent (default true). */
  readonly enableHeaders: boolean;
}

/** Who may call a route by IP address (SecurityOptions). */
export interface EffectiveIpSecurity {
  readonly allowed: readonly string[];
  readonly blocked: readonly string[];
  /** An address on both lists is allowed. */
  readonly excludeAllowedFromBlocked: boolean;
}

/** A route's options with GlobalConfiguration merged in; see `effectiveRoute`. */
export interface EffectiveRoute {
  readonly authentication: EffectiveAuthentication;
  /** Downstream timeout in ms (default 90000). */
  readonly timeoutMs: number;
  readonly loadBalancer: LoadBalancerType;
  /** Header carrying the request id to the downstream service, or null for none. */
  readonly requestIdKey: string | null;
  /** Lower-cased; default `http`. */
  readonly downstreamScheme: DownstreamScheme;
  /**
   * The configured HTTP version as `major.minor` (default `1.1`). Margay speaks HTTP/1.1 to
   * downstream services; validation refuses 2 and 3 unless the policy allows falling back.
   */
  readonly downstreamHttpVersion: string;
  /** Default `RequestVersionOrLower`, as .NET's HttpRequestMessage. */
  readonly downstreamHttpVersionPolicy: string;
  /** Null when QoSOptions set no failure count. */
  readonly circuitBreaker: EffectiveCircuitBreaker | null;
  /** Null when rate limiting is off for the route. */
  readonly rateLimit: EffectiveRateLimit | null;
  /** Request header transforms: the route's, then GlobalConfiguration's for header names the route does not set. */
  readonly upstreamHeaderTransform: Readonly<Record<string, string>>;
  /** Response header transforms, merged like `upstreamHeaderTransform`. */
  readonly downstreamHeaderTransform: Readonly<Record<string, string>>;
  /**
   * SecurityOptions: the route's when it lists any address, else GlobalConfiguration's; null when
   * neither does (every client is allowed).
   */
  readonly ipSecurity: EffectiveIpSecurity | null;
}
