import type {
  BaseUrlCheck,
  ConsoleError,
  ContractMethod,
  DuplicateKeyGroup,
  KeyCheckResult,
  KeyIssue,
  KeychainStatus,
  KeyScan,
  KeySetResult,
  KeySource,
  Memory,
  ProfileView,
  Result,
} from '../../../../../electron/contract';
import type { PreloadApi } from '../../../../../renderer/bridge';
import { createFakeConsole } from '../../support/fake-console';

export interface ProfilesFakeOptions {
  readonly profiles?: readonly ProfileView[];
  readonly activeId?: string | null;
  /** Keys already stored for the given profiles (their views should carry matching key metadata). */
  readonly keys?: Readonly<Record<string, string>>;
  readonly keychain?: KeychainStatus;
  readonly memories?: Readonly<Record<string, readonly Memory[]>>;
  readonly scan?: KeyScan;
  /** The value keys.generate hands out. */
  readonly generated?: string;
}

/** A fake key's fingerprint: stable and key-free, like the real one. */
export function fakeFingerprint(key: string): string {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `sha256:${hash.toString(16).padStart(8, '0')}beef`;
}

export function fakeKeyView(key: string, source: KeySource, extra: { sessionOnly?: boolean; importedFrom?: string; addedAt?: string } = {}) {
  return {
    prefix: `${key.slice(0, 8)}…`,
    fingerprint: fakeFingerprint(key),
    source,
    ...(extra.importedFrom ? { importedFrom: extra.importedFrom } : {}),
    addedAt: extra.addedAt ?? new Date(Date.now() - 3 * 86_400_000).toISOString(),
    sessionOnly: extra.sessionOnly ?? false,
  };
}

/** The privileged side's profile and key methods with state, on top of the shared fake console. */
export function createProfilesFake(options: ProfilesFakeOptions = {}) {
  const base = createFakeConsole({
    ...(options.keychain ? { keychain: options.keychain } : {}),
    ...(options.memories ? { memories: options.memories } : {}),
  });
  let profiles: ProfileView[] = [...(options.profiles ?? [])];
  let activeId: string | null = options.activeId ?? null;
  const keys = new Map<string, string>(Object.entries(options.keys ?? {}));
  const failures = new Map<ContractMethod, ConsoleError>();
  const sessionOnly = options.keychain?.state === 'unavailable';
  let nextId = 1;

  const answer = <T>(method: ContractMethod, input: unknown, value: () => T): Promise<Result<T>> => {
    base.calls.push({ method, input });
    const failure = failures.get(method);
    if (failure) return Promise.resolve({ ok: false, error: failure });
    try {
      return Promise.resolve({ ok: true, value: value() });
    } catch (error) {
      return Promise.resolve({ ok: false, error: error as ConsoleError });
    }
  };
  const find = (id: string): ProfileView => {
    const profile = profiles.find((candidate) => candidate.id === id);
    if (!profile) throw { code: 'not-found', message: 'That profile no longer exists.' } satisfies ConsoleError;
    return profile;
  };
  const replace = (next: ProfileView) => {
    profiles = profiles.map((profile) => (profile.id === next.id ? next : profile));
    return next;
  };
  const list = () => ({ profiles, activeId, problems: [] });

  const duplicates = (): DuplicateKeyGroup[] => {
    const byKey = new Map<string, ProfileView[]>();
    for (const profile of profiles) {
      const key = keys.get(profile.id);
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), profile]);
    }
    return [...byKey.values()]
      .filter((members) => members.length > 1 && new Set(members.map((member) => member.baseUrl)).size > 1)
      .map((members) => {
        const danger = members.some((member) => member.environment === 'production');
        const names = members.map((member) => `"${member.name}"`).join(' and ');
        return {
          profileIds: members.map((member) => member.id),
          profileNames: members.map((member) => member.name),
          severity: danger ? 'danger' : 'warning',
          message: danger ? `${names} use the same API key, and a production server is among them.` : `${names} use the same API key.`,
        } as const;
      });
  };

  const check = (raw: string): KeyCheckResult => {
    const key = raw.trim();
    const errors: KeyIssue[] = [];
    const warnings: KeyIssue[] = [];
    const notes: KeyIssue[] = [];
    if (key !== raw && key !== '') notes.push({ code: 'trimmed', message: 'Spaces or line breaks around the key were removed.' });
    if (/[\r\n]/.test(key)) errors.push({ code: 'multi-line', message: 'The key spans several lines; paste a single-line key.' });
    if (key.length < 16) errors.push({ code: 'too-short', message: `The key has ${key.length} characters; the minimum is 16 (32+ recommended).` });
    else if (key.length < 32) warnings.push({ code: 'short', message: `The key has ${key.length} characters; 32 or more are recommended.` });
    return { errors, warnings, notes };
  };

  const setKey = (profileId: string, raw: string, source: KeySource, importedFrom?: string): KeySetResult => {
    const result = check(raw);
    if (result.errors.length > 0) throw { code: 'invalid-input', message: result.errors.map((issue) => issue.message).join(' ') } satisfies ConsoleError;
    const key = raw.trim();
    const profile = find(profileId);
    keys.set(profileId, key);
    const next = replace({ ...profile, key: fakeKeyView(key, source, { sessionOnly, ...(importedFrom ? { importedFrom } : {}), addedAt: new Date().toISOString() }) });
    base.emit({ kind: 'profiles-changed' });
    return { profile: next, warnings: result.warnings, notes: result.notes, duplicates: duplicates().filter((group) => group.profileIds.includes(profileId)) };
  };

  const normalise = (text: string): BaseUrlCheck => {
    const trimmed = text.trim();
    const match = /^(https?):\/\/([^/\s?#]+)(\/.*)?$/i.exec(trimmed);
    if (!match) return { ok: false, message: 'Start the address with http:// or https:// (e.g. http://127.0.0.1:8000 or https://memory.example.com).' };
    const path = (match[3] ?? '').replace(/\/+$/, '').replace(/\/api$/, '');
    const url = `${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}${path}`;
    const warnings = match[1]!.toLowerCase() === 'http' && !/^(127\.|localhost)/.test(match[2]!) ? ['This address uses http://, so the API key crosses the network unencrypted.'] : [];
    return { ok: true, url, warnings };
  };

  const api: PreloadApi = {
    ...base.api,
    'profiles.list': (input) => answer('profiles.list', input, list),
    'profiles.create': (input) =>
      answer('profiles.create', input, () => {
        if (profiles.some((profile) => profile.name.toLowerCase() === input.name.trim().toLowerCase())) {
          throw { code: 'conflict', message: `A profile named "${input.name.trim()}" already exists (names are compared ignoring case).` } satisfies ConsoleError;
        }
        const checked = normalise(input.baseUrl);
        if (!checked.ok) throw { code: 'invalid-input', message: `baseUrl: ${checked.message}` } satisfies ConsoleError;
        const profile: ProfileView = {
          id: `server-${nextId++}`,
          name: input.name.trim(),
          baseUrl: checked.url,
          environment: input.environment,
          ...(input.environment === 'custom' && input.customEnvironment ? { customEnvironment: input.customEnvironment.trim() } : {}),
          ...(input.notes ? { notes: input.notes } : {}),
          key: null,
        };
        profiles = [...profiles, profile];
        return profile;
      }),
    'profiles.update': (input) =>
      answer('profiles.update', input, () => {
        const current = find(input.profileId);
        const { patch } = input;
        const next: { -readonly [K in keyof ProfileView]: ProfileView[K] } = { ...current };
        if (patch.name !== undefined) next.name = patch.name.trim();
        if (patch.baseUrl !== undefined) {
          const checked = normalise(patch.baseUrl);
          if (!checked.ok) throw { code: 'invalid-input', message: `baseUrl: ${checked.message}` } satisfies ConsoleError;
          next.baseUrl = checked.url;
        }
        if (patch.environment !== undefined) next.environment = patch.environment;
        if (patch.customEnvironment === null) delete next.customEnvironment;
        else if (patch.customEnvironment !== undefined) next.customEnvironment = patch.customEnvironment;
        if (patch.notes === null) delete next.notes;
        else if (patch.notes !== undefined) next.notes = patch.notes;
        return replace(next);
      }),
    'profiles.delete': (input) =>
      answer('profiles.delete', input, () => {
        const deleted = find(input.profileId);
        profiles = profiles.filter((profile) => profile.id !== input.profileId);
        if (activeId === input.profileId) activeId = null;
        const keyRemoved = keys.delete(input.profileId);
        return { deleted, keyRemoved };
      }),
    'profiles.reorder': (input) =>
      answer('profiles.reorder', input, () => {
        const listed = input.ids.flatMap((id) => profiles.find((profile) => profile.id === id) ?? []);
        profiles = [...listed, ...profiles.filter((profile) => !input.ids.includes(profile.id))];
        return list();
      }),
    'profiles.setActive': (input) =>
      answer('profiles.setActive', input, () => {
        if (input.profileId !== null) find(input.profileId);
        activeId = input.profileId;
        return list();
      }),
    'profiles.checkBaseUrl': (input) => answer('profiles.checkBaseUrl', input, () => normalise(input.baseUrl)),
    'keys.set': (input) => answer('keys.set', input, () => setKey(input.profileId, input.key, 'pasted')),
    'keys.check': (input) => answer('keys.check', input, () => check(input.key)),
    'keys.generate': (input) =>
      answer('keys.generate', input, () => {
        const key = options.generated ?? 'GENERATEDkey0123456789abcdefghijklmnopqrstuvwx';
        return { key, result: setKey(input.profileId, key, 'generated') };
      }),
    'keys.reveal': (input) =>
      answer('keys.reveal', input, () => {
        const key = keys.get(input.profileId);
        if (key === undefined) throw { code: 'not-found', message: 'This server has no stored key.' } satisfies ConsoleError;
        return { key };
      }),
    'keys.findCandidates': (input) => answer('keys.findCandidates', input, () => options.scan ?? { candidates: [], problems: [] }),
    'keys.import': (input) =>
      answer('keys.import', input, () => {
        const candidate = options.scan?.candidates.find((item) => item.ref.path === input.ref.path && item.ref.field === input.ref.field);
        if (!candidate) throw { code: 'not-found', message: `${input.ref.path} no longer contains the key.` } satisfies ConsoleError;
        return setKey(input.profileId, importedKeys.get(candidate.ref.path) ?? 'importedKEY-00000000000000000000000000', 'imported', candidate.displayPath);
      }),
    'keys.remove': (input) =>
      answer('keys.remove', input, () => {
        keys.delete(input.profileId);
        return replace({ ...find(input.profileId), key: null });
      }),
    'keys.duplicates': (input) => answer('keys.duplicates', input, () => ({ groups: duplicates() })),
  };
  const importedKeys = new Map<string, string>();

  return {
    ...base,
    api,
    /** The fake keychain: profile id → key. */
    keys,
    profiles: () => profiles,
    activeId: () => activeId,
    /** The key a scanned file holds, for keys.import. */
    setFileKey: (path: string, key: string) => importedKeys.set(path, key),
    fail: (method: ContractMethod, error: ConsoleError | null) => {
      if (error === null) failures.delete(method);
      else failures.set(method, error);
      base.fail(method, error);
    },
  };
}

export type ProfilesFake = ReturnType<typeof createProfilesFake>;
