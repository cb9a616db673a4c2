/**
 * Hostile files on disk, met through the dispatcher of a real core (the unit tests in
 * test/unit/settings, test/unit/profiles and test/unit/keys cover each reader alone): a corrupt,
 * truncated, huge, binary, future-version, symlinked or special profiles.json, a hand-edited one
 * with prototype keys or impossible addresses, and the memory service's own config files in every
 * bad shape. Each is reported, within bounded time, and left exactly as it was: byte-compared in
 * place, or, for a corrupt profiles.json, byte-compared where it was kept aside (renamed, so the
 * bytes never pass through the console).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract, contractMethods, type ContractMethod, type Result } from '../../../electron/contract';
import { withOwnKey } from './support/payloads';
import { startTestCore, type TestCore } from './support/test-core';

let console_: TestCore;
let outside: string;
beforeAll(async () => {
  console_ = await startTestCore('files');
  outside = mkdtempSync(path.join(os.tmpdir(), 'mc-hostile-outside-'));
});
afterAll(async () => {
  await console_?.close();
  rmSync(outside, { recursive: true, force: true });
});

const profilesFile = () => path.join(console_.homeDir, 'profiles.json');

beforeEach(() => {
  for (const name of readdirSync(console_.homeDir)) rmSync(path.join(console_.homeDir, name), { recursive: true, force: true });
});

/** What is at a path, without following a link: type plus bytes or link target. */
function fingerprintOf(file: string): string {
  const stats = lstatSync(file);
  if (stats.isSymbolicLink()) return `symlink → ${readlinkSync(file)}`;
  if (stats.isDirectory()) return `directory [${readdirSync(file).sort().join(',')}]`;
  if (stats.isFIFO()) return 'fifo';
  return `file ${readFileSync(file).toString('base64')}`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const validFile = (version: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version, activeId: null, profiles: [], ...extra }, null, 2);

describe('hostile profiles.json', () => {
  const keptAside: { name: string; make: () => void }[] = [
    { name: 'garbage', make: () => writeFileSync(profilesFile(), '%%% not json \u0000 at all') },
    { name: 'truncated', make: () => writeFileSync(profilesFile(), validFile(1).slice(0, 25)) },
    { name: 'empty', make: () => writeFileSync(profilesFile(), '') },
    { name: 'binary', make: () => writeFileSync(profilesFile(), randomBytes(4096)) },
    { name: 'huge (3 MiB of valid JSON)', make: () => writeFileSync(profilesFile(), `${validFile(1).slice(0, -1)}${' '.repeat(3 * 1024 * 1024)}}`) },
    { name: 'wrong shape', make: () => writeFileSync(profilesFile(), JSON.stringify({ version: 1, activeId: 7, profiles: 'none' })) },
    { name: 'no version', make: () => writeFileSync(profilesFile(), JSON.stringify({ profiles: [] })) },
    { name: 'deeply nested', make: () => writeFileSync(profilesFile(), `{"version":1,"activeId":null,"profiles":[],"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`) },
  ];

  for (const item of keptAside) {
    it(`${item.name}: reported, kept aside byte for byte, and a fresh list works`, async () => {
      item.make();
      const original = readFileSync(profilesFile());
      const { value: list, ms } = await timed(() => console_.must('profiles.list', {}));
      expect(ms).toBeLessThan(5000);
      expect(list.profiles).toEqual([]);
      expect(list.problems.join(' ')).toMatch(/profiles\.json/);
      const kept = readdirSync(console_.homeDir).filter((name) => name.startsWith('profiles.json.corrupt-'));
      expect(kept).toHaveLength(1);
      expect(readFileSync(path.join(console_.homeDir, kept[0] ?? '')).equals(original)).toBe(true);

      // Working on afterwards never touches the kept file.
      const created = await console_.call('profiles.create', { name: 'After', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
      expect(created.ok).toBe(true);
      expect(readFileSync(path.join(console_.homeDir, kept[0] ?? '')).equals(original)).toBe(true);
      expect((await console_.must('profiles.list', {})).problems.join(' ')).toContain(kept[0]);
    });
  }

  const untouched: { name: string; make: () => void; problem: RegExp }[] = [
    { name: 'future version', make: () => writeFileSync(profilesFile(), validFile(99, { newField: { kept: true } })), problem: /newer Memory Console/ },
    {
      name: 'symlink to a file elsewhere',
      make: () => {
        const target = path.join(outside, `elsewhere-${randomBytes(3).toString('hex')}.json`);
        writeFileSync(target, validFile(1));
        symlinkSync(target, profilesFile());
      },
      problem: /symbolic link/,
    },
    { name: 'dangling symlink', make: () => symlinkSync(path.join(outside, 'does-not-exist.json'), profilesFile()), problem: /symbolic link/ },
    { name: 'directory', make: () => mkdirSync(path.join(profilesFile(), 'inside'), { recursive: true }), problem: /directory/ },
    { name: 'FIFO (would block a naive read)', make: () => execFileSync('mkfifo', [profilesFile()]), problem: /special file/ },
  ];

  for (const item of untouched) {
    it(`${item.name}: reported, left exactly as it was, and changes refused`, async () => {
      item.make();
      const before = fingerprintOf(profilesFile());
      const linkTarget = lstatSync(profilesFile()).isSymbolicLink() ? readlinkSync(profilesFile()) : null;
      const targetBefore = linkTarget !== null && existsQuiet(linkTarget) ? readFileSync(linkTarget) : null;

      const { value: list, ms } = await timed(() => console_.must('profiles.list', {}));
      expect(ms).toBeLessThan(5000);
      expect(list.problems.join(' ')).toMatch(item.problem);
      const created = await console_.call('profiles.create', { name: 'Refused', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
      expect(created).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((await console_.call('profiles.setActive', { profileId: null })).ok).toBe(false);

      expect(fingerprintOf(profilesFile())).toBe(before);
      if (linkTarget !== null && targetBefore !== null) expect(readFileSync(linkTarget).equals(targetBefore)).toBe(true);
      expect(readdirSync(console_.homeDir).filter((name) => name !== 'profiles.json')).toEqual([]);
    });
  }

  it('hand-edited: prototype keys and impossible addresses give typed answers for every profile method, and pollute nothing', async () => {
    const profile = (id: string, baseUrl: string) =>
      withOwnKey(
        {
          id,
          name: `Edited ${id}`,
          baseUrl,
          environment: 'development',
          key: null,
          createdAt: '2024-01-01T00:00:00Z',
          updatedAt: '2024-01-01T00:00:00Z',
          constructor: { prototype: { polluted: 'constructor' } },
        },
        '__proto__',
        { polluted: 'profile' },
      );
    const addresses = ['file:///etc/passwd', 'javascript:alert(1)', 'not a url at all', 'http://user:secret@127.0.0.1:1', 'http://[::1', 'ftp://127.0.0.1/'];
    const text = JSON.stringify(
      withOwnKey({ version: 1, activeId: 'p0', profiles: addresses.map((address, i) => profile(`p${i}`, address)) }, '__proto__', { polluted: 'top' }),
    );
    expect(text).toContain('"__proto__":{"polluted":"top"}');
    writeFileSync(profilesFile(), text);

    const list = await console_.must('profiles.list', {});
    expect(list.profiles.map((p) => p.id)).toEqual(addresses.map((_, i) => `p${i}`));
    const takesProfile = contractMethods.filter((method) => 'profileId' in ((contract[method] as unknown as { shape?: object }).shape ?? {}));
    expect(takesProfile.length).toBeGreaterThan(10);
    const crashes: string[] = [];
    for (const [i, address] of addresses.entries()) {
      for (const method of takesProfile) {
        const input = minimalInput(method, `p${i}`);
        if (input === null) continue;
        const { value: result, ms } = await timed(() => console_.call(method, input as never) as Promise<Result<unknown>>);
        expect(ms, `${method} p${i}`).toBeLessThan(5000);
        if (!result.ok && result.error.code === 'internal') crashes.push(`${method} with baseUrl ${address}`);
      }
    }
    expect(crashes).toEqual([]);
    await console_.call('live.follow', { profileId: null });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

/** The smallest valid input for a method that takes a profileId; null when it needs more than this test can invent. */
function minimalInput(method: ContractMethod, profileId: string): Record<string, unknown> | null {
  const candidates: Record<string, unknown>[] = [
    { profileId },
    { profileId, contentHash: 'abc' },
    { profileId, query: 'x' },
    { profileId, tags: ['x'] },
    { profileId, content: 'x' },
    { profileId, tag: 'x', confirmCount: 1 },
    { profileId, sha256: 'ab'.repeat(32) },
    { profileId, format: 'hex-32' },
    { profileId, patch: {} },
  ];
  // Methods that would change the hand-edited file are left out: this test is about reading it.
  if (['profiles.update', 'profiles.delete', 'keys.set', 'keys.generate', 'keys.import', 'keys.remove', 'status.trustCertificate'].includes(method)) return null;
  return candidates.find((candidate) => contract[method].safeParse(candidate).success) ?? null;
}

function existsQuiet(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

describe('hostile memory-service config files (key import)', () => {
  const distinctive = `importLEAK${randomBytes(8).toString('hex')}`;
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mc-hostile-config-'));
    const put = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content, { mode: 0o600 });
      files[name] = file;
    };
    put('truncated.json', `{"api_key": "${distinctive}`);
    put('garbage.json', '\u0000\u0001{{{');
    put('huge.json', `{"api_key":"${distinctive}","pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    put('binary.env', Buffer.concat([Buffer.from(`MCP_API_KEY=${distinctive}\n`), randomBytes(64), Buffer.from([0])]));
    put('many-lines.env', `${'# comment\n'.repeat(50_000)}NOT_A_KEY=1\n`);
    put('real.env', `MCP_API_KEY=${distinctive}\n`);
    symlinkSync(path.join(dir, 'real.env'), path.join(dir, 'link.env'));
    files['link.env'] = path.join(dir, 'link.env');
    mkdirSync(path.join(dir, 'directory.env'));
    files['directory.env'] = path.join(dir, 'directory.env');
    execFileSync('mkfifo', [path.join(dir, 'fifo.env')]);
    files['fifo.env'] = path.join(dir, 'fifo.env');
    const secretFile = path.join(dir, 'secret.txt');
    writeFileSync(secretFile, `ENTITY-${distinctive}`);
    put(
      'entity.plist',
      `<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY leak SYSTEM "file://${secretFile}">]>\n<plist version="1.0"><dict><key>EnvironmentVariables</key><dict><key>MCP_API_KEY</key><string>&leak;</string></dict></dict></plist>\n`,
    );
    put('self-loop.service', `[Service]\nEnvironmentFile=${path.join(dir, 'self-loop.service')}\nEnvironmentFile=${path.join(dir, 'fifo.env')}\nEnvironmentFile=/dev/zero\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('each is reported (not followed, not loaded whole, not hung on), none is changed, and no key or entity text reaches the answer', async () => {
    const before = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, fingerprintOf(file)]));
    const extraPaths = Object.values(files).filter((file) => !file.endsWith('real.env'));
    const { value: result, ms } = await timed(() => console_.call('keys.findCandidates', { extraPaths }));
    expect(ms).toBeLessThan(5000);
    if (!result.ok) throw new Error(result.error.message);
    const text = JSON.stringify(result);
    expect(text).not.toContain(distinctive);
    const problemFor = (name: string) => result.value.problems.find((problem) => problem.path === files[name])?.message ?? '';
    expect(problemFor('link.env')).toMatch(/symbolic link/);
    expect(problemFor('huge.json')).toMatch(/Larger than/);
    expect(problemFor('binary.env')).toMatch(/binary/);
    expect(problemFor('directory.env')).toMatch(/Not a regular file/);
    expect(problemFor('fifo.env')).toMatch(/Not a regular file/);
    for (const name of ['truncated.json', 'garbage.json']) expect(problemFor(name), name).not.toBe('');
    // The only candidate is the plist's literal `&leak;`: the external entity was never resolved
    // (the file it names is not read), and the six characters fail the key policy.
    const found = result.value.candidates.filter((candidate) => candidate.ref.path.startsWith(dir));
    expect(found.map((candidate) => [path.basename(candidate.ref.path), candidate.prefix])).toEqual([['entity.plist', '&…']]);
    expect(found[0]?.issues.map((issue) => issue.code)).toContain('too-short');
    expect(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, fingerprintOf(file)]))).toEqual(before);
  });

  it('an import pointed at a symlink or a changed file is refused and changes nothing', async () => {
    const profileId = (await console_.must('profiles.create', { name: `Import ${randomBytes(2).toString('hex')}`, baseUrl: 'http://127.0.0.1:8000', environment: 'development' })).id;
    const scan = await console_.must('keys.findCandidates', { extraPaths: [files['real.env'] ?? ''] });
    const candidate = scan.candidates.find((found) => found.ref.path === files['real.env']);
    expect(candidate).toBeDefined();
    const viaLink = await console_.call('keys.import', { profileId, ref: { ...candidate!.ref, path: files['link.env'] ?? '' } });
    expect(viaLink).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const realBefore = readFileSync(files['real.env'] ?? '');
    writeFileSync(files['real.env'] ?? '', `MCP_API_KEY=${distinctive}-changed\n`);
    const changed = await console_.call('keys.import', { profileId, ref: candidate!.ref });
    expect(changed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    writeFileSync(files['real.env'] ?? '', realBefore);
    expect((await console_.must('profiles.list', {})).profiles.find((p) => p.id === profileId)?.key).toBeNull();
  });
});
