import type { CallHandler, ExecutionContext, NestInterceptor, Type } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { EmptyError, Observable, defer, from, isObservable, mergeMap, throwError } from 'rxjs';

/**
 * NestJS interceptors around a handler that answers by side effect (the proxy's handlers stream the
 * response themselves), run without Nest's InterceptorsConsumer.
 *
 * Why: for every request with an interceptor Nest's consumer builds `defer` + `mergeAll` chains, two
 * AsyncResources, a ReplaySubject and client-disconnect listeners and settles the result with
 * `lastValueFrom` — measured at ~26 µs a request on scenario 3 of `npm run bench`, more than
 * Margay's own per-request code (README, Performance). The proxy's handlers return nothing to
 * serialize, so none of that machinery has work to do.
 *
 * The interceptors keep NestJS's contract: `intercept(context, next)` with an `ExecutionContext` of
 * type `http` whose arguments are `[request, reply]` (Nest's own ExecutionContextHost), `next.handle()`
 * an Observable that runs the handler when subscribed, and the result an Observable or a promise of
 * one. The chain is built once (at start-up), not per request.
 */
export class InterceptorChain {
  constructor(
    private readonly interceptors: readonly NestInterceptor[],
    private readonly controller: Type<unknown>,
    private readonly handler: Function,
  ) {}

  /**
   * Runs the interceptors around `handle`. Returns nothing when the chain completed synchronously
   * (the proxy's case: no promise per request), else a promise of its completion; an interceptor's
   * error is thrown or rejected, so Nest's exception filters answer it as any handler error.
   */
  run(args: unknown[], handle: () => void): void | Promise<void> {
    if (this.interceptors.length === 0) {
      handle();
      return;
    }
    const execution = new ExecutionContextHost(args, this.controller, this.handler);
    execution.setType('http');
    return settle(this.intercept(0, execution, handle));
  }

  /** Interceptor `index` around the rest of the chain; the next one runs only when `next.handle()` is subscribed, as in Nest. */
  private intercept(index: number, execution: ExecutionContext, handle: () => void): Observable<unknown> {
    const inner = index + 1;
    const next: CallHandler = {
      handle: () => (inner === this.interceptors.length ? handlerObservable(handle) : defer(() => this.intercept(inner, execution, handle))),
    };
    return asObservable(this.interceptors[index]!.intercept(execution, next));
  }
}

/** The innermost `next.handle()`: runs the handler on subscription and emits its (empty) result. */
function handlerObservable(handle: () => void): Observable<undefined> {
  return new Observable<undefined>((subscriber) => {
    handle();
    subscriber.next(undefined);
    subscriber.complete();
  });
}

/**
 * What `intercept` returned, as an Observable: as it is (the synchronous path allocates nothing
 * more), a promise of one flattened, anything else an error.
 */
function asObservable(result: unknown): Observable<unknown> {
  if (isObservable(result)) return result;
  if (typeof (result as { then?: unknown } | null | undefined)?.then === 'function') {
    return from(result as Promise<unknown>).pipe(mergeMap((value) => (isObservable(value) ? value : throwError(() => notAnObservable(value)))));
  }
  return throwError(() => notAnObservable(result));
}

/** What an interceptor that forgot to return `next.handle()` (or another Observable) fails with. */
function notAnObservable(value: unknown): TypeError {
  return new TypeError(`a NestInterceptor must return an Observable (or a promise of one), not ${value === null ? 'null' : typeof value}`);
}

/**
 * Subscribes to the chain's result: synchronously settled (no promise), or a promise of it. A chain
 * that completes without emitting fails with rxjs's EmptyError, as Nest's `lastValueFrom` does: an
 * interceptor that swallowed the handler answered nothing, and the exception filter must.
 */
function settle(result: Observable<unknown>): void | Promise<void> {
  let state = 'pending' as 'pending' | 'complete' | 'failed';
  let emitted = false;
  let failure: unknown;
  let resolve: (() => void) | undefined;
  let reject: ((error: unknown) => void) | undefined;
  const fail = (error: unknown) => {
    state = 'failed';
    failure = error;
    reject?.(error);
  };
  result.subscribe({
    next: () => {
      emitted = true;
    },
    error: fail,
    complete: () => {
      if (!emitted) return fail(new EmptyError());
      state = 'complete';
      resolve?.();
    },
  });
  if (state === 'complete') return;
  if (state === 'failed') throw failure;
  return new Promise<void>((done, failed) => {
    resolve = done;
    reject = failed;
  });
}
