import { assertAccountName, assertStorableSecret, type SecretStore } from './secret-store';

/**
 * The fallback when the OS keychain is unavailable: keys live in this process's memory only and
 * are gone when it exits. Never serialised, never written to disk.
 */
export function createSessionSecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'session-only',
    async get(account) {
      assertAccountName(account);
      return secrets.get(account) ?? null;
    },
    async set(account, secret) {
      assertAccountName(account);
      assertStorableSecret(secret);
      secrets.set(account, secret);
    },
    async delete(account) {
      assertAccountName(account);
      return secrets.delete(account);
    },
    async list() {
      return [...secrets.keys()];
    },
  };
}
