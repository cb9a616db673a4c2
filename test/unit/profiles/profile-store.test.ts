import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProfileStore, profileKeyAccount, type ProfileStore } from '../../../electron/profiles/profile-store';
import { InvalidSecretError, SecretStoreError, type SecretStore } from '../../../electron/secrets/secret-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

const KEY = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';
const KEY2 = 'q3zJ+8xv/9tVwW0e5yOVm2S1P6mEo1l0b7oQyH5c3kA=';

/** Stands in for the OS keychain in unit tests (the real one is covered in test/integration/keychain). */
function fakeKeychain(): SecretStore & { items: Map<string, string>; failDelete?: boolean } {
  const session = createSessionSecretStore();
  const items = new Map<string, string>();
  const fake = {
    kind: 'os-keychain' as const,
    items,
    failDelete: false,
    async get(account: string) {
      return items.get(account) ?? null;
    },
    async set(account: string, secret: string) {
      await session.set(account, secret); // same validation as the real stores
      items.set(account, secret);
    },
    async delete(account: string) {
      if (fake.failDelete) throw new SecretStoreError('collection-locked', 'Your login keyring is locked.', 'Unlock it.');
      return items.delete(account);
    },
    async list() {
      return [...items.keys()];
    },
  };
  return fake;
}

let home: string;
let keychain: ReturnType<typeof fakeKeychain>;
let store: ProfileStore;
const file = () => path.join(home, 'profiles.json');
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8'));

beforeEach(() => {
  home = path.join(mkdtempSync(path.join(os.tmpdir(), 'mc-profiles-')), 'console');
  keychain = fakeKeychain();
  store = createProfileStore({ homeDir: home, secrets: keychain });
});
afterEach(() => rmSync(path.dirname(home), { recursive: true, force: true }));

const dev = { name: 'Laptop', baseUrl: 'http://127.0.0.1:8000/api/', environment: 'development' as const };

describe('profiles: create, read, update', () => {
  it('creates a profile with a generated id and a normalised URL, saved owner-only', async () => {
    const created = await store.create({ ...dev, name: '  Laptop  ' });
    expect(created).toMatchObject({ name: 'Laptop', baseUrl: 'http://127.0.0.1:8000', environment: 'development', key: null });
    expect(created.id).toMatch(/^laptop-[0-9a-f]{6}$/);
    expect((await store.list()).profiles).toEqual([created]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(onDisk()).toMatchObject({ version: 1, activeId: null, profiles: [{ id: created.id, name: 'Laptop' }] });
  });

  it('refuses a second profile with the same name in another case', async () => {
    await store.create(dev);
    await expect(store.create({ ...dev, name: 'LAPTOP' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    await expect(store.create({ ...dev, baseUrl: 'ftp://x' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/baseUrl: Only http/) });
    await expect(store.create({ ...dev, name: '' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/name/) });
    await expect(store.create({ ...dev, name: 'x'.repeat(81) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(store.create({ ...dev, environment: 'custom' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/customEnvironment/) });
    await expect(store.create({ ...dev, notes: 'n'.repeat(2001) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(store.create({ ...dev, notes: 'bell \u0007' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/notes: .*control/) });
    expect(existsSync(file())).toBe(false);
  });

  it('keeps a custom environment label and optional notes', async () => {
    const created = await store.create({ ...dev, environment: 'custom', customEnvironment: ' QA lab ', notes: 'Rack 3\nsecond line' });
    expect(created).toMatchObject({ environment: 'custom', customEnvironment: 'QA lab', notes: 'Rack 3\nsecond line' });
  });

  it('updates only the fields given, and null clears an optional field', async () => {
    const created = await store.create({ ...dev, environment: 'custom', customEnvironment: 'QA', notes: 'old' });
    const updated = await store.update(created.id, { baseUrl: 'https://Memory.Example.com/api', notes: null, environment: 'staging' });
    expect(updated).toEqual({ id: created.id, name: 'Laptop', baseUrl: 'https://memory.example.com', environment: 'staging', key: null });
    expect(onDisk().profiles[0].customEnvironment).toBeUndefined();
  });

  it('reports not-found for an unknown id', async () => {
    await expect(store.update('nope', { name: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.get('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reorders, keeping profiles the caller did not know about', async () => {
    const a = await store.create({ ...dev, name: 'A' });
    const b = await store.create({ ...dev, name: 'B' });
    const c = await store.create({ ...dev, name: 'C' });
    expect((await store.reorder([c.id, a.id])).profiles.map((p) => p.name)).toEqual(['C', 'A', 'B']);
    await expect(store.reorder([a.id, a.id])).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await store.reorder(['deleted-elsewhere', b.id])).profiles.map((p) => p.name)).toEqual(['B', 'C', 'A']);
  });

  it('sets and clears the active profile', async () => {
    const a = await store.create(dev);
    expect((await store.setActive(a.id)).activeId).toBe(a.id);
    await expect(store.setActive('nope')).rejects.toMatchObject({ code: 'not-found' });
    expect((await store.setActive(null)).activeId).toBeNull();
  });

  it('preserves fields written by a newer console of the same format version', async () => {
    const a = await store.create(dev);
    const raw = onDisk();
    raw.futureTopLevel = { keep: true };
    raw.profiles[0].futureField = 'keep me';
    writeFileSync(file(), JSON.stringify(raw));
    await store.update(a.id, { name: 'Renamed' });
    expect(onDisk()).toMatchObject({ futureTopLevel: { keep: true }, profiles: [{ name: 'Renamed', futureField: 'keep me' }] });
  });
});

describe('profiles: keys', () => {
  it('stores the key in the keychain and only metadata on disk', async () => {
    const a = await store.create(dev);
    const result = await store.setKey(a.id, `  ${KEY}\n`, { source: 'pasted' });
    expect(keychain.items.get(profileKeyAccount(a.id))).toBe(KEY);
    expect(result.profile.key).toMatchObject({ prefix: 'mcp-a1b2…', fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/), source: 'pasted', sessionOnly: false });
    expect(result.notes.map((note) => note.code)).toEqual(['trimmed']);
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(KEY.slice(8));
    expect(onDisk().profiles[0].key.keyHash).toMatch(/^hmac-sha256:/);
    expect(await store.readKey(a.id)).toBe(KEY);
  });

  it('refuses a bad key with the policy’s reason and stores nothing', async () => {
    const a = await store.create(dev);
    await expect(store.setKey(a.id, 'too-short', { source: 'pasted' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/minimum is 16/) });
    await expect(store.setKey(a.id, 'line-one-0123456789\nline-two', { source: 'pasted' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(keychain.items.size).toBe(0);
    expect((await store.get(a.id)).key).toBeNull();
  });

  it('records a rotation when the key is replaced by a different one', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    store = createProfileStore({ homeDir: home, secrets: keychain, now: () => clock });
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'imported', importedFrom: '~/.mcp_memory_service/service_config.json' });
    clock = new Date('2026-02-01T00:00:00Z');
    const same = await store.setKey(a.id, KEY, { source: 'pasted' });
    expect(same.profile.key).toMatchObject({ source: 'imported', addedAt: '2026-01-01T00:00:00.000Z' });
    expect(same.profile.key?.rotatedAt).toBeUndefined();
    clock = new Date('2026-03-01T00:00:00Z');
    const rotated = await store.setKey(a.id, KEY2, { source: 'generated' });
    expect(rotated.profile.key).toMatchObject({ source: 'generated', addedAt: '2026-01-01T00:00:00.000Z', rotatedAt: '2026-03-01T00:00:00.000Z' });
    expect(rotated.profile.key?.importedFrom).toBeUndefined();
    expect(await store.readKey(a.id)).toBe(KEY2);
  });

  it('flags the same key on a production and a development server as danger', async () => {
    const laptop = await store.create(dev);
    const prod = await store.create({ name: 'Prod', baseUrl: 'https://memory.example.com', environment: 'production' });
    await store.setKey(laptop.id, KEY, { source: 'pasted' });
    const result = await store.setKey(prod.id, KEY, { source: 'pasted' });
    expect(result.duplicates).toEqual([expect.objectContaining({ profileIds: [laptop.id, prod.id], severity: 'danger' })]);
    await store.setKey(prod.id, KEY2, { source: 'generated' });
    expect(await store.duplicateKeys()).toEqual([]);
  });

  it('deleting a profile deletes its keychain item', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    await store.setActive(a.id);
    expect(await store.delete(a.id)).toMatchObject({ deleted: { id: a.id }, keyRemoved: true });
    expect(keychain.items.size).toBe(0);
    expect(await store.list()).toMatchObject({ profiles: [], activeId: null });
  });

  it('still deletes the profile when the keychain is locked, and names the item left behind', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    keychain.failDelete = true;
    const result = await store.delete(a.id);
    expect(result.keyRemoved).toBe(false);
    expect(result.keyProblem).toMatch(new RegExp(`locked.*profile:${a.id}`));
    expect((await store.list()).profiles).toEqual([]);
  });

  it('clearKey removes the item and the metadata; a keychain failure changes nothing', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    keychain.failDelete = true;
    await expect(store.clearKey(a.id)).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect((await store.get(a.id)).key).not.toBeNull();
    keychain.failDelete = false;
    expect((await store.clearKey(a.id)).key).toBeNull();
    expect(keychain.items.size).toBe(0);
  });

  it('with a session-only store, the key and its metadata never reach the disk and are gone after a restart', async () => {
    const session = createSessionSecretStore();
    store = createProfileStore({ homeDir: home, secrets: session });
    const a = await store.create(dev);
    const result = await store.setKey(a.id, KEY, { source: 'pasted' });
    expect(result.profile.key).toMatchObject({ sessionOnly: true, prefix: 'mcp-a1b2…' });
    expect(await store.readKey(a.id)).toBe(KEY);
    expect(onDisk().profiles[0].key).toBeNull();
    expect(readdirSync(home).map((name) => readFileSync(path.join(home, name), 'utf8')).join('')).not.toContain(KEY.slice(8));
    const restarted = createProfileStore({ homeDir: home, secrets: createSessionSecretStore() });
    expect((await restarted.get(a.id)).key).toBeNull();
  });

  it('detects duplicates among session-only keys too', async () => {
    store = createProfileStore({ homeDir: home, secrets: createSessionSecretStore() });
    const a = await store.create(dev);
    const b = await store.create({ name: 'Staging', baseUrl: 'https://staging.example.com', environment: 'staging' });
    await store.setKey(a.id, KEY, { source: 'pasted' });
    expect((await store.setKey(b.id, KEY, { source: 'pasted' })).duplicates).toMatchObject([{ severity: 'warning' }]);
  });
});

/** Keychain reads that answer only when the test says so; never answered unless it does. */
function heldKeychainReads() {
  const reads: { readonly account: string; readonly answer: (key: string | null) => void }[] = [];
  keychain.get = (account) => new Promise((resolve) => reads.push({ account, answer: resolve }));
  return reads;
}

const locked = () => new SecretStoreError('collection-locked', 'Your login keyring is locked.', 'Unlock it.');

describe('profiles: reading a profile and its key for a call', () => {
  it('answers with the profile and its key, read from the keychain once', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    const expected = await store.get(a.id);
    const reads = heldKeychainReads();
    const reading = store.readProfileAndKey(a.id);
    await vi.waitFor(() => expect(reads.map((read) => read.account)).toEqual([profileKeyAccount(a.id)]));
    reads[0]!.answer(KEY);
    expect(await reading).toEqual({ profile: expected, apiKey: KEY });
    expect(reads).toHaveLength(1);
  });

  it('never asks the keychain for a profile without a key (a locked keychain would prompt)', async () => {
    const a = await store.create(dev);
    const reads = heldKeychainReads();
    expect(await store.readProfileAndKey(a.id)).toEqual({ profile: a, apiKey: null });
    expect(await store.readKey(a.id)).toBeNull();
    expect(reads).toHaveLength(0);
  });

  it('reads the keychain on every call: a key changed there is used by the next call', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    expect((await store.readProfileAndKey(a.id)).apiKey).toBe(KEY);
    keychain.items.set(profileKeyAccount(a.id), KEY2);
    expect((await store.readProfileAndKey(a.id)).apiKey).toBe(KEY2);
    expect(await store.readKey(a.id)).toBe(KEY2);
  });

  it('a keychain failure fails the call when the profile has a key, as keychain-unavailable', async () => {
    const a = await store.create(dev);
    await store.setKey(a.id, KEY, { source: 'pasted' });
    keychain.get = async () => {
      throw locked();
    };
    await expect(store.readProfileAndKey(a.id)).rejects.toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/locked/) });
    await expect(store.readKey(a.id)).rejects.toBeInstanceOf(SecretStoreError);
  });

  it('a keychain failure does not fail a profile without a key, nor hide that a profile does not exist', async () => {
    const a = await store.create(dev);
    keychain.get = async () => {
      throw locked();
    };
    expect(await store.readProfileAndKey(a.id)).toEqual({ profile: a, apiKey: null });
    expect(await store.readKey(a.id)).toBeNull();
    await expect(store.readProfileAndKey('no-such-profile')).rejects.toMatchObject({ code: 'not-found' });
    // keytar-secret-store checks the account name before it returns a promise, so it throws synchronously.
    keychain.get = () => {
      throw new InvalidSecretError('bad-account', 'Keychain account names must be 1-200 printable characters.');
    };
    await expect(store.readProfileAndKey('\n')).rejects.toMatchObject({ code: 'not-found' });
    expect(await store.readProfileAndKey(a.id)).toEqual({ profile: a, apiKey: null });
  });
});

describe('profiles: bad files on disk', () => {
  it('keeps a corrupt file aside, says where, and starts a fresh list', async () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(file(), '{"version":1,"profiles":[{"id":"a"');
    const list = await store.list();
    expect(list.profiles).toEqual([]);
    expect(list.problems[0]).toMatch(/not valid JSON.*kept as profiles\.json\.corrupt-.*keychain were not touched/);
    const kept = readdirSync(home).filter((name) => name.startsWith('profiles.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(home, kept[0]!), 'utf8')).toBe('{"version":1,"profiles":[{"id":"a"');
    await store.create(dev);
    const after = await store.list();
    expect(after.profiles).toHaveLength(1);
    expect(after.problems[0]).toMatch(/earlier unreadable profiles file is kept at/);
  });

  it('leaves a file from a newer version untouched and refuses changes', async () => {
    mkdirSync(home, { recursive: true });
    const newer = JSON.stringify({ version: 2, profiles: [{ id: 'x', fancy: true }] });
    writeFileSync(file(), newer);
    const list = await store.list();
    expect(list.problems[0]).toMatch(/newer Memory Console/);
    await expect(store.create(dev)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/newer Memory Console/) });
    expect(readFileSync(file(), 'utf8')).toBe(newer);
    expect(readdirSync(home).filter((name) => name.startsWith('profiles.json'))).toEqual(['profiles.json']);
  });

  it('does not follow or replace a symlinked profiles.json', async () => {
    mkdirSync(home, { recursive: true });
    const target = path.join(path.dirname(home), 'dotfiles-profiles.json');
    const content = JSON.stringify({ version: 1, activeId: null, profiles: [] });
    writeFileSync(target, content);
    symlinkSync(target, file());
    expect((await store.list()).problems[0]).toMatch(/symbolic link/);
    await expect(store.create(dev)).rejects.toMatchObject({ code: 'conflict' });
    expect(lstatSync(file()).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(content);
  });

  it('applies each change to the current file, not to a copy read earlier', async () => {
    const other = createProfileStore({ homeDir: home, secrets: keychain });
    const seenByFirst = await store.list();
    await other.create({ ...dev, name: 'From the other window' });
    await store.create({ ...dev, name: 'From this window' });
    expect(seenByFirst.profiles).toEqual([]);
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['From the other window', 'From this window']);
  });
});
