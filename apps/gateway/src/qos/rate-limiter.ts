import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EffectiveRateLimit } from '@margay/config';

/** The outcome of counting one request. */
export type RateLimitDecision =
  | { readonly allowed: true; readonly remaining: number; readonly resetAt: number }
  | { readonly allowed: false; readonly retryAfterMs: number };

interface Counter {
  windowStart: number;
  count: number;
  blockedUntil: number;
}

/** Counters beyond this are dropped oldest-first, so a flood of client ids cannot exhaust memory. */
const MAX_COUNTERS = 200_000;
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Ocelot's fixed-window rate limit, per gateway node and in memory (as Ocelot's default store):
 * request number `Limit + 1` inside a window is refused, and the client stays refused for `Wait`
 * when that is longer than the rest of the window. Counters live outside snapshots, keyed by the
 * route's identity, so a reload does not reset them.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();

  count(key: string, limit: EffectiveRateLimit, now = Date.now()): RateLimitDecision {
    let counter = this.counters.get(key);
    if (!counter || now - counter.windowStart >= limit.periodMs) {
      if (counter && counter.blockedUntil > now) return { allowed: false, retryAfterMs: counter.blockedUntil - now };
      counter = { windowStart: now, count: 0, blockedUntil: 0 };
      this.counters.delete(key);
      this.counters.set(key, counter);
      if (this.counters.size > MAX_COUNTERS) this.counters.delete(this.counters.keys().next().value!);
    }
    if (counter.blockedUntil > now) return { allowed: false, retryAfterMs: counter.blockedUntil - now };
    counter.count++;
    const windowEnd = counter.windowStart + limit.periodMs;
    if (counter.count > limit.limit) {
      counter.blockedUntil = Math.max(windowEnd, now + limit.waitMs);
      return { allowed: false, retryAfterMs: counter.blockedUntil - now };
    }
    return { allowed: true, remaining: limit.limit - counter.count, resetAt: windowEnd };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.blockedUntil <= now && now - counter.windowStart > 60 * 60 * 1000) this.counters.delete(key);
    }
  }
}
