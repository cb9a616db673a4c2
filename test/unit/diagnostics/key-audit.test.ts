// Key changes through the real handlers end up in the audit log with fingerprints, never keys.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../electron/core/dispatcher';
import { keyHandlers } from '../../../electron/core/handlers/key-handlers';
import { profileHandlers } from '../../../electron/core/handlers/profile-handlers';
import type { Services } from '../../../electron/core/handlers/services';
import { diagnosticsHandlers } from '../../../electron/core/handlers/status-handlers';
import { createSignalHub } from '../../../electron/core/signal-hub';
import { createAuditLog } from '../../../electron/diagnostics/audit-log';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { createProfileStore } from '../../../electron/profiles/profile-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'mc-key-audit-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

it('set, replace, generate, remove and delete are each recorded with time, profile and fingerprint', async () => {
  const secrets = createSessionSecretStore();
  const services: Services = {
    appInfo: { version: '0', mode: 'browser', keychain: { state: 'available', backend: 't' } },
    homeDir: home,
    secrets,
    profiles: createProfileStore({ homeDir: home, secrets }),
    signals: createSignalHub(),
    audit: createAuditLog({ homeDir: home }),
  };
  const dispatch = createDispatcher({ ...profileHandlers(services), ...keyHandlers(services, { userHome: () => home, systemRoot: null }), ...diagnosticsHandlers(services) } as Handlers);
  const call = async (method: string, input: unknown) => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Record<string, unknown>;
  };
  const first = 'firstAuditKey-0123456789abcdef0123456789';
  const second = 'secondAuditKey-0123456789abcdef012345678';
  const profile = (await call('profiles.create', { name: 'Prod', baseUrl: 'https://memory.example.com', environment: 'production' })) as { id: string };
  await call('keys.set', { profileId: profile.id, key: first });
  await call('keys.set', { profileId: profile.id, key: second });
  const generated = (await call('keys.generate', { profileId: profile.id, format: 'base64-32' })) as { key: string };
  await call('keys.remove', { profileId: profile.id });
  await call('profiles.delete', { profileId: profile.id });

  const { entries } = (await call('audit.list', {})) as { entries: Array<Record<string, string | null>> };
  expect(entries.map((e) => [e.event, e.keyFingerprint])).toEqual([
    ['profile-deleted', null],
    ['key-removed', keyFingerprint(generated.key)],
    ['key-set', keyFingerprint(generated.key)],
    ['key-set', keyFingerprint(second)],
    ['key-set', keyFingerprint(first)],
  ]);
  expect(entries.every((e) => e.profileId === profile.id && e.profileName === 'Prod' && typeof e.time === 'string')).toBe(true);
  expect(entries[3]!.detail).toBe(`Key pasted stored for this session only (keychain unavailable); replaces the key ${keyFingerprint(first)}.`);
  const file = readFileSync(path.join(home, 'audit.log'), 'utf8');
  for (const key of [first, second, generated.key]) expect(file).not.toContain(key);
});
