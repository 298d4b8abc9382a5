/**
 * A bounded cache of results per token hash, each with its own expiry. When full, the oldest
 * entries go first (insertion order); an expired entry is dropped when it is looked up.
 */
export class TokenCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly maxEntries: number) {}

  get(hash: string, now: number): T | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  set(hash: string, value: T, expiresAt: number, now: number): void {
    if (expiresAt <= now) return;
    this.entries.delete(hash);
    this.entries.set(hash, { value, expiresAt });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
