import { describe, expect, it } from 'vitest';
import { clearToken, readToken, saveToken, type TokenStorage } from './token-store.js';

function memoryStorage(): TokenStorage & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const refusing: TokenStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('token store', () => {
  it('saves, reads back and forgets the token', () => {
    const storage = memoryStorage();
    expect(readToken(storage)).toBeNull();
    expect(saveToken(storage, 'abc')).toBe(true);
    expect(readToken(storage)).toBe('abc');
    expect([...storage.items.values()]).toEqual(['abc']);
    clearToken(storage);
    expect(readToken(storage)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('treats an empty stored value as no token', () => {
    const storage = memoryStorage();
    saveToken(storage, '');
    expect(readToken(storage)).toBeNull();
  });

  it('survives a storage that refuses access, and without one', () => {
    expect(readToken(refusing)).toBeNull();
    expect(saveToken(refusing, 'abc')).toBe(false);
    expect(() => clearToken(refusing)).not.toThrow();
    expect(readToken(undefined)).toBeNull();
    expect(saveToken(undefined, 'abc')).toBe(false);
  });
});
