import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ContractInput, ContractMethod, ContractOutput, Result } from '../../../../electron/contract';
import { createConsoleCore, type ConsoleCore } from '../../../../electron/core/console-core';

const run = promisify(execFile);

/**
 * A real console core as browser mode builds it: a temp MEMORY_CONSOLE_HOME and the real keychain
 * (the private gnome-keyring CI starts) under a service name no other test uses.
 */
export interface TestCore {
  readonly core: ConsoleCore;
  readonly homeDir: string;
  readonly keychainService: string;
  /** Dispatches and returns the Result as the transports would pass it on. */
  call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<Result<ContractOutput<M>>>;
  /** Dispatches and throws unless the answer is ok. */
  must<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>>;
  /** A profile with a key, pointing at `baseUrl`. */
  addProfile(baseUrl: string, key: string, name?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestCore(label: string): Promise<TestCore> {
  const homeDir = path.join(await mkdtemp(path.join(tmpdir(), `mc-${label}-`)), 'home');
  const base = process.env['MEMORY_CONSOLE_KEYCHAIN_SERVICE'] ?? 'Memory Console (test)';
  const keychainService = `${base} / ${label} ${process.pid}-${randomBytes(3).toString('hex')}`;
  const core = await createConsoleCore({ mode: 'browser', homeDir, env: { ...process.env, MEMORY_CONSOLE_KEYCHAIN_SERVICE: keychainService } });
  const info = await core.dispatch('app.info', {});
  if (!info.ok || (info.value as ContractOutput<'app.info'>).keychain.state !== 'available') {
    throw new Error(`These tests need the real keychain (run them inside the keyring session CI uses): ${JSON.stringify(info)}`);
  }
  const call = (async (method: ContractMethod, input: unknown) => core.dispatch(method, input)) as TestCore['call'];
  const must = (async (method: ContractMethod, input: unknown) => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }) as TestCore['must'];
  let profiles = 0;
  return {
    core,
    homeDir,
    keychainService,
    call,
    must,
    addProfile: async (baseUrl, key, name) => {
      profiles += 1;
      const profile = await must('profiles.create', { name: name ?? `Server ${profiles}`, baseUrl, environment: 'development' });
      await must('keys.set', { profileId: profile.id, key });
      return profile.id;
    },
    close: async () => {
      await core.close();
      await clearKeychain(keychainService);
      await rm(path.dirname(homeDir), { recursive: true, force: true });
    },
  };
}

/** What `secret-tool` shows for a service: attributes and secrets, in the keyring's order. */
export async function keychainSnapshot(service: string): Promise<string> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', service]);
  // secret-tool prints items in no stable order; each item is a block starting with `[/…]`.
  const blocks = `${stdout}`.split(/\n(?=\[)/).map((block) => block.trim()).filter((block) => block !== '');
  return `${blocks.sort().join('\n\n')}\n--\n${stderr}`;
}

export async function clearKeychain(service: string): Promise<void> {
  await run('secret-tool', ['clear', 'service', service]).catch(() => undefined);
}
