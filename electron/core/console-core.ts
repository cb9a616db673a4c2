import packageJson from '../../package.json' with { type: 'json' };
import type { AppInfo, ChangeSignal } from '../contract';
import { createAuditLog } from '../diagnostics/audit-log';
import { probeTimeoutFromEnv } from '../diagnostics/status-service';
import { createProfileStore } from '../profiles/profile-store';
import { keychainServiceName } from '../secrets/keychain-service-name';
import { openSecretStore } from '../secrets/open-secret-store';
import { ensureConsoleHome } from '../settings/paths';
import { createLiveFollower } from '../live-updates/live-follower';
import { createRotationService } from '../rotation/rotation-service';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { analyticsHandlers } from './handlers/analytics-handlers';
import { appHandlers } from './handlers/app-handlers';
import { exportHandlers, type ChooseSavePath } from './handlers/export-handlers';
import { keyHandlers } from './handlers/key-handlers';
import { liveHandlers } from './handlers/live-handlers';
import { memoryHandlers, targetFor } from './handlers/memory-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import { rotationHandlers } from './handlers/rotation-handlers';
import { diagnosticsHandlers } from './handlers/status-handlers';
import type { Services } from './handlers/services';
import { createSignalHub } from './signal-hub';

export interface ConsoleCoreOptions {
  readonly mode: 'electron' | 'browser';
  /** The console's settings directory (MEMORY_CONSOLE_HOME or the OS's usual config dir). */
  readonly homeDir: string;
  /** Electron's `app.isPackaged`: decides the keychain service name when NODE_ENV is not set. */
  readonly packaged?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Electron's save dialog for exports; browser mode has none (the page downloads instead). */
  readonly chooseSavePath?: ChooseSavePath;
}

export interface ConsoleCore {
  readonly dispatch: Dispatch;
  /** Change signals for the renderer; they carry no data. Returns an unsubscribe function. */
  subscribe(listener: (signal: ChangeSignal) => void): () => void;
  close(): Promise<void>;
}

/** The composition root of the privileged side: one per process, shared by both transports. */
export async function createConsoleCore(options: ConsoleCoreOptions): Promise<ConsoleCore> {
  const env = options.env ?? process.env;
  await ensureConsoleHome(options.homeDir);
  const { store: secrets, status: keychain } = await openSecretStore({
    service: keychainServiceName(env, { packaged: options.packaged ?? false }),
  });
  const signals = createSignalHub();
  const appInfo: AppInfo = { version: packageJson.version, mode: options.mode, keychain };
  const services: Services = {
    appInfo,
    homeDir: options.homeDir,
    secrets,
    profiles: createProfileStore({ homeDir: options.homeDir, secrets }),
    signals,
    audit: createAuditLog({ homeDir: options.homeDir, onError: () => console.error('[memory-console] could not write the audit log') }),
  };
  const rotation = createRotationService({
    homeDir: options.homeDir,
    secrets,
    profiles: services.profiles,
    audit: services.audit,
    env,
    // A poll that ended (new key accepted or timed out) changes what the wizard shows.
    onChange: () => signals.emit({ kind: 'profiles-changed' }),
  });
  const live = createLiveFollower({ resolveTarget: (id) => targetFor(services.profiles, id), emit: signals.emit });
  // A changed address or key must reach the open event stream too.
  const unwatchProfiles = signals.subscribe((signal) => {
    if (signal.kind === 'profiles-changed' || signal.kind === 'keychain-changed') void live.refresh();
  });

  const handlers: Handlers = {
    ...appHandlers(services),
    ...profileHandlers(services),
    ...keyHandlers(services),
    ...memoryHandlers(services),
    ...analyticsHandlers(services),
    ...liveHandlers(live),
    ...exportHandlers(options.chooseSavePath),
    ...diagnosticsHandlers(services, { timeoutMs: probeTimeoutFromEnv(env) }),
    ...rotationHandlers(services, rotation),
  };
  const dispatch = createDispatcher(handlers, {
    onInternalError: (method, error) => {
      // Only the error's name and stack: payloads may hold a key being pasted.
      console.error(`[memory-console] unexpected error in ${method}: ${error instanceof Error ? (error.stack ?? error.name) : typeof error}`);
    },
  });

  return {
    dispatch,
    subscribe: signals.subscribe,
    close: async () => {
      unwatchProfiles();
      rotation.close();
      await live.close();
      signals.clear();
    },
  };
}
