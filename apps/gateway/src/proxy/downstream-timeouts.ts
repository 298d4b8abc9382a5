/** A request waiting for its downstream's response headers (the proxy's ProxyContext). */
export interface AwaitedResponse {
  /** performance.now() by which the response headers must be in; set by `watch`. */
  deadline: number;
}

/**
 * Route timeouts (`Timeout`, `QoSOptions.TimeoutValue`): the time from sending the downstream request
 * to its response headers, absolute (a downstream trickling bytes does not extend it), like Ocelot's
 * HttpClient timeout.
 *
 * A Node timer per request (`ClientRequest.setTimeout`) allocates a timer, two closures and three
 * listeners, and is armed and cleared on every request (README Performance). Here every timeout
 * value has one queue: requests enter it in the order they are sent, so with one timeout per queue
 * they also leave it in deadline order; one timer per queue waits for the oldest deadline. A request
 * costs a Set insertion and a deletion.
 */
export class DownstreamTimeouts<T extends AwaitedResponse> {
  private readonly queues = new Map<number, TimeoutQueue<T>>();
  private closed = false;

  /** @param expire called once for a request whose deadline passed before `settle` */
  constructor(private readonly expire: (awaited: T) => void) {}

  /** Starts the clock of `awaited`: `expire` runs unless `settle` comes within `timeoutMs`. */
  watch(awaited: T, timeoutMs: number): void {
    if (this.closed) return;
    let queue = this.queues.get(timeoutMs);
    if (!queue) this.queues.set(timeoutMs, (queue = new TimeoutQueue(timeoutMs, this.expire)));
    queue.add(awaited);
  }

  /** The response headers are in, or the request failed: its timeout no longer applies. */
  settle(awaited: T, timeoutMs: number): void {
    this.queues.get(timeoutMs)?.delete(awaited);
  }

  /** Requests watched, for tests and diagnostics. */
  get pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.size;
    return count;
  }

  /** Shutdown: no timer keeps firing; requests still in flight are cut by the server's close. */
  close(): void {
    this.closed = true;
    for (const queue of this.queues.values()) queue.clear();
    this.queues.clear();
  }
}

class TimeoutQueue<T extends AwaitedResponse> {
  /** In insertion order, which is deadline order: every entry has the same timeout. */
  private readonly entries = new Set<T>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly expire: (awaited: T) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(awaited: T): void {
    awaited.deadline = performance.now() + this.timeoutMs;
    // Watched again: it moves to the end, where its new deadline belongs.
    this.entries.delete(awaited);
    this.entries.add(awaited);
    if (this.timer === undefined) this.arm(this.timeoutMs);
  }

  delete(awaited: T): void {
    // The timer stays armed when the queue empties: it fires once, finds nothing and stops, which is
    // cheaper under load than clearing and re-arming it for every request.
    this.entries.delete(awaited);
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.entries.clear();
  }

  private arm(delayMs: number): void {
    // At least 1 ms: Node runs a 0 ms timer at once, and a deadline may be a fraction of a ms away.
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(delayMs)));
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    for (const awaited of this.entries) {
      if (awaited.deadline > now) {
        this.arm(awaited.deadline - now);
        return;
      }
      this.entries.delete(awaited);
      this.expire(awaited);
    }
  };
}
