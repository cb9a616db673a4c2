import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigFormat, FileProblem } from '../contract/rotation';
import { displayPathOf, maxConfigBytes, prepareChange, type PreparedChange } from './file-changes';
import { formatForPath } from './key-rewrite';

/**
 * Where clients keep the memory service's key (authentication.md "Client Configuration" and the
 * Claude Code hooks): Claude Desktop's `claude_desktop_config.json` at its per-OS path
 * (`mcpServers.*.env.MCP_MEMORY_API_KEY`, `mcpServers.*.headers.Authorization`) and
 * `~/.claude/hooks/config.json` (`memoryService.http.apiKey`), plus files and folders the user
 * adds. Files are matched by the old key itself (read from the keychain by the caller), and
 * reported by path, field and fingerprint only.
 */

export interface ClientLocation {
  readonly path: string;
  readonly format: ConfigFormat;
}

export function defaultClientLocations(homeDir: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): ClientLocation[] {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  let desktopDir: string;
  switch (platform) {
    case 'darwin':
      desktopDir = paths.join(homeDir, 'Library', 'Application Support', 'Claude');
      break;
    case 'win32':
      desktopDir = paths.join(env['APPDATA']?.trim() || paths.join(homeDir, 'AppData', 'Roaming'), 'Claude');
      break;
    default: {
      const xdg = env['XDG_CONFIG_HOME']?.trim();
      desktopDir = paths.join(xdg && paths.isAbsolute(xdg) ? xdg : paths.join(homeDir, '.config'), 'Claude');
    }
  }
  return [
    { path: paths.join(desktopDir, 'claude_desktop_config.json'), format: 'claude-desktop' },
    { path: paths.join(homeDir, '.claude', 'hooks', 'config.json'), format: 'claude-hooks' },
  ];
}

export interface ClientScanInput {
  readonly homeDir: string;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly extraPaths: readonly string[];
  readonly oldKey: string;
  readonly newKey: string;
  /** Folders never walked into (the console's own home, which holds backups). */
  readonly exclude?: readonly string[];
}

export interface ClientScanFound {
  readonly changes: readonly PreparedChange[];
  readonly problems: readonly FileProblem[];
  readonly searched: readonly string[];
}

const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.cache']);
export const walkLimits = { maxDepth: 8, maxFiles: 20_000 } as const;

export async function scanClientConfigs(input: ClientScanInput): Promise<ClientScanFound> {
  const changes: PreparedChange[] = [];
  const problems: FileProblem[] = [];
  const searched: string[] = [];
  const seen = new Set<string>();
  const display = (file: string) => displayPathOf(file, input.homeDir);
  const exclude = (input.exclude ?? []).map((dir) => path.resolve(dir));

  const consider = async (file: string, format: ConfigFormat, named: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const prepared = await prepareChange({ path: file, format, oldKey: input.oldKey, newKey: input.newKey, homeDir: input.homeDir });
    if (prepared.ok) changes.push(prepared.change);
    // Default places that do not exist or do not hold the key are only "searched"; a file the user named gets an answer.
    else if (named || !/^(File not found|The old key (is not|does not))/.test(prepared.problem.message)) problems.push(prepared.problem);
  };

  for (const location of defaultClientLocations(input.homeDir, input.platform, input.env)) {
    searched.push(display(location.path));
    await consider(location.path, location.format, false);
  }

  for (const raw of input.extraPaths) {
    const target = path.resolve(raw);
    searched.push(display(target));
    const info = await lstat(target).catch(() => null);
    if (info === null) {
      problems.push({ path: target, displayPath: display(target), message: 'Not found.' });
    } else if (info.isSymbolicLink()) {
      problems.push({ path: target, displayPath: display(target), message: 'A symbolic link; not followed. Add its target instead.' });
    } else if (info.isDirectory()) {
      const walked = await filesUnder(target, exclude);
      if (walked.truncated) problems.push({ path: target, displayPath: display(target), message: `More than ${walkLimits.maxFiles} files; only the first were searched.` });
      for (const file of walked.files) {
        if (await holdsKey(file, input.oldKey)) await consider(file, formatForPath(file), false);
      }
    } else {
      await consider(target, formatForPath(target), true);
    }
  }
  return { changes, problems, searched };
}

/** Regular files under a folder, without following links, skipping tool and dependency folders. */
export async function filesUnder(root: string, exclude: readonly string[], limits: { readonly maxDepth: number; readonly maxFiles: number } = walkLimits): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let truncated = false;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (truncated || depth > limits.maxDepth) return;
    if (exclude.some((skip) => dir === skip || dir.startsWith(`${skip}${path.sep}`))) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) await walk(full, depth + 1);
      } else if (entry.isFile()) {
        if (files.length >= limits.maxFiles) {
          truncated = true;
          return;
        }
        files.push(full);
      }
    }
  };
  await walk(root, 0);
  return { files, truncated };
}

async function holdsKey(file: string, key: string): Promise<boolean> {
  const info = await lstat(file).catch(() => null);
  if (info === null || !info.isFile() || info.size > maxConfigBytes) return false;
  const bytes = await readFile(file).catch(() => null);
  return bytes !== null && bytes.includes(key);
}
