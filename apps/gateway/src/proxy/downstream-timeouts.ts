/**
 * A request waiting for its downstream's response headers (the proxy's ProxyContext). The `timeout*`
 * fields belong to DownstreamTimeouts: its queues are linked lists through the requests themselves.
 * Give them in the object's initial shape (undefined) so linking a request does not change its shape.
 */
export interface AwaitedResponse {
  /** performance.now() by which the response headers must be in; set by `watch`. */
  deadline: number;
  timeoutQueue?: object | undefined;
  timeoutPrevious?: AwaitedResponse | undefined;
  timeoutNext?: AwaitedResponse | undefined;
}

/**
 * Route timeouts (`Timeout`, `QoSOptions.TimeoutValue`): the time from sending the downstream request
 * to its response headers, absolute (a downstream trickling bytes does not extend it), like Ocelot's
 * HttpClient timeout.
 *
 * A Node timer per request (`ClientRequest.setTimeout`) allocates a timer, two closures and three
 * listeners, and is armed and cleared on every request (README Performance). Here every timeout
 * value has one queue: requests enter it in the order they are sent, so with one timeout per queue
 * they also leave it in deadline order; one timer per queue waits for the oldest deadline. A queue is
 * a doubly linked list through the requests (AwaitedResponse's `timeout*` fields): entering and leaving
 * it allocate nothing. A `Set` did the same job and made about 4 of 10 gateway processes promote
 * ~2 MB of finished requests' objects at every scavenge (a full mark-compact every 2 s under load,
 * ~20 % more CPU per request; README, Performance); with the list none did.
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
  /** Oldest first, which is deadline order: every entry has the same timeout. */
  private head: T | undefined;
  private tail: T | undefined;
  private count = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly expire: (awaited: T) => void,
  ) {}

  get size(): number {
    return this.count;
  }

  add(awaited: T): void {
    // Watched again: it moves to the end, where its new deadline belongs.
    if (awaited.timeoutQueue === this) this.unlink(awaited);
    awaited.deadline = performance.now() + this.timeoutMs;
    awaited.timeoutQueue = this;
    awaited.timeoutPrevious = this.tail;
    awaited.timeoutNext = undefined;
    if (this.tail) this.tail.timeoutNext = awaited;
    else this.head = awaited;
    this.tail = awaited;
    this.count++;
    if (this.timer === undefined) this.arm(this.timeoutMs);
  }

  delete(awaited: T): void {
    // The timer stays armed when the queue empties: it fires once, finds nothing and stops, which is
    // cheaper under load than clearing and re-arming it for every request.
    if (awaited.timeoutQueue === this) this.unlink(awaited);
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.head) this.unlink(this.head);
  }

  private unlink(awaited: T): void {
    const previous = awaited.timeoutPrevious as T | undefined;
    const next = awaited.timeoutNext as T | undefined;
    if (previous) previous.timeoutNext = next;
    else this.head = next;
    if (next) next.timeoutPrevious = previous;
    else this.tail = previous;
    awaited.timeoutQueue = undefined;
    awaited.timeoutPrevious = undefined;
    awaited.timeoutNext = undefined;
    this.count--;
  }

  private arm(delayMs: number): void {
    // At least 1 ms: Node runs a 0 ms timer at once, and a deadline may be a fraction of a ms away.
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(delayMs)));
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    for (let awaited = this.head; awaited; awaited = this.head) {
      if (awaited.deadline > now) {
        this.arm(awaited.deadline - now);
        return;
      }
      this.unlink(awaited);
      this.expire(awaited);
    }
  };
}
