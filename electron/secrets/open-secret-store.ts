import { randomBytes } from 'node:crypto';
import type { KeychainStatus } from '../contract';
import {
  classifyKeychainError,
  describeKeytarLoadFailure,
  describeTimeout,
  type KeychainUnavailable,
} from './keychain-diagnosis';
import { createKeytarSecretStore, loadKeytar, type KeytarLoad } from './keytar-secret-store';
import type { SecretStore } from './secret-store';
import { createSessionSecretStore } from './session-secret-store';

export interface OpenSecretStoreOptions {
  /** Keychain service name; see keychainServiceName(). */
  readonly service: string;
  /** How long the probe may take before the keychain is reported as not answering. */
  readonly probeTimeoutMs?: number;
  /** For tests of the failure paths: replaces the real (lazy) keytar load. */
  readonly load?: () => Promise<KeytarLoad>;
  readonly platform?: NodeJS.Platform;
}

export interface OpenedSecretStore {
  readonly store: SecretStore;
  readonly status: KeychainStatus;
}

export const probeAccountPrefix = '__memory-console-probe__';

/**
 * Returns the OS keychain when a real write/read/delete round trip works, otherwise a session-only
 * store plus the reason and fix. Reading alone proves nothing: with gnome-keyring started without
 * --unlock, reads quietly return null and only writes fail.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<OpenedSecretStore> {
  const platform = options.platform ?? process.platform;
  const loaded = await (options.load ?? loadKeytar)();
  if (!loaded.ok) return fallback(describeKeytarLoadFailure(loaded.error, platform));

  const store = createKeytarSecretStore(loaded.keytar, options.service);
  const timeoutMs = options.probeTimeoutMs ?? 30_000;
  const failure = await withTimeout(probe(loaded.keytar, options.service, platform), timeoutMs, () => describeTimeout(timeoutMs, platform));
  if (failure) return fallback(failure);
  return { store, status: { state: 'available', backend: backendName(platform) } };
}

async function probe(
  keytar: Extract<KeytarLoad, { ok: true }>['keytar'],
  service: string,
  platform: NodeJS.Platform,
): Promise<KeychainUnavailable | null> {
  const account = `${probeAccountPrefix}${randomBytes(6).toString('hex')}`;
  const value = randomBytes(18).toString('base64url');
  try {
    await keytar.setPassword(service, account, value);
    const readBack = await keytar.getPassword(service, account);
    if (readBack !== value) {
      return classifyKeychainError(new Error('the keychain returned a different value than was stored'), platform);
    }
    return null;
  } catch (error) {
    return classifyKeychainError(error, platform);
  } finally {
    await keytar.deletePassword(service, account).catch(() => false);
  }
}

function fallback(status: KeychainUnavailable): OpenedSecretStore {
  return { store: createSessionSecretStore(), status };
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function backendName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service (libsecret)';
  }
}
