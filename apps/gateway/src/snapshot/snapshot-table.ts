import { Injectable } from '@nestjs/common';
import type { CompiledSnapshot } from './compiled-snapshot.js';

/**
 * The one mutable reference of the data plane: the snapshot in service. Swapping it is a single
 * assignment, so every request sees either the old or the new snapshot in full, never a mix.
 */
@Injectable()
export class SnapshotTable {
  private snapshot: CompiledSnapshot | undefined;
  private waiters: { revision: number; resolve: () => void }[] = [];

  /** The snapshot in service, or undefined before the first configuration was loaded. */
  get current(): CompiledSnapshot | undefined {
    return this.snapshot;
  }

  get revision(): number {
    return this.snapshot?.revision ?? -1;
  }

  swap(next: CompiledSnapshot): void {
    this.snapshot = next;
    const ready = this.waiters.filter((waiter) => waiter.revision <= next.revision);
    this.waiters = this.waiters.filter((waiter) => waiter.revision > next.revision);
    for (const waiter of ready) waiter.resolve();
  }

  /** Resolves once a snapshot of at least `revision` is in service. */
  whenServing(revision: number): Promise<void> {
    if (this.revision >= revision) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ revision, resolve }));
  }
}
