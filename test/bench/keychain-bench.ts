// keychain_read_p50_ms: one key read from the real OS keychain through the console's own secret
// store (keytar behind openSecretStore), as the host does before every call to a memory server.
import { randomBytes } from 'node:crypto';
import { openSecretStore } from '../../electron/secrets/open-secret-store';
import { percentile, round1 } from './stats';

export interface KeychainBenchResult {
  readonly keychain_read_p50_ms: number | null;
  readonly keychain_read_p95_ms: number | null;
  /** Why there is no figure (no D-Bus session, locked keyring, …). */
  readonly unavailable?: string;
}

export async function benchKeychain({ runs }: { readonly runs: number }): Promise<KeychainBenchResult> {
  const service = `Memory Console bench ${randomBytes(4).toString('hex')}`;
  const opened = await openSecretStore({ service, probeTimeoutMs: 10_000 });
  if (opened.status.state !== 'available' || opened.store.kind !== 'os-keychain') {
    const reason = opened.status.state === 'available' ? 'no OS keychain store' : `${opened.status.reason}: ${opened.status.message}`;
    return { keychain_read_p50_ms: null, keychain_read_p95_ms: null, unavailable: reason };
  }
  const { store } = opened;
  const account = 'profile:bench';
  await store.set(account, `bench-${randomBytes(16).toString('hex')}`);
  try {
    for (let i = 0; i < 10; i++) await store.get(account);
    const samples: number[] = [];
    for (let i = 0; i < Math.max(runs, 50); i++) {
      const started = performance.now();
      const value = await store.get(account);
      samples.push(performance.now() - started);
      if (value === null) throw new Error('the keychain lost the key it was given');
    }
    return { keychain_read_p50_ms: round1(percentile(samples, 50)), keychain_read_p95_ms: round1(percentile(samples, 95)) };
  } finally {
    await store.delete(account);
  }
}
