import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable, delay, map, mergeMap, of, tap, throwError } from 'rxjs';
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

  it('runs the handler directly when there are no interceptors', () => {
    let handled = false;
    expect(chainOf([]).run([], () => (handled = true))).toBeUndefined();
    expect(handled).toBe(true);
  });

  it('hands the handler result on as undefined, as the proxy handlers answer by side effect', () => {
    let emitted: unknown = 'nothing';
    const capture: NestInterceptor = { intercept: (_execution, next) => next.handle().pipe(tap((value) => (emitted = value))) };
    chainOf([capture]).run([], () => undefined);
    expect(emitted).toBeUndefined();
  });
});
