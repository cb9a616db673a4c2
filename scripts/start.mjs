// `npm start [-- --browser] [--port N] [--no-open]`: builds when needed, then opens the console in
// Electron, or in browser mode when Electron's binary is not installed (offline installs cannot
// download it) or --browser is given.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserModeNotice, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

ensureBuilt();
const electronBinary = forceBrowser ? undefined : findElectronBinary();
if (electronBinary) {
  run(electronBinary, [root, ...passThrough]);
} else {
  if (!forceBrowser) {
    console.log(browserModeNotice);
  }
  run(process.execPath, [path.join(root, 'dist/electron/browser-host.cjs'), ...passThrough]);
}

function ensureBuilt() {
  const setup = spawnSync('bash', [path.join(root, 'scripts/setup.sh')], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
