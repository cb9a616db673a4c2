import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../electron/secrets/open-secret-store';
import type { SecretStore } from '../../../electron/secrets/secret-store';

const run = promisify(execFile);

// Runs against the real gnome-keyring of the private D-Bus session CI starts (toolchain.md).
// Outside such a session this suite fails on purpose, with the reason: it is not a fake.
const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
const base = process.env['MEMORY_CONSOLE_KEYCHAIN_SERVICE'] ?? 'Memory Console (test)';
const serviceA = `${base} / store ${runId} A`;
const serviceB = `${base} / store ${runId} B`;

async function secretToolSearch(service: string): Promise<string> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service]);
  return `${stdout}\n${stderr}`;
}

async function open(service: string): Promise<SecretStore> {
  const { store, status } = await openSecretStore({ service });
  if (status.state !== 'available') throw new Error(`The keychain is not available here: ${status.message} Fix: ${status.fix}`);
  expect(store.kind).toBe('os-keychain');
  return store;
}

let a: SecretStore;
let b: SecretStore;

beforeAll(async () => {
  a = await open(serviceA);
  b = await open(serviceB);
});

afterAll(async () => {
  for (const store of [a, b]) {
    if (!store) continue;
    for (const account of await store.list()) await store.delete(account);
  }
});

describe('keytar secret store on a real gnome-keyring', () => {
  it('stores a key that is visible to the OS keychain under our service and account', async () => {
    await a.set('profile:home', 'mcp-0123456789abcdef0123456789abcdef');
    expect(await a.get('profile:home')).toBe('mcp-0123456789abcdef0123456789abcdef');
    const found = await secretToolSearch(serviceA);
    expect(found).toContain(`attribute.service = ${serviceA}`);
    expect(found).toContain('attribute.account = profile:home');
    expect(found).toContain('secret = mcp-0123456789abcdef0123456789abcdef');
  });

  it('replaces rather than duplicates', async () => {
    await a.set('profile:replace', 'first-0123456789abcdef');
    await a.set('profile:replace', 'second-0123456789abcdef');
    expect(await a.get('profile:replace')).toBe('second-0123456789abcdef');
    const found = await secretToolSearch(serviceA);
    expect(found.match(/attribute\.account = profile:replace$/gm)).toHaveLength(1);
    expect(found).not.toContain('first-0123456789abcdef');
  });

  it('keeps two profiles apart and lists both accounts', async () => {
    await a.set('profile:one', 'key-for-one-0123456789');
    await a.set('profile:two', 'key-for-two-0123456789');
    expect(await a.get('profile:one')).toBe('key-for-one-0123456789');
    expect(await a.get('profile:two')).toBe('key-for-two-0123456789');
    expect(await a.list()).toEqual(expect.arrayContaining(['profile:one', 'profile:two']));
  });

  it('round-trips unicode and a 4 KiB key byte for byte', async () => {
    const unicode = 'ключ-🔑-clé-鍵-Ωmega-0123456789';
    const long = randomBytes(3072).toString('base64'); // 4096 characters
    expect(long).toHaveLength(4096);
    await a.set('profile:unicode', unicode);
    await a.set('profile:long', long);
    expect(await a.get('profile:unicode')).toBe(unicode);
    expect(await a.get('profile:long')).toBe(long);
  });

  it('deletes: gone from the store and from the OS keychain', async () => {
    await a.set('profile:gone', 'delete-me-0123456789abcd');
    expect(await a.delete('profile:gone')).toBe(true);
    expect(await a.delete('profile:gone')).toBe(false);
    expect(await a.get('profile:gone')).toBeNull();
    expect(await a.list()).not.toContain('profile:gone');
    expect(await secretToolSearch(serviceA)).not.toContain('profile:gone');
  });

  it('isolates service names: the same account under another service is a different item', async () => {
    await a.set('profile:shared-name', 'service-a-key-0123456789');
    expect(await b.get('profile:shared-name')).toBeNull();
    await b.set('profile:shared-name', 'service-b-key-0123456789');
    expect(await a.get('profile:shared-name')).toBe('service-a-key-0123456789');
    expect(await b.list()).toEqual(['profile:shared-name']);
    expect(await b.delete('profile:shared-name')).toBe(true);
    expect(await a.get('profile:shared-name')).toBe('service-a-key-0123456789');
  });

  it('refuses a multi-line key before it reaches the keychain', async () => {
    await expect(a.set('profile:bad', 'line-one\nline-two-0123')).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await a.list()).not.toContain('profile:bad');
  });

  it('leaves no probe items behind', async () => {
    expect((await a.list()).filter((account) => account.startsWith('__memory-console-probe__'))).toEqual([]);
  });

  it('measures keychain latency (printed, not asserted)', async () => {
    const timings = { set: [] as number[], get: [] as number[] };
    for (let i = 0; i < 50; i++) {
      let start = performance.now();
      await a.set('profile:bench', `bench-key-${i}-0123456789abcdef`);
      timings.set.push(performance.now() - start);
      start = performance.now();
      await a.get('profile:bench');
      timings.get.push(performance.now() - start);
    }
    const probeStart = performance.now();
    await openSecretStore({ service: serviceA });
    const probeMs = performance.now() - probeStart;
    const pct = (values: number[], p: number) => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor(values.length * p))]!.toFixed(2);
    console.info(
      `keychain latency over 50 ops: get p50 ${pct(timings.get, 0.5)} ms p95 ${pct(timings.get, 0.95)} ms; set p50 ${pct(timings.set, 0.5)} ms p95 ${pct(timings.set, 0.95)} ms; openSecretStore probe ${probeMs.toFixed(1)} ms`,
    );
  });
});
