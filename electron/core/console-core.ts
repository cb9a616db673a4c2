import packageJson from '../../package.json' with { type: 'json' };
import type { AppInfo, ChangeSignal } from '../contract';
import { listMemories } from '../memory-service/memory-client';
import { createProfileStore, type ProfileStore } from '../profiles/profile-store';
import { keychainServiceName } from '../secrets/keychain-service-name';
import { openSecretStore } from '../secrets/open-secret-store';
import { ensureConsoleHome } from '../settings/paths';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { createSignalHub, type SignalHub } from './signal-hub';

export interface ConsoleCoreOptions {
  readonly mode: 'electron' | 'browser';
  /** The console's settings directory (MEMORY_CONSOLE_HOME or the OS's usual config dir). */
  readonly homeDir: string;
  /** Electron's `app.isPackaged`: decides the keychain service name when NODE_ENV is not set. */
  readonly packaged?: boolean;
  readonly env?: NodeJS.ProcessEnv;
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
  const profiles = createProfileStore({ homeDir: options.homeDir, secrets });
  const signals = createSignalHub();
  const appInfo: AppInfo = { version: packageJson.version, mode: options.mode, keychain };

  const dispatch = createDispatcher(createHandlers({ appInfo, profiles, signals }), {
    onInternalError: (method, error) => {
      // Only the error's name and stack: payloads may hold a key being pasted.
      console.error(`[memory-console] unexpected error in ${method}: ${error instanceof Error ? (error.stack ?? error.name) : typeof error}`);
    },
  });

  return {
    dispatch,
    subscribe: signals.subscribe,
    close: async () => signals.clear(),
  };
}

interface Services {
  readonly appInfo: AppInfo;
  readonly profiles: ProfileStore;
  readonly signals: SignalHub;
}

function createHandlers({ appInfo, profiles, signals }: Services): Handlers {
  /** Runs a change, then tells every window so each refreshes what it shows. */
  const changing = async <T>(change: Promise<T>, ...kinds: ('profiles-changed' | 'keychain-changed')[]): Promise<T> => {
    const result = await change;
    for (const kind of kinds) signals.emit({ kind });
    return result;
  };
  return {
    'app.info': async () => appInfo,
    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => changing(profiles.create(input), 'profiles-changed'),
    'profiles.update': (input) => changing(profiles.update(input.profileId, input.patch), 'profiles-changed'),
    'profiles.delete': (input) => changing(profiles.delete(input.profileId), 'profiles-changed', 'keychain-changed'),
    'profiles.reorder': (input) => changing(profiles.reorder(input.ids), 'profiles-changed'),
    'profiles.setActive': (input) => changing(profiles.setActive(input.profileId), 'profiles-changed'),
    'keys.set': (input) => changing(profiles.setKey(input.profileId, input.key, { source: 'pasted' }), 'profiles-changed', 'keychain-changed'),
    'memories.list': async (input) => {
      const profile = await profiles.get(input.profileId);
      // The key is read from the keychain at call time and goes no further than the request header.
      const apiKey = await profiles.readKey(profile.id);
      return listMemories(
        { baseUrl: profile.baseUrl, apiKey },
        {
          page: input.page,
          pageSize: input.pageSize,
          tags: input.tags,
          tagMatch: input.tagMatch,
          ...(input.memoryType ? { memoryType: input.memoryType } : {}),
        },
      );
    },
  };
}
