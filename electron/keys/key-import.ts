import path from 'node:path';
import { ConsoleFailure } from '../core/console-failure';
import { decodeText, oneMiB, readRegularFile } from '../settings/read-regular-file';
import {
  keyCandidateRefSchema,
  type KeyCandidate,
  type KeyCandidateRef,
  type KeyFileKind,
  type KeyScan,
  type KeyScanProblem,
} from '../contract';
import { parseKeyFile } from './key-file-parsers';
import { keyFingerprint, keyPrefix } from './key-fingerprint';
import { checkKey } from './key-policy';

export interface FindKeyCandidatesOptions {
  readonly homeDir: string;
  /** More files to look in (kind inferred from the name: .json, .plist, .service, else .env). */
  readonly extraPaths?: readonly string[];
  /** Root for system-wide locations (/etc/systemd, /Library/LaunchDaemons); null skips them. */
  readonly systemRoot?: string | null;
  readonly platform?: NodeJS.Platform;
}

interface Location {
  readonly path: string;
  readonly kind: KeyFileKind;
  /** Default locations that do not exist are not worth mentioning; paths the user named are. */
  readonly reportMissing: boolean;
}

export const maxKeyFileBytes = oneMiB;

/** Where the service installer and the service's docs put the key (memory-service-api.md §1.4, §1.2). */
export function defaultKeyLocations(homeDir: string, systemRoot: string | null): readonly { path: string; kind: KeyFileKind }[] {
  const home = (...parts: string[]) => path.join(homeDir, ...parts);
  const locations: { path: string; kind: KeyFileKind }[] = [
    { path: home('.mcp_memory_service', 'service_config.json'), kind: 'service-config' },
    { path: home('.config', 'systemd', 'user', 'mcp-memory.service'), kind: 'systemd-unit' },
    { path: home('Library', 'LaunchAgents', 'com.mcp.memory-service.plist'), kind: 'launchd-plist' },
    { path: home('.mcp-memory', '.env'), kind: 'dotenv' },
  ];
  if (systemRoot !== null) {
    locations.push(
      { path: path.join(systemRoot, 'etc', 'systemd', 'system', 'mcp-memory.service'), kind: 'systemd-unit' },
      { path: path.join(systemRoot, 'Library', 'LaunchDaemons', 'com.mcp.memory-service.plist'), kind: 'launchd-plist' },
    );
  }
  return locations;
}

export function kindForPath(file: string): KeyFileKind {
  const name = path.basename(file).toLowerCase();
  if (name.endsWith('.json')) return 'service-config';
  if (name.endsWith('.plist')) return 'launchd-plist';
  if (name.endsWith('.service')) return 'systemd-unit';
  return 'dotenv';
}

/**
 * Looks for the server's key in the usual places. Returns fingerprints and prefixes only; the key
 * itself is read again, on demand, by readKeyFrom(). Never throws for a bad file: every oddity
 * (symlink, huge, binary, unreadable, unparsable) becomes a problem entry.
 */
export async function findKeyCandidates(options: FindKeyCandidatesOptions): Promise<KeyScan> {
  const platform = options.platform ?? process.platform;
  const systemRoot = options.systemRoot === undefined ? (platform === 'win32' ? null : '/') : options.systemRoot;
  const queue: Location[] = [
    ...defaultKeyLocations(options.homeDir, systemRoot).map((location) => ({ ...location, reportMissing: false })),
    ...(options.extraPaths ?? []).map((file) => ({ path: path.resolve(file), kind: kindForPath(file), reportMissing: true })),
  ];
  const seen = new Set<string>();
  const candidates: KeyCandidate[] = [];
  const problems: KeyScanProblem[] = [];
  const display = (file: string) => displayPath(file, options.homeDir);

  // A queue because a systemd unit can name an EnvironmentFile= that holds the key instead.
  for (let location = queue.shift(); location; location = queue.shift()) {
    if (seen.has(location.path)) continue;
    seen.add(location.path);
    const problem = (message: string) => problems.push({ path: location.path, displayPath: display(location.path), kind: location.kind, message });

    const loaded = await loadText(location.path, location.kind);
    if (loaded.kind === 'missing') {
      if (location.reportMissing) problem('File not found.');
      continue;
    }
    if (loaded.kind === 'problem') {
      problem(loaded.message);
      continue;
    }
    const parsed = parseKeyFile(location.kind, loaded.text);
    for (const message of parsed.problems) problem(message);
    for (const environmentFile of parsed.environmentFiles) {
      if (path.isAbsolute(environmentFile)) queue.push({ path: environmentFile, kind: 'dotenv', reportMissing: true });
    }
    for (const found of parsed.keys) {
      const check = checkKey(found.value);
      const fingerprint = keyFingerprint(check.key);
      const permissionWarning = platform === 'win32' ? undefined : permissionProblem(loaded.mode, display(location.path));
      candidates.push({
        ref: { path: location.path, kind: location.kind, field: found.field, fingerprint },
        displayPath: display(location.path),
        kind: location.kind,
        field: found.field,
        prefix: keyPrefix(check.key),
        fingerprint,
        plaintextWarning: `The key is stored in plain text in ${display(location.path)}. Anyone who can read that file can use it; keep the file private, and rotate the key if the file was ever shared, synced or backed up.`,
        ...(permissionWarning ? { permissionWarning } : {}),
        issues: [...check.errors, ...check.warnings],
      });
    }
  }
  return { candidates, problems };
}

/**
 * Returns the key a candidate points at, for the privileged caller to store in the keychain. It
 * never goes to the renderer. The file is read again and the key must still match the fingerprint
 * the user saw, so an edited file cannot slip a different key in.
 */
export async function readKeyFrom(ref: KeyCandidateRef): Promise<string> {
  const valid = keyCandidateRefSchema.safeParse(ref);
  if (!valid.success || !path.isAbsolute(ref.path)) throw new ConsoleFailure('invalid-input', 'Not a key location from a scan.');
  const loaded = await loadText(ref.path, ref.kind);
  if (loaded.kind === 'missing') throw new ConsoleFailure('not-found', `${ref.path} no longer exists.`);
  if (loaded.kind === 'problem') throw new ConsoleFailure('invalid-input', `${ref.path}: ${loaded.message}`);
  const found = parseKeyFile(ref.kind, loaded.text).keys.find((key) => key.field === ref.field);
  if (!found) throw new ConsoleFailure('not-found', `${ref.path} no longer contains ${ref.field}.`);
  const key = checkKey(found.value).key;
  if (keyFingerprint(key) !== ref.fingerprint) {
    throw new ConsoleFailure('conflict', `The key in ${ref.path} changed since the scan (fingerprint differs). Scan again.`);
  }
  return key;
}

type LoadedText =
  | { readonly kind: 'missing' }
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'text'; readonly text: string; readonly mode: number };

async function loadText(file: string, kind: KeyFileKind): Promise<LoadedText> {
  const read = await readRegularFile(file, maxKeyFileBytes);
  switch (read.kind) {
    case 'missing':
      return read;
    case 'unreadable':
      return { kind: 'problem', message: `Cannot be read (${read.message}).` };
    case 'too-large':
      return { kind: 'problem', message: `Larger than ${maxKeyFileBytes / oneMiB} MiB; not a key file, not read.` };
    case 'not-a-regular-file':
      return {
        kind: 'problem',
        message:
          read.fileType === 'symlink'
            ? `A symbolic link${read.linkTarget ? ` to ${read.linkTarget}` : ''}; not followed. Add the target file itself if you trust it.`
            : `Not a regular file (${read.fileType}).`,
      };
    case 'ok':
      break;
  }
  const text = decodeText(read.bytes);
  if (text === null) {
    const binaryPlist = kind === 'launchd-plist' && read.bytes.subarray(0, 6).toString('latin1') === 'bplist';
    return {
      kind: 'problem',
      message: binaryPlist
        ? 'A binary property list; convert it first with `plutil -convert xml1 <file>`.'
        : 'A binary file, not text; not read.',
    };
  }
  return { kind: 'text', text, mode: read.mode };
}

function permissionProblem(mode: number, shownPath: string): string | undefined {
  const permissions = mode & 0o777;
  if ((permissions & 0o077) === 0) return undefined;
  const who = (permissions & 0o007) !== 0 ? 'every user on this machine' : 'other members of its group';
  return `${shownPath} is accessible to ${who} (mode ${permissions.toString(8).padStart(3, '0')}). Restrict it: chmod 600 ${shownPath}`;
}

function displayPath(file: string, homeDir: string): string {
  const relative = path.relative(homeDir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? `~${path.sep}${relative}` : file;
}
