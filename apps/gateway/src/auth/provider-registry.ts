import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthenticationProviderConfig } from '@margay/config';
import { ProviderRuntime, providerSettings } from './provider-runtime.js';

/** Requests that started on an older snapshot may still use its providers this long. */
const RETIRE_AFTER_MS = 60_000;

/**
 * Provider runtimes by their settings, shared across snapshots: an unchanged provider keeps its
 * discovered metadata, keys and caches through reloads; a changed one is a new runtime.
 */
@Injectable()
export class ProviderRegistry implements OnApplicationShutdown {
  private readonly runtimes = new Map<string, ProviderRuntime>();
  private readonly retiring = new Set<NodeJS.Timeout>();

  runtimeFor(config: AuthenticationProviderConfig): ProviderRuntime {
    const settings = providerSettings(config);
    // The fingerprint holds the secret: it stays in memory, like the settings themselves.
    const fingerprint = JSON.stringify(settings);
    let runtime = this.runtimes.get(fingerprint);
    if (!runtime) {
      runtime = new ProviderRuntime(settings);
      this.runtimes.set(fingerprint, runtime);
    }
    return runtime;
  }

  /** Disposes, after a grace period, every runtime the snapshot in service does not use. */
  retainOnly(inUse: ReadonlySet<ProviderRuntime>): void {
    for (const [fingerprint, runtime] of this.runtimes) {
      if (inUse.has(runtime)) continue;
      this.runtimes.delete(fingerprint);
      const timer = setTimeout(() => {
        this.retiring.delete(timer);
        runtime.dispose();
      }, RETIRE_AFTER_MS);
      timer.unref();
      this.retiring.add(timer);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.retiring) clearTimeout(timer);
    for (const runtime of this.runtimes.values()) runtime.dispose();
    this.runtimes.clear();
  }
}
