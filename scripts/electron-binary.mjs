// Where Electron's binary is, without the electron package's own lookup: since Electron 45 that
// lookup downloads the binary on first use and prints a stack trace when it cannot. We try the
// download ourselves, quietly and once, so an offline machine gets one clear line instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {string | undefined} */
function locate(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(overridden) ? overridden : undefined;
  }
  if (!executable) return undefined;
  const binary = path.join(electronDir, 'dist', executable);
  return existsSync(binary) ? binary : undefined;
}

/** @returns {string | undefined} the Electron binary, downloading it first when possible */
export function findElectronBinary() {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const found = locate(electronDir);
  if (found) return found;
  const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 10 * 60_000 });
  return download.status === 0 ? locate(electronDir) : undefined;
}

export const browserModeNotice =
  "Electron's binary is not installed on this machine (it could not be downloaded); starting browser mode instead.";
