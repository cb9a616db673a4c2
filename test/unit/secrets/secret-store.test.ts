import { describe, expect, it } from 'vitest';
import { assertStorableSecret, InvalidSecretError, maxSecretLength } from '../../../electron/secrets/secret-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

describe('assertStorableSecret', () => {
  const refused: Array<[string, string, InvalidSecretError['rule']]> = [
    ['empty', '', 'empty'],
    ['newline', 'abcdefgh\nijklmnop', 'control-characters'],
    ['carriage return', 'abcdefghijklmnop\r', 'control-characters'],
    ['tab', 'abcdefgh\tijklmnop', 'control-characters'],
    ['NUL', 'abcdefgh\u0000ijklmnop', 'control-characters'],
    ['C1 control', 'abcdefgh\u0085ijklmnop', 'control-characters'],
    ['line separator', 'abcdefgh\u2028ijklmnop', 'control-characters'],
    ['lone surrogate', 'abcdefgh\ud800ijklmnop', 'malformed-unicode'],
    ['too long', 'a'.repeat(maxSecretLength + 1), 'too-long'],
  ];
  it.each(refused)('refuses a secret with %s, as invalid-input, without echoing it', (_label, secret, rule) => {
    let caught: unknown;
    try {
      assertStorableSecret(secret);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidSecretError);
    const error = caught as InvalidSecretError;
    expect(error.rule).toBe(rule);
    expect(error.code).toBe('invalid-input');
    if (secret.length > 0) expect(error.message).not.toContain(secret.slice(0, 8));
  });

  it('accepts single-line unicode and long keys', () => {
    expect(() => assertStorableSecret('ключ-🔑-clé-鍵-0123456789')).not.toThrow();
    expect(() => assertStorableSecret('k'.repeat(4096))).not.toThrow();
  });
});

describe('session-only store', () => {
  it('stores, replaces, lists and deletes in memory', async () => {
    const store = createSessionSecretStore();
    expect(store.kind).toBe('session-only');
    await store.set('profile:a', 'first-key-0123456789');
    await store.set('profile:a', 'second-key-0123456789');
    await store.set('profile:b', 'other-key-0123456789');
    expect(await store.get('profile:a')).toBe('second-key-0123456789');
    expect([...(await store.list())].sort()).toEqual(['profile:a', 'profile:b']);
    expect(await store.delete('profile:a')).toBe(true);
    expect(await store.delete('profile:a')).toBe(false);
    expect(await store.get('profile:a')).toBeNull();
  });

  it('refuses a multi-line key and keeps the previous one', async () => {
    const store = createSessionSecretStore();
    await store.set('profile:a', 'good-key-0123456789');
    await expect(store.set('profile:a', 'bad\nkey')).rejects.toBeInstanceOf(InvalidSecretError);
    expect(await store.get('profile:a')).toBe('good-key-0123456789');
  });

  it('two session stores do not share secrets', async () => {
    const one = createSessionSecretStore();
    const two = createSessionSecretStore();
    await one.set('profile:a', 'key-one-0123456789');
    expect(await two.get('profile:a')).toBeNull();
  });
});
