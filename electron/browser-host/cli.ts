import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleCore } from '../core/console-core';
import { consoleHome } from '../settings/paths';
import { startBrowserHost } from './browser-host';

/**
 * `node dist/electron/browser-host.cjs [--port N] [--no-open]`: browser mode, started by
 * `npm start` when Electron's binary is missing or `--browser` is given.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a whole number from 0 to 65535 (got "${values.port}").`);
    process.exit(2);
  }

  const core = await createConsoleCore({ mode: 'browser', homeDir: consoleHome(process.env, process.platform) });
  const host = await startBrowserHost({ core, rendererDir: rendererDir(), port });
  console.log(`Memory Console is running at ${host.url}`);
  if (!values['no-open']) openInBrowser(host.url);

  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function rendererDir(): string {
  // Bundled as CommonJS next to dist/renderer; the environment variable serves unusual layouts.
  return process.env.MEMORY_CONSOLE_RENDERER_DIR ?? path.join(__dirname, '..', 'renderer');
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser here; open the URL above yourself.'));
  child.unref();
}

main().catch((error: unknown) => {
  console.error(`Memory Console could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
