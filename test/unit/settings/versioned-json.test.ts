import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keepAside, listKeptAside, readVersionedJson } from '../../../electron/settings/versioned-json';

const schema = z.object({ version: z.literal(1), items: z.array(z.string()) });
const options = { schema, currentVersion: 1 };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mc-vjson-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readVersionedJson', () => {
  it('reads a valid file', async () => {
    writeFileSync(file, JSON.stringify({ version: 1, items: ['a'] }));
    expect(await readVersionedJson(file, options)).toEqual({ kind: 'ok', value: { version: 1, items: ['a'] } });
  });

  it('reports a missing file as missing', async () => {
    expect(await readVersionedJson(file, options)).toEqual({ kind: 'missing' });
  });

  it.each([
    ['truncated JSON', '{"version":1,"items":["a"'],
    ['empty file', ''],
    ['wrong shape', '{"version":1,"items":"a"}'],
    ['no version', '{"items":[]}'],
    ['binary', '\u0000\u0001\u0002'],
    ['nested 100,000 levels deep (a loose schema would pass it on to JSON.stringify)', `{"version":1,"items":[],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ])('reports %s as corrupt with a reason', async (_label, content) => {
    writeFileSync(file, content);
    const read = await readVersionedJson(file, options);
    expect(read.kind).toBe('corrupt');
    expect(read.kind === 'corrupt' && read.message).toMatch(/settings\.json/);
  });

  it('reports a file larger than the cap as corrupt without loading it', async () => {
    writeFileSync(file, `{"version":1,"items":["${'x'.repeat(2000)}"]}`);
    const read = await readVersionedJson(file, { ...options, maxBytes: 1000 });
    expect(read.kind).toBe('corrupt');
  });

  it('reports a newer format as future-version and says to update', async () => {
    writeFileSync(file, JSON.stringify({ version: 7, whatever: true }));
    const read = await readVersionedJson(file, options);
    expect(read).toMatchObject({ kind: 'future-version', version: 7 });
    expect(read.kind === 'future-version' && read.message).toMatch(/newer Memory Console/);
  });

  it('reports a symlink without following it', async () => {
    const target = path.join(dir, 'elsewhere.json');
    writeFileSync(target, JSON.stringify({ version: 1, items: [] }));
    symlinkSync(target, file);
    const read = await readVersionedJson(file, options);
    expect(read.kind).toBe('not-a-regular-file');
    expect(read.kind === 'not-a-regular-file' && read.message).toMatch(/symbolic link to .*elsewhere\.json/);
  });

  it('reports a directory in place of the file', async () => {
    mkdirSync(file);
    expect((await readVersionedJson(file, options)).kind).toBe('not-a-regular-file');
  });
});

describe('keepAside', () => {
  it('moves the exact bytes to <name>.corrupt-<timestamp> and lists it', async () => {
    writeFileSync(file, '{"version":1, broken');
    const kept = await keepAside(file, new Date('2026-05-16T10:20:30.456Z'));
    expect(path.basename(kept)).toBe('settings.json.corrupt-2026-05-16T10-20-30-456Z');
    expect(readFileSync(kept, 'utf8')).toBe('{"version":1, broken');
    expect(readdirSync(dir)).toEqual([path.basename(kept)]);
    expect(await listKeptAside(file)).toEqual([kept]);
  });

  it('never overwrites an earlier kept file with the same timestamp', async () => {
    const when = new Date('2026-05-16T10:20:30.456Z');
    writeFileSync(file, 'first');
    const one = await keepAside(file, when);
    writeFileSync(file, 'second');
    const two = await keepAside(file, when);
    expect(one).not.toBe(two);
    expect(readFileSync(one, 'utf8')).toBe('first');
    expect(readFileSync(two, 'utf8')).toBe('second');
  });
});
