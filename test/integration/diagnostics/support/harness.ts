import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContractInput, ContractMethod, ContractOutput, ProfileView } from '../../../../electron/contract';
import { createDispatcher, type Dispatch, type Handlers } from '../../../../electron/core/dispatcher';
import { keyHandlers } from '../../../../electron/core/handlers/key-handlers';
import { memoryHandlers } from '../../../../electron/core/handlers/memory-handlers';
import { profileHandlers } from '../../../../electron/core/handlers/profile-handlers';
import type { Services } from '../../../../electron/core/handlers/services';
import { diagnosticsHandlers, type DiagnosticsHandlerOptions } from '../../../../electron/core/handlers/status-handlers';
import { createSignalHub } from '../../../../electron/core/signal-hub';
import { createAuditLog } from '../../../../electron/diagnostics/audit-log';
import { createProfileStore } from '../../../../electron/profiles/profile-store';
import { createSessionSecretStore } from '../../../../electron/secrets/session-secret-store';

/**
 * The privileged side's profile, key, memory, status and audit methods behind the real dispatcher
 * (input validation included), over a temporary console home. Keys live in a session store: the
 * keychain has its own tests, and these are about what goes over the wire.
 */
export interface DiagnosticsHarness {
  readonly homeDir: string;
  readonly dispatch: Dispatch;
  call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>>;
  /** Calls and returns the error (the call must fail). */
  failure(method: ContractMethod, input: unknown): Promise<{ code: string; message: string }>;
  addProfile(name: string, baseUrl: string, options?: { key?: string; environment?: 'development' | 'staging' | 'production' }): Promise<ProfileView>;
  remove(): void;
}

export function createHarness(options: DiagnosticsHandlerOptions = {}): DiagnosticsHarness {
  const homeDir = mkdtempSync(path.join(os.tmpdir(), 'mc-diagnostics-'));
  const secrets = createSessionSecretStore();
  const services: Services = {
    appInfo: { version: '0.0.0', mode: 'browser', keychain: { state: 'available', backend: 'test' } },
    homeDir,
    secrets,
    profiles: createProfileStore({ homeDir, secrets }),
    signals: createSignalHub(),
    audit: createAuditLog({ homeDir }),
  };
  // Only the features under test; the cast is safe because nothing else is called.
  const handlers = {
    ...profileHandlers(services),
    ...keyHandlers(services, { userHome: () => homeDir, systemRoot: null }),
    ...memoryHandlers(services),
    ...diagnosticsHandlers(services, options),
  } as Handlers;
  const dispatch = createDispatcher(handlers, { onInternalError: (method, error) => console.error(method, error) });
  const call = async <M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ContractOutput<M>;
  };
  return {
    homeDir,
    dispatch,
    call,
    failure: async (method, input) => {
      const result = await dispatch(method, input);
      if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
      return result.error;
    },
    addProfile: async (name, baseUrl, profileOptions = {}) => {
      const profile = await call('profiles.create', { name, baseUrl, environment: profileOptions.environment ?? 'development' });
      if (profileOptions.key === undefined) return profile;
      return (await call('keys.set', { profileId: profile.id, key: profileOptions.key })).profile;
    },
    remove: () => rmSync(homeDir, { recursive: true, force: true }),
  };
}

/** A key that passes the key policy and is easy to search for. */
export function testKey(label: string): string {
  return `${label}KEY${randomBytes(20).toString('hex')}`;
}
