import { type CanActivate, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import { type Observable, isObservable, lastValueFrom } from 'rxjs';

/** Nest's own message when a guard answers false (`@nestjs/core`'s FORBIDDEN_MESSAGE). */
const FORBIDDEN_MESSAGE = 'Forbidden resource';

/**
 * NestJS guards run in order, as Nest's GuardsConsumer runs them, without Nest's router around them.
 *
 * Why: Nest runs a controller's guards inside an async wrapper (`tryActivate` and `canActivateFn`,
 * two promises a request even when every guard answers synchronously) and creates an execution
 * context per request for them and another for the handler; the proxy's guards answer `true` or
 * throw, mostly synchronously (README, Performance). The chain is built once, at start-up.
 *
 * The contract is Nest's: `canActivate(context)` may answer a boolean, a promise or an Observable
 * (its last value counts); a guard that answers false refuses the request with Nest's
 * ForbiddenException; a guard that throws or rejects refuses it with that error; a guard after a
 * refusing one does not run.
 */
export class GuardChain {
  constructor(private readonly guards: readonly CanActivate[]) {}

  /**
   * Returns nothing when every guard let the request through synchronously (no promise), else a
   * promise of the same; throws or rejects with the refusal.
   */
  check(execution: ExecutionContext): void | Promise<void> {
    return this.checkFrom(0, execution);
  }

  private checkFrom(first: number, execution: ExecutionContext): void | Promise<void> {
    const guards = this.guards;
    for (let index = first; index < guards.length; index++) {
      const result = guards[index]!.canActivate(execution);
      if (result === true) continue;
      if (result === false) throw new ForbiddenException(FORBIDDEN_MESSAGE);
      return this.settle(result, index + 1, execution);
    }
  }

  /** The rest of the chain once a guard answered with a promise or an Observable. */
  private async settle(pending: Promise<boolean> | Observable<boolean>, next: number, execution: ExecutionContext): Promise<void> {
    if (!(await valueOf(pending))) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    await this.checkFrom(next, execution);
  }
}

/** As Nest's `pickResult`: a promise is awaited, an Observable (also one it resolves to) gives its last value. */
async function valueOf(result: unknown): Promise<boolean> {
  const value = await result;
  return (isObservable(value) ? await lastValueFrom(value) : value) as boolean;
}
