import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KeyVerdict } from '../../../electron/contract';
import { createAuditLog, type AuditLog } from '../../../electron/diagnostics/audit-log';
import { createProfileStore, profileKeyAccount, type ProfileStore } from '../../../electron/profiles/profile-store';
import type { KeyProber } from '../../../electron/rotation/key-probe';
import { pendingKeyAccount } from '../../../electron/rotation/key-probe';
import { createRotationService, type CrashPoint, type RotationService } from '../../../electron/rotation/rotation-service';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

/** Fake keys made at test time: obviously not real, distinctive enough to search for. */
export function fakeKey(label = 'k'): string {
  return `test${label}FAKE${randomBytes(16).toString('hex')}`;
}

/** Stands in for the OS keychain (the real one is covered in test/integration/rotation). */
export function fakeKeychain(): SecretStore & { readonly items: Map<string, string> } {
  const session = createSessionSecretStore();
  const items = new Map<string, string>();
  return {
    kind: 'os-keychain',
    items,
    async get(account) {
      return items.get(account) ?? null;
    },
    async set(account, secret) {
      await session.set(account, secret);
      items.set(account, secret);
    },
    async delete(account) {
      return items.delete(account);
    },
    async list() {
      return [...items.keys()];
    },
  };
}

/** The memory server as the prober sees it: the keys it accepts, or down. */
export interface FakeServer {
  accepted: Set<string>;
  down: boolean;
  probes: number;
}

export function fakeServer(keys: readonly string[]): FakeServer {
  return { accepted: new Set(keys), down: false, probes: 0 };
}

export function proberFor(server: FakeServer): KeyProber {
  return async (_target, key) => {
    server.probes++;
    if (server.down) return { verdict: 'unreachable' as KeyVerdict, message: 'Unreachable: connection refused.' };
    return server.accepted.has(key) ? { verdict: 'accepted', message: 'The server accepted this key.' } : { verdict: 'rejected', message: 'The server refused this key (HTTP 401).' };
  };
}

export interface Harness {
  readonly root: string;
  readonly consoleHome: string;
  readonly userHome: string;
  readonly keychain: ReturnType<typeof fakeKeychain>;
  readonly server: FakeServer;
  readonly oldKey: string;
  profiles: ProfileStore;
  audit: AuditLog;
  service: RotationService;
  profileId: string;
  /** A new service on the same home and keychain: what reopening the console after a crash gives. */
  reopen(crashPoint?: (point: CrashPoint) => void): RotationService;
  activeKey(): string | undefined;
  pendingKey(): string | undefined;
  /** Keys in the keychain for this profile that the server accepts now. */
  workingKeys(): string[];
  writeUserFile(relative: string, text: string): string;
  cleanup(): void;
}

export async function createHarness(options: { readonly environment?: 'development' | 'staging' | 'production'; readonly crashPoint?: (point: CrashPoint) => void } = {}): Promise<Harness> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mc-rotation-'));
  const consoleHome = path.join(root, 'console');
  const userHome = path.join(root, 'user');
  mkdirSync(userHome, { recursive: true });
  const keychain = fakeKeychain();
  const oldKey = fakeKey('old');
  const server = fakeServer([oldKey]);
  const make = (crashPoint?: (point: CrashPoint) => void) => {
    const profiles = createProfileStore({ homeDir: consoleHome, secrets: keychain });
    const audit = createAuditLog({ homeDir: consoleHome });
    const service = createRotationService({
      homeDir: consoleHome,
      secrets: keychain,
      profiles,
      audit,
      prober: proberFor(server),
      pollIntervalMs: 5,
      userHome: () => userHome,
      platform: 'linux',
      env: {},
      ...(crashPoint ? { crashPoint } : {}),
    });
    return { profiles, audit, service };
  };
  const first = make(options.crashPoint);
  const created = await first.profiles.create({ name: 'Test server', baseUrl: 'http://127.0.0.1:8000', environment: options.environment ?? 'production' });
  await first.profiles.setKey(created.id, oldKey, { source: 'pasted' });
  const harness: Harness = {
    root,
    consoleHome,
    userHome,
    keychain,
    server,
    oldKey,
    ...first,
    profileId: created.id,
    reopen(crashPoint) {
      harness.service.close();
      const next = make(crashPoint);
      harness.profiles = next.profiles;
      harness.audit = next.audit;
      harness.service = next.service;
      return next.service;
    },
    activeKey: () => keychain.items.get(profileKeyAccount(created.id)),
    pendingKey: () => keychain.items.get(pendingKeyAccount(created.id)),
    workingKeys: () =>
      [keychain.items.get(profileKeyAccount(created.id)), keychain.items.get(pendingKeyAccount(created.id))].filter((key): key is string => key !== undefined && !server.down && server.accepted.has(key)),
    writeUserFile(relative, text) {
      const file = path.join(userHome, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text, { mode: 0o600 });
      return file;
    },
    cleanup() {
      harness.service.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Waits until `check` passes (polls run on timers). */
export async function eventually<T>(check: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export class SimulatedCrash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`simulated crash at ${point}`);
  }
}
