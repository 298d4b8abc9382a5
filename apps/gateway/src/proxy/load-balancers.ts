import type { DownstreamTarget } from './downstream-target.js';

/**
 * Picks the downstream for a request. When `countsInFlight`, `pick` and `release` are paired by the
 * proxy: every pick is released exactly once, when the downstream exchange ends.
 */
export interface LoadBalancer {
  readonly targets: readonly DownstreamTarget[];
  /** Whether it reads requests in flight; when not, the proxy skips counting them. */
  readonly countsInFlight: boolean;
  pick(): DownstreamTarget;
  release(target: DownstreamTarget): void;
}

export type LoadBalancerType = 'NoLoadBalancer' | 'RoundRobin' | 'LeastConnection';

/** Ocelot's NoLoadBalancer: always the first downstream. */
class FirstTarget implements LoadBalancer {
  readonly countsInFlight = false;
  constructor(readonly targets: readonly DownstreamTarget[]) {}
  pick(): DownstreamTarget {
    return this.targets[0]!;
  }
  release(): void {}
}

class RoundRobin implements LoadBalancer {
  readonly countsInFlight = false;
  private next = 0;
  constructor(readonly targets: readonly DownstreamTarget[]) {}
  pick(): DownstreamTarget {
    const target = this.targets[this.next]!;
    this.next = (this.next + 1) % this.targets.length;
    return target;
  }
  release(): void {}
}

/** Fewest requests in flight; ties go round-robin so idle targets share the load evenly. */
class LeastConnection implements LoadBalancer {
  readonly countsInFlight = true;
  private next = 0;
  constructor(readonly targets: readonly DownstreamTarget[]) {}
  pick(): DownstreamTarget {
    const count = this.targets.length;
    let best = this.targets[this.next]!;
    for (let offset = 1; offset < count; offset++) {
      const candidate = this.targets[(this.next + offset) % count]!;
      if (candidate.active < best.active) best = candidate;
    }
    this.next = (this.next + 1) % count;
    best.active++;
    return best;
  }
  release(target: DownstreamTarget): void {
    target.active--;
  }
}

const BALANCERS: Record<LoadBalancerType, new (targets: readonly DownstreamTarget[]) => LoadBalancer> = {
  NoLoadBalancer: FirstTarget,
  RoundRobin,
  LeastConnection,
};

export function createLoadBalancer(type: LoadBalancerType, targets: readonly DownstreamTarget[]): LoadBalancer {
  if (targets.length === 0) throw new Error('a load balancer needs at least one downstream');
  return new BALANCERS[type](targets);
}
