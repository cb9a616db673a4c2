/**
 * Every method in `contractMethods` (whatever it holds when this runs) fuzzed through browser
 * mode: the real host over HTTP with the launch-token cookie, a real core with a temp
 * MEMORY_CONSOLE_HOME, the real keychain under a service name of its own, and a local memory
 * service behind two real profiles. Deterministic (seeded), over 10,000 payloads.
 *
 * What must hold (DESIGN rule 4: bad input gets a clear error and changes nothing):
 * - every answer is a Result: `{ ok: true, value }` or `{ ok: false, error }` with a code from
 *   the closed set; a payload the method's schema refuses gets `invalid-input`; nothing is ever
 *   `internal` (that would be a crash caught at the last moment);
 * - the settings directory and the keychain (`secret-tool search --all service <name>`) are byte
 *   for byte unchanged after every call that was refused;
 * - the host keeps answering, and `Object.prototype` in it is untouched;
 * - no answer carries the server's key, except the two that exist to show it.
 *
 * Phases: (0) raw bodies the JSON layer must survive; (1) invalid payloads for every method mixed
 * with valid payloads for methods that change nothing, state compared every chunk; (2) valid
 * payloads for methods that may change state, one at a time, state compared around each call
 * whose answer was an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, contractMethods, errorCodes, type ContractMethod } from '../../../electron/contract';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/browser-host';
import { maxPayloadDepth } from '../../../electron/core/dispatcher';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server';
import { bend, depthOf, hostileStrings, pick, plausible, seededRandom, withOwnKey, type Hints, type Random } from './support/payloads';
import { keychainSnapshot, startTestCore, type TestCore } from './support/test-core';

const seed = Number(process.env['FUZZ_SEED'] ?? 20_260_909);
const invalidTarget = 10_500;
const maxBodyBytes = 1024 * 1024;
const serverKey = `fuzzKEY${randomBytes(12).toString('hex')}`;
/** Methods that change nothing on valid input (local state; the memory server's own data is not ours). */
const readOnly: ReadonlySet<string> = new Set([
  'app.info',
  'profiles.list',
  'profiles.checkBaseUrl',
  'keys.check',
  'keys.reveal',
  'keys.findCandidates',
  'keys.duplicates',
  'memories.list',
  'memories.get',
  'memories.search',
  'memories.searchByTag',
  'memories.searchByTime',
  'memories.cancel',
  'memories.tags',
  'memories.types',
  'analytics.growth',
  'analytics.tagUsage',
  'live.status',
  'audit.list',
]);
/** The answers whose purpose is to show a key (shown once, or on an explicit reveal). */
const showsKey: ReadonlySet<string> = new Set(['keys.reveal', 'keys.generate']);

let memoryServer: RunningMemoryServer;
let console_: TestCore;
let host: BrowserHost;
let rendererDir: string;
let cookie: string;
let seedProfile: string;
let scratchProfile: string;
let hashes: string[];
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  memoryServer = await startMemoryServer({ apiKey: serverKey, seed: 40 });
  console_ = await startTestCore('fuzz');
  seedProfile = await console_.addProfile(memoryServer.url, serverKey, 'Fuzz seed');
  scratchProfile = await console_.addProfile(memoryServer.url, serverKey, 'Fuzz scratch');
  const page = await console_.must('memories.list', { profileId: seedProfile, pageSize: 20 });
  hashes = page.memories.map((memory) => memory.content_hash);
  rendererDir = await mkdtemp(path.join(tmpdir(), 'mc-fuzz-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Memory Console</title>');
  host = await startBrowserHost({ core: console_.core, rendererDir, port: 0 });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const traded = await request('GET', `/?token=${token}`, undefined, {});
  cookie = String(traded.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^memory_console_\d+=/);
}, 60_000);

afterAll(async () => {
  agent.destroy();
  await host?.close();
  await console_?.close();
  await memoryServer?.stop();
  if (rendererDir) await rm(rendererDir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

function request(method: string, urlPath: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: urlPath, method, agent, headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const rpc = (method: string, body: string | Buffer) =>
  request('POST', `/rpc/${encodeURIComponent(method)}`, body, { Cookie: cookie, 'X-Memory-Console': '1', 'Content-Type': 'application/json' });

interface ResultShape {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly detail?: string };
}

/** Checks the answer is a well-formed Result and returns it. */
function asResult(answer: Answer, context: string): ResultShape {
  expect(answer.headers['content-type'], context).toContain('application/json');
  expect(answer.headers['content-security-policy'], context).toBeDefined();
  const result = JSON.parse(answer.text) as ResultShape;
  if (result.ok) {
    expect(Object.keys(result).sort(), context).toEqual(['ok', 'value']);
  } else {
    expect(Object.keys(result).sort(), context).toEqual(['error', 'ok']);
    expect(errorCodes, context).toContain(result.error?.code);
    expect(typeof result.error?.message, context).toBe('string');
    expect(['string', 'undefined'], context).toContain(typeof result.error?.detail);
    expect(result.error?.code, `${context}: ${result.error?.message}`).not.toBe('internal');
  }
  return result;
}

async function settingsSnapshot(): Promise<string> {
  const lines: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else lines.push(`${path.relative(console_.homeDir, full)} ${createHash('sha256').update(await readFile(full)).digest('hex')}`);
    }
  };
  await walk(console_.homeDir);
  return `${lines.sort().join('\n')}\n== keychain ==\n${await keychainSnapshot(console_.keychainService)}`;
}

function hintsFor(profiles: readonly string[]): Hints {
  return {
    profileId: (r) => pick(r, [...profiles, 'no-such-profile']),
    ids: (r) => Array.from({ length: Math.floor(r() * 3) }, () => pick(r, profiles)),
    name: (r) => pick(r, ['Fuzz server', 'x', 'Ünïcødé server']),
    baseUrl: (r) => pick(r, [memoryServer.url, `${memoryServer.url}/api`, 'http://127.0.0.1:9', 'https://memory.example.com/api']),
    customEnvironment: (r) => pick(r, ['qa', 'lab']),
    notes: (r) => pick(r, ['note', '']),
    key: (r) => pick(r, [`fuzz-${randomKey(r)}`, 'short']),
    query: (r) => pick(r, ['memory', 'yesterday', 'last week', 'project notes']),
    contentHash: (r) => pick(r, [...hashes, 'deadbeef']),
    tags: (r) => pick(r, [['alpha'], ['beta', 'gamma'], []]),
    tag: (r) => pick(r, ['alpha', 'fuzz-none']),
    timeFilter: (r) => pick(r, ['last week', 'yesterday']),
    requestId: (r) => `req-${Math.floor(r() * 5)}`,
    memoryType: (r) => pick(r, ['note', 'decision']),
    metadata: (r) => pick(r, [{ source: 'fuzz' }, {}]),
    content: (r) => pick(r, ['a memory from the fuzzer', 'x']),
    sha256: () => 'ab'.repeat(32),
    suggestedName: () => 'memories.json',
    extraPaths: (r) => pick(r, [['/nonexistent/mcp.env'], ['/etc/hostname'], []]),
    path: () => '/nonexistent/service_config.json',
    field: () => 'MCP_API_KEY',
    fingerprint: () => 'sha256:000000000000',
    page: (r) => pick(r, [1, 2]),
    pageSize: (r) => pick(r, [1, 20, 100]),
    limit: (r) => pick(r, [1, 5, 20]),
    confirmCount: (r) => pick(r, [1, 3]),
    threshold: (r) => pick(r, [0, 0.5, 1]),
  };
}

function randomKey(random: Random): string {
  return Array.from({ length: 40 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]).join('');
}

/** The payload as the host will see it, and whether the method's schema accepts it. */
function encode(method: ContractMethod, payload: unknown): { body: string; schemaValid: boolean; tooLarge: boolean } {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const tooLarge = Buffer.byteLength(body) > maxBodyBytes;
  const parsed: unknown = body === '' ? {} : JSON.parse(body);
  const schemaValid = !tooLarge && depthOf(parsed) <= maxPayloadDepth && contract[method].safeParse(parsed ?? {}).success;
  return { body, schemaValid, tooLarge };
}

const figures = { raw: 0, phase1: 0, phase2: 0, invalid: 0, okAnswers: 0, typedErrors: 0, ms: 0 };

describe('the contract under hostile input (browser mode)', () => {
  it('phase 0: raw bodies the JSON layer must survive', async () => {
    const before = await settingsSnapshot();
    const deepArray = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const deepMetadata = `{"profileId":"${scratchProfile}","content":"deep","metadata":{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`;
    const wideObject = `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const longArray = `{"ids":[${Array.from({ length: 150_000 }, () => '"a"').join(',')}]}`;
    const cases: { method: string; body: string | Buffer; status: number; code?: string }[] = [
      { method: 'app.info', body: '{"a":', status: 400, code: 'invalid-input' },
      { method: 'app.info', body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), status: 400, code: 'invalid-input' },
      { method: 'app.info', body: '\uFEFF{}', status: 400, code: 'invalid-input' },
      { method: 'app.info', body: '{}', status: 200 },
      { method: 'app.info', body: 'null', status: 200 },
      { method: 'profiles.delete', body: '', status: 200, code: 'invalid-input' },
      { method: 'profiles.delete', body: 'null', status: 200, code: 'invalid-input' },
      { method: 'profiles.delete', body: '"profileId"', status: 200, code: 'invalid-input' },
      { method: 'profiles.delete', body: `{"profileId":"${scratchProfile}","profileId":7}`, status: 200, code: 'invalid-input' },
      { method: 'memories.list', body: `{"profileId":"${seedProfile}","page":1e999}`, status: 200, code: 'invalid-input' },
      { method: 'profiles.create', body: 'x'.repeat(maxBodyBytes + 1), status: 413, code: 'invalid-input' },
      { method: 'profiles.create', body: deepArray, status: 200, code: 'invalid-input' },
      { method: 'memories.create', body: deepMetadata, status: 200, code: 'invalid-input' },
      { method: 'memories.update', body: `{"profileId":"${scratchProfile}","contentHash":"${hashes[0]}","metadata":{"a":${'['.repeat(5000)}1${']'.repeat(5000)}}}`, status: 200, code: 'invalid-input' },
      { method: 'app.info', body: wideObject, status: 200, code: 'invalid-input' },
      { method: 'profiles.reorder', body: longArray, status: 200, code: 'invalid-input' },
      ...['', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'APP.INFO', 'app.info\u0000', 'app.info/../profiles.list', '\u202Eofni.ppa'].map((method) => ({
        method,
        body: '{}',
        status: 200,
        code: 'invalid-input',
      })),
    ];
    for (const item of cases) {
      const started = performance.now();
      const answer = await rpc(item.method, item.body);
      const context = `raw ${JSON.stringify(item.method)} ${String(item.body).slice(0, 40)}`;
      expect(answer.status, context).toBe(item.status);
      const result = asResult(answer, context);
      if (item.code) expect(result.error?.code, context).toBe(item.code);
      else expect(result.ok, context).toBe(true);
      expect(performance.now() - started, context).toBeLessThan(5000);
      figures.raw += 1;
    }
    // Percent-encoding that does not decode (a cut sequence, a lone surrogate), written into the path as is.
    for (const encoded of ['%E0%A4%A', '%ED%A0%80', '%FF']) {
      const malformed = await request('POST', `/rpc/${encoded}`, '{}', { Cookie: cookie, 'X-Memory-Console': '1' });
      expect(malformed.status, encoded).toBe(400);
      expect(asResult(malformed, encoded).error?.code).toBe('invalid-input');
      figures.raw += 1;
    }
    expect(await settingsSnapshot()).toBe(before);
  }, 60_000);

  it(`phase 1: ${invalidTarget}+ invalid payloads across every method, mixed with valid calls that change nothing`, async () => {
    const random = seededRandom(seed);
    const methods = [...contractMethods];
    const profiles = [seedProfile, scratchProfile];
    const hints = hintsFor(profiles);
    const baseline = await settingsSnapshot();
    const started = performance.now();
    let invalid = 0;
    let sent = 0;
    const perMethod = new Map<string, number>();
    while (invalid < invalidTarget) {
      const chunk: { method: ContractMethod; body: string; schemaValid: boolean; tooLarge: boolean }[] = [];
      while (chunk.length < 300) {
        const method = pick(random, methods);
        const base = plausible(contract[method], random, hints);
        const payload = random() < 0.85 ? bend(base, random) : base;
        const encoded = encode(method, payload);
        // Valid input to a method that may change state belongs to phase 2.
        if (encoded.schemaValid && !readOnly.has(method)) continue;
        chunk.push({ method, ...encoded });
      }
      await inParallel(chunk, 8, async (call) => {
        const answer = await rpc(call.method, call.body);
        const context = `${call.method} ${call.body.slice(0, 160)}`;
        expect(answer.status, context).toBe(call.tooLarge ? 413 : 200);
        const result = asResult(answer, context);
        if (!call.schemaValid) expect(result.error?.code, context).toBe('invalid-input');
        if (!showsKey.has(call.method)) expect(answer.text.includes(serverKey), context).toBe(false);
        if (result.ok) figures.okAnswers += 1;
        else figures.typedErrors += 1;
        perMethod.set(call.method, (perMethod.get(call.method) ?? 0) + 1);
      });
      invalid += chunk.filter((call) => !call.schemaValid).length;
      sent += chunk.length;
      // Nothing in this phase may change the settings or the keychain.
      expect(await settingsSnapshot()).toBe(baseline);
    }
    figures.phase1 = sent;
    figures.invalid = invalid;
    figures.ms += performance.now() - started;
    for (const method of contractMethods) expect(perMethod.get(method) ?? 0, method).toBeGreaterThan(50);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  }, 120_000);

  it('phase 2: valid input to methods that change state; every refused call leaves settings and keychain as they were', async () => {
    const random = seededRandom(seed + 1);
    // Never the seed profile: phase 1 keeps using it, and these calls may delete or re-key.
    const hints = hintsFor([scratchProfile]);
    const stateful = contractMethods.filter((method) => !readOnly.has(method));
    expect(stateful.length).toBeGreaterThan(0);
    let current = await settingsSnapshot();
    const started = performance.now();
    let sent = 0;
    for (const method of stateful) {
      for (let found = 0, tries = 0; found < 8 && tries < 400; tries++) {
        const encoded = encode(method, plausible(contract[method], random, hints));
        if (!encoded.schemaValid) continue;
        found += 1;
        const answer = await rpc(method, encoded.body);
        const context = `${method} ${encoded.body.slice(0, 160)}`;
        expect(answer.status, context).toBe(200);
        const result = asResult(answer, context);
        if (!showsKey.has(method)) expect(answer.text.includes(serverKey), context).toBe(false);
        const after = await settingsSnapshot();
        if (!result.ok) expect(after, `${context} → ${result.error?.code}`).toBe(current);
        current = after;
        sent += 1;
        if (result.ok) figures.okAnswers += 1;
        else figures.typedErrors += 1;
      }
    }
    figures.phase2 = sent;
    figures.ms += performance.now() - started;
  }, 120_000);

  it('afterwards the host still answers, Object.prototype is clean, and the figures are printed', async () => {
    const info = asResult(await rpc('app.info', '{}'), 'app.info after the fuzz');
    expect(info.ok).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    const probe: Record<string, unknown> = {};
    for (const name of ['polluted', 'isAdmin']) expect(probe[name]).toBeUndefined();
    expect(hostileStrings.length).toBeGreaterThan(40);
    expect(withOwnKey({}, '__proto__', 1)).toHaveProperty('__proto__');
    const total = figures.raw + figures.phase1 + figures.phase2;
    expect(total).toBeGreaterThanOrEqual(10_000);
    console.info(
      `[figures] contract fuzz: ${total} payloads over ${contractMethods.length} methods (${figures.invalid} invalid, ${figures.raw} raw, ` +
        `${figures.phase2} valid state-changing) in ${(figures.ms / 1000).toFixed(1)} s; answers: ${figures.okAnswers} ok, ${figures.typedErrors} typed errors; seed ${seed}`,
    );
  });
});

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}
