import { Injectable } from '@nestjs/common';
import type { EffectiveCircuitBreaker } from '@margay/config';

interface BreakerState {
  consecutiveFailures: number;
  openUntil: number;
  /** After a break, one trial request is let through; the others still wait. */
  trialInFlight: boolean;
}

/**
 * Margay's built-in QoS handler in Ocelot's count mode: after `ExceptionsAllowedBeforeBreaking`
 * consecutive failures (a 5xx answer, an unreachable downstream or a timeout) the route's circuit
 * opens for `DurationOfBreak`, answering 503 `circuit_open` without calling the downstream; then
 * one trial request decides whether it closes. State is kept per route identity across reloads.
 */
@Injectable()
export class CircuitBreakers {
  private readonly states = new Map<string, BreakerState>();

  /** 0 when the request may go downstream; else how long the circuit stays open (ms). */
  acquire(key: string, now = Date.now()): number {
    const state = this.states.get(key);
    if (!state || state.openUntil === 0) return 0;
    if (now < state.openUntil) return state.openUntil - now;
    if (state.trialInFlight) return 1000;
    state.trialInFlight = true;
    return 0;
  }

  success(key: string): void {
    const state = this.states.get(key);
    if (state) this.states.delete(key);
  }

  failure(key: string, options: EffectiveCircuitBreaker, now = Date.now()): void {
    let state = this.states.get(key);
    if (!state) {
      state = { consecutiveFailures: 0, openUntil: 0, trialInFlight: false };
      this.states.set(key, state);
    }
    state.consecutiveFailures++;
    if (state.trialInFlight || state.consecutiveFailures >= options.exceptionsAllowedBeforeBreaking) {
      state.openUntil = now + options.durationOfBreakMs;
      state.trialInFlight = false;
    }
  }
}
