import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { EMPTY, EmptyError, Observable, delay, map, mergeMap, of, tap, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InterceptorChain } from './interceptor-chain.js';

class Controller {
  handler(): void {}
}

function chainOf(interceptors: NestInterceptor[]) {
  return new InterceptorChain(interceptors, Controller, Controller.prototype.handler);
}

/** An interceptor that logs when it runs before and after the handler. */
const recording = (name: string, log: string[]): NestInterceptor => ({
  intercept(_execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    log.push(`${name} before`);
    return next.handle().pipe(tap(() => log.push(`${name} after`)));
  },
});

describe('InterceptorChain', () => {
  it('runs a synchronous chain to its end before returning, with no promise', () => {
    const log: string[] = [];
    const result = chainOf([recording('outer', log), recording('inner', log)]).run([], () => log.push('handler'));
    expect(result).toBeUndefined();
    expect(log).toEqual(['outer before', 'inner before', 'handler', 'inner after', 'outer after']);
  });

  it('gives interceptors a Nest http ExecutionContext of the handler and its arguments', () => {
    let seen: ExecutionContext | undefined;
    const request = { raw: {} };
    const reply = {};
    const inspect: NestInterceptor = {
      intercept(execution, next) {
        seen = execution;
        return next.handle();
      },
    };
    chainOf([inspect]).run([request, reply], () => undefined);
    expect(seen!.getType()).toBe('http');
    expect(seen!.getArgByIndex(0)).toBe(request);
    expect(seen!.switchToHttp().getResponse()).toBe(reply);
    expect(seen!.getClass()).toBe(Controller);
    expect(seen!.getHandler()).toBe(Controller.prototype.handler);
  });

  it('throws what an interceptor throws, and the handler does not run', () => {
    let handled = false;
    const refuse: NestInterceptor = {
      intercept() {
        throw new Error('refused');
      },
    };
    expect(() => chainOf([refuse]).run([], () => (handled = true))).toThrow('refused');
    expect(handled).toBe(false);
  });

  it('lets an interceptor answer without calling the handler', () => {
    let handled = false;
    const shortCircuit: NestInterceptor = { intercept: () => of('cached') };
    expect(chainOf([shortCircuit]).run([], () => (handled = true))).toBeUndefined();
    expect(handled).toBe(false);
  });

  it('waits for an asynchronous interceptor (a promise of an Observable) and for delayed streams', async () => {
    const log: string[] = [];
    const asyncSetup: NestInterceptor = {
      async intercept(_execution, next) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push('async before');
        return next.handle();
      },
    };
    const slowAfter: NestInterceptor = {
      intercept: (_execution, next) => next.handle().pipe(delay(5), tap(() => log.push('slow after'))),
    };
    const result = chainOf([slowAfter, asyncSetup]).run([], () => log.push('handler'));
    expect(result).toBeInstanceOf(Promise);
    expect(log).toEqual([]);
    await result;
    expect(log).toEqual(['async before', 'handler', 'slow after']);
  });

  it('rejects with an error raised after the handler ran', async () => {
    const failLater: NestInterceptor = {
      intercept: (_execution, next) => next.handle().pipe(delay(1), mergeMap(() => throwError(() => new Error('late failure')))),
    };
    await expect(chainOf([failLater]).run([], () => undefined)).rejects.toThrow('late failure');
  });

  it('rejects when an asynchronous inner interceptor fails', async () => {
    const outer: NestInterceptor = { intercept: (_execution, next) => next.handle().pipe(map((value) => value)) };
    const inner: NestInterceptor = {
      async intercept() {
        await Promise.resolve();
        throw new Error('inner failed');
      },
    };
    await expect(chainOf([outer, inner]).run([], () => undefined)).rejects.toThrow('inner failed');
  });

  it('throws synchronously what the handler throws (the proxy handler forwarding the request)', () => {
    const log: string[] = [];
    expect(() =>
      chainOf([recording('outer', log)]).run([], () => {
        throw new Error('forward failed');
      }),
    ).toThrow('forward failed');
    expect(log).toEqual(['outer before']);
  });

  it('throws synchronously an error an interceptor raises right after the handler', () => {
    let handled = false;
    const failAfter: NestInterceptor = { intercept: (_execution, next) => next.handle().pipe(mergeMap(() => throwError(() => new Error('after the handler')))) };
    expect(() => chainOf([failAfter]).run([], () => (handled = true))).toThrow('after the handler');
    expect(handled).toBe(true);
  });

  it('fails with EmptyError when an interceptor completes without a value, as Nest does', async () => {
    let handled = false;
    const swallow: NestInterceptor = { intercept: () => EMPTY };
    expect(() => chainOf([swallow]).run([], () => (handled = true))).toThrow(EmptyError);
    expect(handled).toBe(false);
    const swallowLater: NestInterceptor = { intercept: (_execution, next) => next.handle().pipe(delay(1), mergeMap(() => EMPTY)) };
    await expect(chainOf([swallowLater]).run([], () => undefined)).rejects.toBeInstanceOf(EmptyError);
  });

  it('fails with a TypeError when an interceptor returns no Observable, synchronously or from a promise', async () => {
    const outer: NestInterceptor = { intercept: (_execution, next) => next.handle() };
    const forgetful = { intercept: () => undefined } as unknown as NestInterceptor;
    expect(() => chainOf([forgetful]).run([], () => undefined)).toThrow(/must return an Observable/);
    expect(() => chainOf([outer, forgetful]).run([], () => undefined)).toThrow(/must return an Observable/);
    const asyncForgetful: NestInterceptor = {
      async intercept(_execution, next) {
        next.handle();
        return undefined as unknown as Observable<unknown>;
      },
    };
    await expect(chainOf([outer, asyncForgetful]).run([], () => undefined)).rejects.toThrow(/must return an Observable/);
    await expect(chainOf([asyncForgetful]).run([], () => undefined)).rejects.toThrow(/must return an Observable/);
  });

  it('unsubscribes from an inner asynchronous interceptor when the outer one stops early', async () => {
    let handled = false;
    const outerTimesOut: NestInterceptor = {
      intercept: (_execution, next) =>
        new Observable((subscriber) => {
          const inner = next.handle().subscribe({ error: (error: unknown) => subscriber.error(error) });
          inner.unsubscribe();
          setTimeout(() => {
            subscriber.next('answered without the handler');
            subscriber.complete();
          }, 15);
        }),
    };
    const slowInner: NestInterceptor = {
      async intercept(_execution, next) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return next.handle();
      },
    };
    await chainOf([outerTimesOut, slowInner]).run([], () => (handled = true));
    expect(handled).toBe(false);
  });

  it('runs an inner interceptor only when the outer one subscribes to next.handle(), as Nest does', () => {
    const log: string[] = [];
    const ignoresNext: NestInterceptor = {
      intercept(_execution, next) {
        next.handle();
        return of('answered by the outer interceptor');
      },
    };
    chainOf([ignoresNext, recording('inner', log)]).run([], () => log.push('handler'));
    expect(log).toEqual([]);
  });

  it('runs the handler directly when there are no interceptors', () => {
    let handled = false;
    expect(chainOf([]).run([], () => (handled = true))).toBeUndefined();
    expect(handled).toBe(true);
  });

  it('hands the handler result on as undefined, as the proxy handlers answer by side effect', () => {
    let emitted: unknown = 'nothing';
    const capture: NestInterceptor = { intercept: (_execution, next) => next.handle().pipe(tap((value) => (emitted = value))) };
    chainOf([capture]).run([], () => 'a value the chain must not pass on');
    expect(emitted).toBeUndefined();
  });
});
