import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSignal, ContractInput, ContractMethod, ContractOutput, KeyCandidate, Result } from '../../../electron/contract';
import { createDispatcher, type Dispatch, type Handlers } from '../../../electron/core/dispatcher';
import { keyHandlers } from '../../../electron/core/handlers/key-handlers';
import { profileHandlers } from '../../../electron/core/handlers/profile-handlers';
import type { Services } from '../../../electron/core/handlers/services';
import { createSignalHub } from '../../../electron/core/signal-hub';
import { createAuditLog } from '../../../electron/diagnostics/audit-log';
import { createProfileStore } from '../../../electron/profiles/profile-store';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

const PASTED = 'pastedKEY-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const IMPORTED = 'mcp-0123456789abcdef0123456789abcdef';

let root: string;
let userHome: string;
let consoleHome: string;
let secrets: SecretStore;
let dispatch: Dispatch;
let signals: ChangeSignal[];
/** Every answer given, to search for keys. */
let answers: { method: string; json: string }[];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mc-key-handlers-'));
  userHome = path.join(root, 'user');
  consoleHome = path.join(root, 'console');
  mkdirSync(userHome);
  secrets = createSessionSecretStore();
  const hub = createSignalHub();
  signals = [];
  hub.subscribe((signal) => signals.push(signal));
  const services: Services = {
    appInfo: { version: '0.0.0', mode: 'browser', keychain: { state: 'available', backend: 'test' } },
    homeDir: consoleHome,
    secrets,
    profiles: createProfileStore({ homeDir: consoleHome, secrets }),
    signals: hub,
    audit: createAuditLog({ homeDir: consoleHome }),
  };
  // Only the features under test; the cast is safe because nothing else is called.
  const handlers = { ...profileHandlers(services), ...keyHandlers(services, { userHome: () => userHome, systemRoot: null }) } as Handlers;
  const real = createDispatcher(handlers);
  answers = [];
  dispatch = async (method, payload) => {
    const result = await real(method, payload);
    answers.push({ method, json: JSON.stringify(result) });
    return result;
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>> {
  const result = (await dispatch(method, input)) as Result<ContractOutput<M>>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function failure(method: string, input: unknown) {
  const result = await dispatch(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

const newProfile = (name: string, environment: 'development' | 'staging' | 'production' = 'development', port = 8000) =>
  call('profiles.create', { name, baseUrl: `http://127.0.0.1:${port}/api`, environment });

function writeServiceConfig(key: string, mode = 0o644): string {
  const dir = path.join(userHome, '.mcp_memory_service');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'service_config.json');
  writeFileSync(file, JSON.stringify({ host: '0.0.0.0', port: 8000, api_key: key }, null, 2));
  chmodSync(file, mode);
  return file;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : statSync(full).isFile() ? [full] : [];
  });
}

describe('input validation', () => {
  it.each([
    ['keys.check', {}],
    ['keys.check', { key: 42 }],
    ['keys.check', { key: 'x'.repeat(20_001) }],
    ['keys.generate', { profileId: 'laptop-abc123', format: 'base32' }],
    ['keys.generate', { profileId: 'Not An Id', format: 'hex-32' }],
    ['keys.reveal', { profileId: '../etc' }],
    ['keys.reveal', { profileId: 'a', extra: true }],
    ['keys.findCandidates', { extraPaths: 'not-a-list' }],
    ['keys.findCandidates', { extraPaths: Array.from({ length: 21 }, (_, i) => `/tmp/${i}`) }],
    ['keys.import', { profileId: 'a', ref: { path: '/x', kind: 'dotenv', field: 'MCP_API_KEY', fingerprint: 'md5:abc' } }],
    ['keys.import', { profileId: 'a', ref: { path: '/x', kind: 'registry', field: 'MCP_API_KEY', fingerprint: 'sha256:0123456789ab' } }],
    ['keys.remove', {}],
    ['keys.duplicates', { all: true }],
    ['profiles.checkBaseUrl', { baseUrl: 7 }],
  ])('%s refuses %j as invalid-input', async (method, input) => {
    expect((await failure(method, input)).code).toBe('invalid-input');
  });

  it('refuses a relative import path and a too-short pasted key without echoing it', async () => {
    const profile = await newProfile('Laptop');
    const relative = await failure('keys.import', {
      profileId: profile.id,
      ref: { path: 'service_config.json', kind: 'service-config', field: 'api_key', fingerprint: 'sha256:0123456789ab' },
    });
    expect(relative.code).toBe('invalid-input');
    const short = await failure('keys.set', { profileId: profile.id, key: 'tooShortSecret1' });
    expect(short.code).toBe('invalid-input');
    expect(short.message).toContain('minimum is 16');
    expect(JSON.stringify(short)).not.toContain('tooShortSecret1');
    expect(await secrets.list()).toEqual([]);
  });
});

describe('keys.check', () => {
  it('reports errors, warnings and notes for a pasted key, never the key', async () => {
    const trimmed = await call('keys.check', { key: `  ${PASTED}\n` });
    expect(trimmed.errors).toEqual([]);
    expect(trimmed.notes.map((note) => note.code)).toContain('trimmed');
    expect(Object.keys(trimmed).sort()).toEqual(['errors', 'notes', 'warnings']);

    const short = await call('keys.check', { key: 'abcdEFGH12345' });
    expect(short.errors.map((issue) => issue.code)).toEqual(['too-short']);

    const medium = await call('keys.check', { key: 'abcdEFGH12345678wxyz' });
    expect(medium.errors).toEqual([]);
    expect(medium.warnings.map((issue) => issue.code)).toContain('short');

    const oddChars = await call('keys.check', { key: 'abcdEFGH12345678wxyz#$%&abcdEFGH1234' });
    expect(oddChars.warnings.map((issue) => issue.code)).toContain('unsafe-characters');

    for (const answer of answers) {
      expect(answer.json).not.toContain(PASTED);
      expect(answer.json).not.toContain('abcdEFGH12345');
    }
    expect(signals).toEqual([]);
  });
});

describe('keys.generate', () => {
  it.each([
    ['base64-32', /^[A-Za-z0-9+/]{43}=$/],
    ['base64-48', /^[A-Za-z0-9+/]{64}$/],
    ['hex-32', /^[0-9a-f]{64}$/],
    ['base64url-32', /^[A-Za-z0-9_-]{43}$/],
    ['mcp-hex', /^mcp-[0-9a-f]{32}$/],
  ] as const)('%s: stores the key in the secret store and returns it once', async (format, shape) => {
    const profile = await newProfile('Laptop');
    signals.length = 0;
    const generated = await call('keys.generate', { profileId: profile.id, format });
    expect(generated.key).toMatch(shape);
    expect(generated.result.profile.key).toMatchObject({ source: 'generated', sessionOnly: true });
    expect(generated.result.profile.key?.fingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    // The key is in the answer exactly once, as `key`; the rest of the answer is metadata.
    expect(JSON.stringify(generated.result)).not.toContain(generated.key);
    expect(answers.at(-1)?.json.split(generated.key)).toHaveLength(2);
    expect(signals.map((signal) => signal.kind).sort()).toEqual(['keychain-changed', 'profiles-changed']);

    expect((await call('keys.reveal', { profileId: profile.id })).key).toBe(generated.key);
    const listed = await call('profiles.list', {});
    expect(JSON.stringify(listed)).not.toContain(generated.key);
    expect(listed.profiles[0]?.key?.fingerprint).toBe(generated.result.profile.key?.fingerprint);
  });

  it('a second generate replaces the key and records the rotation', async () => {
    const profile = await newProfile('Laptop');
    const first = await call('keys.generate', { profileId: profile.id, format: 'hex-32' });
    const second = await call('keys.generate', { profileId: profile.id, format: 'hex-32' });
    expect(second.key).not.toBe(first.key);
    expect(second.result.profile.key?.rotatedAt).toBeDefined();
    expect((await call('keys.reveal', { profileId: profile.id })).key).toBe(second.key);
  });

  it('fails with not-found for a profile that does not exist, storing nothing', async () => {
    expect((await failure('keys.generate', { profileId: 'gone-000000', format: 'hex-32' })).code).toBe('not-found');
    expect(await secrets.list()).toEqual([]);
  });
});

describe('keys.reveal', () => {
  it('returns the stored key only when asked, and not-found without one', async () => {
    const profile = await newProfile('Laptop');
    expect((await failure('keys.reveal', { profileId: profile.id })).code).toBe('not-found');
    await call('keys.set', { profileId: profile.id, key: ` ${PASTED} ` });
    expect((await call('keys.reveal', { profileId: profile.id })).key).toBe(PASTED);
  });
});

describe('keys.findCandidates and keys.import', () => {
  it('lists the service config with plaintext and permission warnings but without the key, then imports it', async () => {
    const file = writeServiceConfig(IMPORTED, 0o644);
    const scan = await call('keys.findCandidates', {});
    expect(scan.candidates).toHaveLength(1);
    const candidate = scan.candidates[0] as KeyCandidate;
    expect(candidate).toMatchObject({
      displayPath: path.join('~', '.mcp_memory_service', 'service_config.json'),
      kind: 'service-config',
      field: 'api_key',
      prefix: 'mcp-0123…',
    });
    expect(candidate.ref.path).toBe(file);
    expect(candidate.plaintextWarning).toContain('plain text');
    expect(candidate.permissionWarning).toContain('chmod 600');

    const profile = await newProfile('Home server', 'staging');
    signals.length = 0;
    const imported = await call('keys.import', { profileId: profile.id, ref: candidate.ref });
    expect(imported.profile.key).toMatchObject({
      source: 'imported',
      importedFrom: path.join('~', '.mcp_memory_service', 'service_config.json'),
      fingerprint: candidate.fingerprint,
    });
    expect(signals.map((signal) => signal.kind).sort()).toEqual(['keychain-changed', 'profiles-changed']);
    expect(await secrets.get(`profile:${profile.id}`)).toBe(IMPORTED);
    for (const answer of answers) expect(answer.json).not.toContain(IMPORTED);
  });

  it('says nothing about a private file’s permissions, and reports files the user named that are missing', async () => {
    writeServiceConfig(IMPORTED, 0o600);
    const envFile = path.join(userHome, 'memory.env');
    writeFileSync(envFile, `# memory service\nMCP_API_KEY="${PASTED}"\n`, { mode: 0o600 });
    const scan = await call('keys.findCandidates', { extraPaths: [envFile, path.join(userHome, 'nope.env')] });
    expect(scan.candidates.map((candidate) => [candidate.kind, candidate.field, candidate.permissionWarning])).toEqual([
      ['service-config', 'api_key', undefined],
      ['dotenv', 'MCP_API_KEY', undefined],
    ]);
    expect(scan.problems.map((problem) => problem.message)).toEqual(['File not found.']);
    expect(answers.at(-1)?.json).not.toContain(PASTED);
    expect(answers.at(-1)?.json).not.toContain(IMPORTED);
  });

  it('refuses to import a key that changed since the scan', async () => {
    writeServiceConfig(IMPORTED);
    const [candidate] = (await call('keys.findCandidates', {})).candidates;
    writeServiceConfig('mcp-ffffffffffffffffffffffffffffffff');
    const profile = await newProfile('Laptop');
    const error = await failure('keys.import', { profileId: profile.id, ref: candidate!.ref });
    expect(error.code).toBe('conflict');
    expect(await secrets.list()).toEqual([]);
  });
});

describe('keys.remove and profiles.delete', () => {
  it('removes the key from the secret store and the profile’s metadata', async () => {
    const profile = await newProfile('Laptop');
    await call('keys.set', { profileId: profile.id, key: PASTED });
    signals.length = 0;
    const removed = await call('keys.remove', { profileId: profile.id });
    expect(removed.key).toBeNull();
    expect(await secrets.list()).toEqual([]);
    expect(signals.map((signal) => signal.kind).sort()).toEqual(['keychain-changed', 'profiles-changed']);
    expect((await failure('keys.reveal', { profileId: profile.id })).code).toBe('not-found');
  });

  it('deleting a profile removes its keychain entry', async () => {
    const profile = await newProfile('Laptop');
    await call('keys.generate', { profileId: profile.id, format: 'base64-32' });
    expect(await secrets.list()).toEqual([`profile:${profile.id}`]);
    const deleted = await call('profiles.delete', { profileId: profile.id });
    expect(deleted.keyRemoved).toBe(true);
    expect(await secrets.list()).toEqual([]);
  });
});

describe('keys.duplicates', () => {
  it('groups profiles sharing a key, loudly when one is production, without the key', async () => {
    const laptop = await newProfile('Laptop', 'development', 8000);
    const prod = await newProfile('Production', 'production', 9000);
    const staging = await newProfile('Staging', 'staging', 8100);
    expect((await call('keys.duplicates', {})).groups).toEqual([]);

    await call('keys.set', { profileId: laptop.id, key: PASTED });
    const second = await call('keys.set', { profileId: prod.id, key: PASTED });
    expect(second.duplicates).toHaveLength(1);
    await call('keys.generate', { profileId: staging.id, format: 'mcp-hex' });

    const { groups } = await call('keys.duplicates', {});
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ profileIds: [laptop.id, prod.id], profileNames: ['Laptop', 'Production'], severity: 'danger' });
    expect(groups[0]?.message).toContain('production');
  });
});

describe('profiles.checkBaseUrl', () => {
  it('shows how an address would be stored, or why it cannot be', async () => {
    expect(await call('profiles.checkBaseUrl', { baseUrl: ' HTTP://Memory.Example.org:8443/api/ ' })).toEqual({
      ok: true,
      url: 'http://memory.example.org:8443',
      warnings: [expect.stringContaining('unencrypted')],
    });
    expect(await call('profiles.checkBaseUrl', { baseUrl: 'https://127.0.0.1:8000/api' })).toEqual({ ok: true, url: 'https://127.0.0.1:8000', warnings: [] });
    const bad = await call('profiles.checkBaseUrl', { baseUrl: 'ftp://x' });
    expect(bad).toMatchObject({ ok: false });
  });
});

describe('no key in any routine answer or file', () => {
  it('list, set, import, check, duplicates and remove never contain a key; only generate and reveal do', async () => {
    writeServiceConfig(IMPORTED, 0o600);
    const a = await newProfile('A', 'production', 8001);
    const b = await newProfile('B', 'development', 8002);
    const c = await newProfile('C', 'staging', 8003);
    await call('keys.check', { key: PASTED });
    await call('keys.set', { profileId: a.id, key: PASTED });
    const [candidate] = (await call('keys.findCandidates', {})).candidates;
    await call('keys.import', { profileId: b.id, ref: candidate!.ref });
    await call('keys.set', { profileId: c.id, key: PASTED });
    const generated = await call('keys.generate', { profileId: c.id, format: 'base64url-32' });
    await call('keys.duplicates', {});
    await call('profiles.list', {});
    await call('profiles.update', { profileId: a.id, patch: { notes: 'prod box' } });
    await call('keys.remove', { profileId: b.id });
    await call('profiles.list', {});

    const secretsUsed = [PASTED, IMPORTED, generated.key];
    const routine = answers.filter((answer) => answer.method !== 'keys.generate' && answer.method !== 'keys.reveal');
    expect(routine.length).toBeGreaterThan(10);
    for (const answer of routine) for (const secret of secretsUsed) expect(answer.json, answer.method).not.toContain(secret);
    for (const file of filesUnder(consoleHome)) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secretsUsed) expect(text, file).not.toContain(secret);
    }
  });
});
