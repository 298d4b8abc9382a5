import { type CanActivate, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Observable, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { GuardChain } from './guard-chain.js';

type Answer = boolean | Promise<boolean> | Observable<boolean>;

/** A guard that records that it ran (and with which context) and answers `answer()`. */
function guard(name: string, ran: string[], answer: () => Answer, seen?: ExecutionContext[]): CanActivate {
  return {
    canActivate(execution: ExecutionContext) {
      ran.push(name);
      seen?.push(execution);
      return answer();
    },
  };
}

const execution = new ExecutionContextHost([{ raw: {} }, {}]);

describe('GuardChain', () => {
  it('runs every guard in order and settles without a promise when all answer true synchronously', () => {
    const ran: string[] = [];
    const seen: ExecutionContext[] = [];
    const chain = new GuardChain([guard('a', ran, () => true, seen), guard('b', ran, () => true, seen)]);
    expect(chain.check(execution)).toBeUndefined();
    expect(ran).toEqual(['a', 'b']);
    expect(seen).toEqual([execution, execution]);
  });

  it('refuses with Nest’s ForbiddenException when a guard answers false, and runs no later guard', () => {
    const ran: string[] = [];
    const chain = new GuardChain([guard('a', ran, () => false), guard('b', ran, () => true)]);
    expect(() => chain.check(execution)).toThrow(ForbiddenException);
    expect(ran).toEqual(['a']);
  });

  it('lets a thrown refusal through as it is', () => {
    const refusal = new Error('no token');
    const chain = new GuardChain([guard('a', [], () => { throw refusal; })]);
    expect(() => chain.check(execution)).toThrow(refusal);
  });

  it('awaits a guard that answers a promise before running the next', async () => {
    const ran: string[] = [];
    let release: (value: boolean) => void = () => {};
    const chain = new GuardChain([guard('a', ran, () => new Promise<boolean>((resolve) => (release = resolve))), guard('b', ran, () => true)]);
    const checked = chain.check(execution);
    expect(checked).toBeInstanceOf(Promise);
    expect(ran).toEqual(['a']);
    release(true);
    await checked;
    expect(ran).toEqual(['a', 'b']);
  });

  it('takes the last value of an Observable, also one a promise resolves to', async () => {
    const ran: string[] = [];
    const chain = new GuardChain([
      guard('a', ran, () => of(false, true)),
      guard('b', ran, () => Promise.resolve(of(true)) as unknown as Promise<boolean>),
      guard('c', ran, () => of(true, false)),
      guard('d', ran, () => true),
    ]);
    await expect(chain.check(execution)).rejects.toBeInstanceOf(ForbiddenException);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('rejects with what a later guard throws once the chain went asynchronous', async () => {
    const refusal = new Error('insufficient scope');
    const chain = new GuardChain([guard('a', [], () => Promise.resolve(true)), guard('b', [], () => { throw refusal; })]);
    await expect(chain.check(execution)).rejects.toBe(refusal);
  });

  it('refuses when a guard answers something that is not true (as Nest does)', async () => {
    const chain = new GuardChain([guard('a', [], () => undefined as unknown as boolean)]);
    await expect(chain.check(execution)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('lets everything through with no guards', () => {
    expect(new GuardChain([]).check(execution)).toBeUndefined();
  });
});
