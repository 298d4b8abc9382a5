import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DownstreamTimeouts } from './downstream-timeouts.js';

interface Request {
  readonly name: string;
  deadline: number;
}

function request(name: string): Request {
  return { name, deadline: 0 };
}

describe('DownstreamTimeouts', () => {
  let expired: string[];
  let timeouts: DownstreamTimeouts<Request>;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    expired = [];
    timeouts = new DownstreamTimeouts<Request>((awaited) => expired.push(awaited.name));
  });

  afterEach(() => {
    timeouts.close();
    vi.useRealTimers();
  });

  it('expires a request whose timeout passes, not before', () => {
    timeouts.watch(request('a'), 100);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    expect(timeouts.pending).toBe(0);
  });

  it('never expires a settled request', () => {
    const a = request('a');
    timeouts.watch(a, 100);
    vi.advanceTimersByTime(50);
    timeouts.settle(a, 100);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([]);
    expect(timeouts.pending).toBe(0);
  });

  it('expires each request at its own deadline, in the order they were sent', () => {
    timeouts.watch(request('a'), 100);
    vi.advanceTimersByTime(30);
    timeouts.watch(request('b'), 100);
    vi.advanceTimersByTime(30);
    timeouts.watch(request('c'), 100);
    vi.advanceTimersByTime(40);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(29);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a', 'b']);
    vi.advanceTimersByTime(30);
    expect(expired).toEqual(['a', 'b', 'c']);
  });

  it('keeps the deadlines of requests behind a settled one', () => {
    const a = request('a');
    timeouts.watch(a, 100);
    vi.advanceTimersByTime(10);
    timeouts.watch(request('b'), 100);
    timeouts.settle(a, 100);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['b']);
  });

  it('runs different timeouts independently', () => {
    timeouts.watch(request('slow'), 1_000);
    timeouts.watch(request('fast'), 50);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(['fast']);
    vi.advanceTimersByTime(950);
    expect(expired).toEqual(['fast', 'slow']);
  });

  it('restarts the clock of a request watched again', () => {
    const a = request('a');
    timeouts.watch(a, 100);
    timeouts.watch(request('b'), 100);
    vi.advanceTimersByTime(60);
    timeouts.watch(a, 100);
    vi.advanceTimersByTime(40);
    expect(expired).toEqual(['b']);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual(['b', 'a']);
  });

  it('arms again after the queue ran empty', () => {
    timeouts.watch(request('a'), 100);
    vi.advanceTimersByTime(100);
    timeouts.watch(request('b'), 100);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['a', 'b']);
  });

  it('keeps its queue intact whatever order requests settle in, and lets go of settled ones', () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map(request);
    for (const awaited of all) timeouts.watch(awaited, 100);
    // Middle, head, tail, a request of another timeout's queue, and one settled twice.
    for (const index of [2, 0, 4]) timeouts.settle(all[index]!, 100);
    timeouts.settle(all[1]!, 250);
    timeouts.settle(all[2]!, 100);
    expect(timeouts.pending).toBe(2);
    // A settled request keeps no link into the queue (nothing it could keep alive).
    expect(all[2]).toMatchObject({ timeoutQueue: undefined, timeoutPrevious: undefined, timeoutNext: undefined });
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['b', 'd']);
    expect(timeouts.pending).toBe(0);
  });

  it('stops after close: nothing expires and nothing more is watched', () => {
    timeouts.watch(request('a'), 100);
    timeouts.close();
    timeouts.watch(request('b'), 100);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([]);
    expect(timeouts.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
