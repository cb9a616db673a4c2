import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { KeySource, KeyView, ProfileList, ProfileView } from '../contract';
import { ConsoleFailure } from '../core/console-failure';
import { deriveKeyInfo, keyComparisonHash, keyFingerprint, keyPrefix } from '../keys/key-fingerprint';
import { checkKey, type KeyIssue } from '../keys/key-policy';
import type { SecretStore } from '../secrets/secret-store';
import type { FileLockOptions } from '../settings/file-lock';
import { findDuplicateKeys, type DuplicateKeyGroup, type KeyedProfile } from './duplicate-keys';
import { profileInputSchema, profilePatchSchema, type ProfileInput, type ProfilePatch } from './profile-fields';
import type { ProfilesFile, StoredKey, StoredProfile } from './profiles-file';
import { createProfilesRepository, type RepositoryOptions } from './profiles-repository';

export interface ProfileStoreOptions {
  readonly homeDir: string;
  readonly secrets: SecretStore;
  readonly now?: () => Date;
  readonly lock?: FileLockOptions;
  readonly write?: RepositoryOptions['write'];
}

export interface KeyOrigin {
  readonly source: KeySource;
  /** For imported keys: where it was found (a display path, never the key). */
  readonly importedFrom?: string;
  /** Set by a guided rotation's commit: the fingerprint of the key being replaced. */
  readonly previousFingerprint?: string;
}

export interface SetKeyResult {
  readonly profile: ProfileView;
  readonly warnings: readonly KeyIssue[];
  readonly notes: readonly KeyIssue[];
  /** Duplicate groups this profile's new key belongs to. */
  readonly duplicates: readonly DuplicateKeyGroup[];
}

export interface ProfileAndKey {
  readonly profile: ProfileView;
  /** Read from the keychain for this call; null when the profile has no key. */
  readonly apiKey: string | null;
}

export interface DeleteResult {
  readonly deleted: ProfileView;
  readonly keyRemoved: boolean;
  /** Set when the profile is gone but its keychain item could not be removed. */
  readonly keyProblem?: string;
}

export interface ProfileStore {
  list(): Promise<ProfileList>;
  get(id: string): Promise<ProfileView>;
  create(input: ProfileInput): Promise<ProfileView>;
  update(id: string, patch: ProfilePatch): Promise<ProfileView>;
  delete(id: string): Promise<DeleteResult>;
  /** Ids not listed (e.g. added meanwhile by another window) keep their order after the listed ones. */
  reorder(ids: readonly string[]): Promise<ProfileList>;
  setActive(id: string | null): Promise<ProfileList>;
  setKey(id: string, rawKey: string, origin: KeyOrigin): Promise<SetKeyResult>;
  clearKey(id: string): Promise<ProfileView>;
  /** The key itself, for the privileged side only (setting the Authorization header). Never to the renderer. */
  readKey(id: string): Promise<string | null>;
  /** The profile from one read of the file, then its key from the keychain (only when it has one). Never to the renderer. */
  readProfileAndKey(id: string): Promise<ProfileAndKey>;
  duplicateKeys(): Promise<readonly DuplicateKeyGroup[]>;
}

export const maxProfiles = 200;

/** The keychain account that holds a profile's key. */
export function profileKeyAccount(id: string): string {
  return `profile:${id}`;
}

/** A session-only key's metadata: what the profile file would hold, kept in memory instead. */
type SessionKey = Omit<KeyView, 'sessionOnly' | 'rotatedFrom'>;

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const secrets = options.secrets;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const repository = createProfilesRepository({ homeDir: options.homeDir, ...(options.lock ? { lock: options.lock } : {}), ...(options.write ? { write: options.write } : {}) });
  // Keys kept only for this session (keychain unavailable): their metadata lives here, not in
  // profiles.json, so after a restart the profile honestly shows "no key" instead of a key that
  // no longer exists anywhere.
  const sessionKeys = new Map<string, SessionKey>();
  // Salt for comparing session keys when the file has none yet.
  const processSalt = randomBytes(16).toString('base64');

  const view = (profile: StoredProfile): ProfileView => {
    const session = sessionKeys.get(profile.id);
    let key: KeyView | null = null;
    if (session) key = { ...session, sessionOnly: true };
    else if (profile.key) key = storedKeyView(profile.key);
    return {
      id: profile.id,
      name: profile.name,
      baseUrl: profile.baseUrl,
      environment: profile.environment,
      ...(profile.customEnvironment !== undefined ? { customEnvironment: profile.customEnvironment } : {}),
      ...(profile.notes !== undefined ? { notes: profile.notes } : {}),
      key,
      ...(profile.trustedCertSha256 !== undefined ? { trustedCertSha256: profile.trustedCertSha256 } : {}),
    };
  };

  const find = (file: ProfilesFile, id: string): StoredProfile => {
    const profile = file.profiles.find((candidate) => candidate.id === id);
    if (!profile) throw new ConsoleFailure('not-found', 'That profile no longer exists; it may have been deleted in another window.');
    return profile;
  };

  const listFrom = (file: ProfilesFile, problems: readonly string[]): ProfileList => ({
    profiles: file.profiles.map(view),
    activeId: file.activeId !== null && file.profiles.some((profile) => profile.id === file.activeId) ? file.activeId : null,
    problems,
  });

  const replaceProfile = (file: ProfilesFile, next: StoredProfile): ProfilesFile => ({
    ...file,
    profiles: file.profiles.map((profile) => (profile.id === next.id ? next : profile)),
  });

  async function keyedProfiles(file: ProfilesFile): Promise<KeyedProfile[]> {
    const salt = file.keySalt ?? processSalt;
    const keyed: KeyedProfile[] = [];
    for (const profile of file.profiles) {
      let keyHash: string | undefined;
      if (sessionKeys.has(profile.id)) {
        // Session keys are in memory, so hashing them on demand costs nothing and stores nothing.
        const key = await secrets.get(profileKeyAccount(profile.id));
        if (key !== null) keyHash = keyComparisonHash(key, salt);
      } else if (profile.key && file.keySalt !== undefined) {
        keyHash = profile.key.keyHash;
      }
      if (keyHash) keyed.push({ id: profile.id, name: profile.name, environment: profile.environment, baseUrl: profile.baseUrl, keyHash });
    }
    return keyed;
  }

  const store: ProfileStore = {
    async list() {
      const snapshot = await repository.read();
      return listFrom(snapshot.file, snapshot.problems);
    },

    async get(id) {
      return view(find(await repository.readFile(), id));
    },

    async create(input) {
      const valid = parse(profileInputSchema, input);
      return repository.update((file) => {
        if (file.profiles.length >= maxProfiles) throw new ConsoleFailure('invalid-input', `At most ${maxProfiles} profiles are supported.`);
        assertUniqueName(file, valid.name);
        const stamp = now();
        const profile: StoredProfile = {
          id: newProfileId(valid.name, file),
          name: valid.name,
          baseUrl: valid.baseUrl,
          environment: valid.environment,
          ...(valid.environment === 'custom' && valid.customEnvironment !== undefined ? { customEnvironment: valid.customEnvironment } : {}),
          ...(valid.notes ? { notes: valid.notes } : {}),
          ...(valid.trustedCertSha256 ? { trustedCertSha256: valid.trustedCertSha256 } : {}),
          key: null,
          createdAt: stamp,
          updatedAt: stamp,
        };
        return { file: { ...file, profiles: [...file.profiles, profile] }, result: view(profile) };
      });
    },

    async update(id, patch) {
      const valid = parse(profilePatchSchema, patch);
      return repository.update((file) => {
        const current = find(file, id);
        if (valid.name !== undefined) assertUniqueName(file, valid.name, id);
        const next: StoredProfile = { ...current, updatedAt: now() };
        if (valid.name !== undefined) next.name = valid.name;
        if (valid.baseUrl !== undefined) next.baseUrl = valid.baseUrl;
        if (valid.environment !== undefined) next.environment = valid.environment;
        applyOptional(next, 'customEnvironment', valid.customEnvironment);
        applyOptional(next, 'notes', valid.notes === '' ? null : valid.notes);
        applyOptional(next, 'trustedCertSha256', valid.trustedCertSha256);
        if (next.environment !== 'custom') delete next.customEnvironment;
        else if (!next.customEnvironment) throw new ConsoleFailure('invalid-input', 'customEnvironment: Name the custom environment.');
        return { file: replaceProfile(file, next), result: view(next) };
      });
    },

    async delete(id) {
      const deleted = await repository.update((file) => {
        const profile = find(file, id);
        return {
          file: { ...file, activeId: file.activeId === id ? null : file.activeId, profiles: file.profiles.filter((candidate) => candidate.id !== id) },
          result: view(profile),
        };
      });
      sessionKeys.delete(id);
      // The profile is gone first: a locked keychain must not make a profile undeletable. If the
      // item cannot be removed the caller is told exactly which one is left behind.
      try {
        const removed = await secrets.delete(profileKeyAccount(id));
        return { deleted, keyRemoved: removed };
      } catch (error) {
        const reason = error instanceof ConsoleFailure ? error.message : 'the keychain failed';
        return {
          deleted,
          keyRemoved: false,
          keyProblem: `The profile was deleted but its key could not be removed from the keychain (${reason}). It is the item with account "${profileKeyAccount(id)}".`,
        };
      }
    },

    async reorder(ids) {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string') || new Set(ids).size !== ids.length) {
        throw new ConsoleFailure('invalid-input', 'The new order must list each profile id once.');
      }
      await repository.update((file) => {
        const byId = new Map(file.profiles.map((profile) => [profile.id, profile]));
        const listed = ids.flatMap((id) => byId.get(id) ?? []);
        const rest = file.profiles.filter((profile) => !ids.includes(profile.id));
        const profiles = [...listed, ...rest];
        const unchanged = profiles.every((profile, index) => profile === file.profiles[index]);
        return { file: unchanged ? file : { ...file, profiles }, result: undefined };
      });
      return store.list();
    },

    async setActive(id) {
      await repository.update((file) => {
        if (id !== null) find(file, id);
        return { file: file.activeId === id ? file : { ...file, activeId: id }, result: undefined };
      });
      return store.list();
    },

    async setKey(id, rawKey, origin) {
      const check = checkKey(typeof rawKey === 'string' ? rawKey : '');
      if (check.errors.length > 0) {
        throw new ConsoleFailure('invalid-input', check.errors.map((issue) => issue.message).join(' '));
      }
      const key = check.key;
      const importedFrom = origin.source === 'imported' && origin.importedFrom ? origin.importedFrom.slice(0, 4096) : undefined;
      const before = await store.get(id);
      const account = profileKeyAccount(id);
      // The keychain write comes first and outside the file lock: it can wait on an unlock prompt.
      await secrets.set(account, key);

      let profile: ProfileView;
      if (secrets.kind === 'session-only') {
        const replaced = before.key !== null && before.key.fingerprint !== keyFingerprint(key);
        const stamp = now();
        sessionKeys.set(id, {
          prefix: keyPrefix(key),
          fingerprint: keyFingerprint(key),
          source: origin.source,
          ...(importedFrom ? { importedFrom } : {}),
          addedAt: before.key?.addedAt ?? stamp,
          ...(replaced ? { rotatedAt: stamp } : before.key?.rotatedAt ? { rotatedAt: before.key.rotatedAt } : {}),
        });
        profile = await store.get(id);
      } else {
        try {
          profile = await repository.update((file) => {
            const current = find(file, id);
            const keySalt = file.keySalt ?? randomBytes(16).toString('base64');
            const derived = deriveKeyInfo(key, keySalt);
            const previous = current.key;
            const stamp = now();
            const same = previous !== null && previous.keyHash === derived.keyHash;
            const stored: StoredKey = {
              ...derived,
              source: same ? previous.source : origin.source,
              ...(same ? (previous.importedFrom ? { importedFrom: previous.importedFrom } : {}) : importedFrom ? { importedFrom } : {}),
              addedAt: previous?.addedAt ?? stamp,
              ...(previous && !same ? { rotatedAt: stamp } : previous?.rotatedAt ? { rotatedAt: previous.rotatedAt } : {}),
              ...(same ? (previous.rotatedFrom ? { rotatedFrom: previous.rotatedFrom } : {}) : origin.previousFingerprint ? { rotatedFrom: origin.previousFingerprint } : {}),
            };
            const next: StoredProfile = { ...current, key: stored, updatedAt: stamp };
            return { file: replaceProfile({ ...file, keySalt }, next), result: view(next) };
          });
        } catch (error) {
          // Deleted meanwhile in another window: do not leave its key behind in the keychain.
          if (error instanceof ConsoleFailure && error.code === 'not-found') await secrets.delete(account).catch(() => false);
          throw error;
        }
      }
      const duplicates = (await store.duplicateKeys()).filter((group) => group.profileIds.includes(id));
      return { profile, warnings: check.warnings, notes: check.notes, duplicates };
    },

    async clearKey(id) {
      await store.get(id);
      // Keychain first: if it fails nothing has changed and the caller gets the reason.
      await secrets.delete(profileKeyAccount(id));
      sessionKeys.delete(id);
      return repository.update((file) => {
        const current = find(file, id);
        if (current.key === null) return { file, result: view(current) };
        const next: StoredProfile = { ...current, key: null, updatedAt: now() };
        return { file: replaceProfile(file, next), result: view(next) };
      });
    },

    async readKey(id) {
      return (await store.readProfileAndKey(id)).apiKey;
    },

    async readProfileAndKey(id) {
      // The file read is served from memory while profiles.json is unchanged (a fraction of a
      // millisecond), so the keychain is asked second, and only for a profile that has a key: a
      // server used without a key never touches the keychain (a locked one would prompt).
      const profile = view(find(await repository.readFile(), id));
      return { profile, apiKey: profile.key === null ? null : await secrets.get(profileKeyAccount(id)) };
    },

    async duplicateKeys() {
      const snapshot = await repository.read();
      return findDuplicateKeys(await keyedProfiles(snapshot.file));
    },
  };
  return store;
}

function storedKeyView(key: StoredKey): KeyView {
  return {
    prefix: key.prefix,
    fingerprint: key.fingerprint,
    source: key.source,
    ...(key.importedFrom !== undefined ? { importedFrom: key.importedFrom } : {}),
    addedAt: key.addedAt,
    ...(key.rotatedAt !== undefined ? { rotatedAt: key.rotatedAt } : {}),
    ...(key.rotatedFrom !== undefined ? { rotatedFrom: key.rotatedFrom } : {}),
    sessionOnly: false,
  };
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Names the field and the rule; never echoes values.
  const messages = result.error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
  throw new ConsoleFailure('invalid-input', messages.join(' '));
}

function assertUniqueName(file: ProfilesFile, name: string, exceptId?: string): void {
  const folded = name.toLowerCase();
  if (file.profiles.some((profile) => profile.id !== exceptId && profile.name.toLowerCase() === folded)) {
    throw new ConsoleFailure('conflict', `A profile named "${name}" already exists (names are compared ignoring case).`);
  }
}

function applyOptional<K extends 'customEnvironment' | 'notes' | 'trustedCertSha256'>(profile: StoredProfile, field: K, value: string | null | undefined): void {
  if (value === undefined) return;
  if (value === null) delete profile[field];
  else profile[field] = value;
}

/** Readable and stable: a slug of the name plus a random suffix (the keychain account uses it). */
function newProfileId(name: string, file: ProfilesFile): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'profile';
  for (;;) {
    const id = `${slug}-${randomBytes(3).toString('hex')}`;
    if (!file.profiles.some((profile) => profile.id === id)) return id;
  }
}
