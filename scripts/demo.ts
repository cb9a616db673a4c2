/**
 * `npm run demo [-- --port N] [--no-open] [--memories N]`: the console on the bundled local memory
 * service. Starts the service with a fresh API key and a few thousand sample memories, stores the
 * key through the keychain layer (session-only, with a banner, where no keychain is available),
 * adds or refreshes the "Local demo" server profile, and opens the console in browser mode.
 * Ctrl+C stops both; nothing is left running.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../electron/browser-host/browser-host';
import type { ContractInput, ContractMethod, ContractOutput, ProfileView } from '../electron/contract';
import { createConsoleCore, type ConsoleCore } from '../electron/core/console-core';
import { generateKey } from '../electron/keys/key-generator';
import { consoleHome } from '../electron/settings/paths';
import { spawnMemoryServer } from '../test/memory-server';
import { browserModeNotice, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoProfileName = 'Local demo';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      memories: { type: 'string', default: '3000' },
      'no-open': { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
    },
  });
  const home = consoleHome(process.env, process.platform);
  const apiKey = generateKey('base64url-32');

  // The demo server keeps its data beside the console's settings, so the sample set survives
  // restarts; a new key every run is exactly what a server restarted after a rotation looks like.
  const server = await spawnMemoryServer({
    apiKey,
    dataDir: path.join(home, 'demo-memory-service'),
    seed: Number(values.memories),
  });
  const core = await createConsoleCore({ mode: 'browser', homeDir: home });
  const stopAll = async () => {
    await core.close();
    await server.stop();
  };

  try {
    const profile = await upsertDemoProfile(core, server.url);
    await call(core, 'keys.set', { profileId: profile.id, key: apiKey });
    await call(core, 'profiles.setActive', { profileId: profile.id });
    const info = await call(core, 'app.info', {});
    if (info.keychain.state === 'unavailable') {
      console.log(`The OS keychain is unavailable (${info.keychain.message}); the demo key is kept for this session only.`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  const electronBinary = values.browser ? undefined : findElectronBinary();
  // A session-only key lives in this process, so only browser mode (served from here) can use it.
  if (electronBinary && (await call(core, 'app.info', {})).keychain.state === 'available') {
    console.log(`Local memory service with sample data: ${server.url}`);
    await core.close();
    const electron = spawn(electronBinary, [root], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => electron.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    electron.on('exit', () => void server.stop().finally(() => process.exit(0)));
    return;
  }
  if (!values.browser) console.log(browserModeNotice);

  const host = await startBrowserHost({ core, rendererDir: path.join(root, 'dist/renderer'), port: Number(values.port) });
  console.log(`Local memory service with sample data: ${server.url}`);
  console.log(`Memory Console is running at ${host.url}`);
  console.log('Press Ctrl+C to stop both.');
  if (!values['no-open']) openInBrowser(host.url);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(stopAll)
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function upsertDemoProfile(core: ConsoleCore, baseUrl: string): Promise<ProfileView> {
  const { profiles } = await call(core, 'profiles.list', {});
  const existing = profiles.find((profile) => profile.name === demoProfileName);
  if (existing) return call(core, 'profiles.update', { profileId: existing.id, patch: { baseUrl } });
  return call(core, 'profiles.create', {
    name: demoProfileName,
    baseUrl,
    environment: 'development',
    notes: 'The bundled local memory service with generated sample memories (npm run demo).',
  });
}

/** The demo goes through the same contract as the UI, so it exercises the same validation. */
async function call<M extends ContractMethod>(core: ConsoleCore, method: M, input: ContractInput<M>): Promise<ContractOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as ContractOutput<M>;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Open the URL above in your browser.'));
  child.unref();
}

main().catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
