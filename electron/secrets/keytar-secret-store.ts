// The only file that imports keytar (DESIGN rule 2). Everything else sees a SecretStore.
import type * as KeytarModule from 'keytar';
import { classifyKeychainError } from './keychain-diagnosis';
import { assertAccountName, assertStorableSecret, SecretStoreError, type SecretStore } from './secret-store';

export type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

export type KeytarLoad = { readonly ok: true; readonly keytar: Keytar } | { readonly ok: false; readonly error: unknown };

/**
 * Loaded lazily so a missing or incompatible native module (no libsecret, wrong ABI) becomes a
 * status the UI can explain instead of a crash at startup.
 */
export async function loadKeytar(): Promise<KeytarLoad> {
  try {
    const loaded: unknown = await import('keytar');
    // keytar is CommonJS: under ESM its functions sit on `default` (Node's lexer only sees one
    // of them as a named export); a CommonJS bundle hands back the module object itself.
    const candidate = (loaded as { default?: unknown }).default ?? loaded;
    if (!isKeytar(candidate)) {
      return { ok: false, error: new Error('keytar loaded but does not expose the expected functions') };
    }
    return { ok: true, keytar: candidate };
  } catch (error) {
    return { ok: false, error };
  }
}

function isKeytar(value: unknown): value is Keytar {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'].every((name) => typeof record[name] === 'function');
}

export function createKeytarSecretStore(keytar: Keytar, service: string): SecretStore {
  // OS messages never contain the secret, but a failure mid-session (keyring locked after the
  // probe) must still surface as a typed, explained `keychain-unavailable`.
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      const diagnosis = classifyKeychainError(error);
      throw new SecretStoreError(diagnosis.reason, diagnosis.message, diagnosis.fix);
    }
  };
  return {
    kind: 'os-keychain',
    get(account) {
      assertAccountName(account);
      return guard(() => keytar.getPassword(service, account));
    },
    async set(account, secret) {
      assertAccountName(account);
      assertStorableSecret(secret);
      await guard(() => keytar.setPassword(service, account, secret));
    },
    delete(account) {
      assertAccountName(account);
      return guard(() => keytar.deletePassword(service, account));
    },
    list() {
      // keytar has no account-only listing; the passwords are dropped here and go no further.
      return guard(async () => (await keytar.findCredentials(service)).map((credential) => credential.account));
    },
  };
}
