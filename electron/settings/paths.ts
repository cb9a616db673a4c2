import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The console's settings directory: `MEMORY_CONSOLE_HOME` if set, otherwise the platform's usual
 * per-user config location. Pure (no I/O) so it can be tested for every platform from any platform.
 */
export function consoleHome(env: Env, platform: NodeJS.Platform, homeDir: string = os.homedir()): string {
  const override = env['MEMORY_CONSOLE_HOME']?.trim();
  const paths = platform === 'win32' ? path.win32 : path.posix;
  if (override) return paths.resolve(override);
  switch (platform) {
    case 'win32':
      return paths.join(env['APPDATA']?.trim() || paths.join(homeDir, 'AppData', 'Roaming'), 'Memory Console');
    case 'darwin':
      return paths.join(homeDir, 'Library', 'Application Support', 'Memory Console');
    default: {
      // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = env['XDG_CONFIG_HOME']?.trim();
      const base = xdg && paths.isAbsolute(xdg) ? xdg : paths.join(homeDir, '.config');
      return paths.join(base, 'memory-console');
    }
  }
}

/** Creates the directory owner-only; it holds profile metadata and locks, never keys. */
export async function ensureConsoleHome(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
