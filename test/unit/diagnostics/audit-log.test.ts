import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/diagnostics/audit-log';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'mc-audit-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const key = 'theActualSecretKey-0123456789abcdef';

describe('audit log', () => {
  it('writes JSON lines, owner-only, and lists them newest first, filtered by profile', async () => {
    let tick = 0;
    const log = createAuditLog({ homeDir: home, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
    await log.record({ event: 'key-set', profileId: 'a', profileName: 'A', keyFingerprint: 'sha256:0123456789ab', detail: 'Key pasted stored.' });
    await log.record({ event: 'probe-failed', profileId: 'b', profileName: 'B', keyFingerprint: null, status: 'unreachable/refused', detail: 'refused' });
    await log.record({ event: 'key-removed', profileId: 'a', profileName: 'A', keyFingerprint: 'sha256:0123456789ab', detail: 'Key removed.' });
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({ time: '2026-01-01T00:00:00.000Z', event: 'key-set', profileId: 'a', profileName: 'A', keyFingerprint: 'sha256:0123456789ab', detail: 'Key pasted stored.' });
    expect(statSync(log.file).mode & 0o777).toBe(0o600);

    const all = await log.list({ limit: 10 });
    expect(all.entries.map((e) => e.event)).toEqual(['key-removed', 'probe-failed', 'key-set']);
    expect(all.entries[1]!.status).toBe('unreachable/refused');
    expect((await log.list({ profileId: 'a', limit: 10 })).entries.map((e) => e.event)).toEqual(['key-removed', 'key-set']);
    expect(await log.list({ limit: 1 })).toMatchObject({ more: true, entries: [{ event: 'key-removed' }] });
  });

  it('never writes the key: secrets are scrubbed from the text, and anything but a fingerprint is dropped', async () => {
    const log = createAuditLog({ homeDir: home });
    await log.record(
      { event: 'probe-failed', profileId: 'a', profileName: `named ${key}`, keyFingerprint: key, detail: `server said: invalid ${key}` },
      { secrets: [key] },
    );
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(key);
    const [entry] = (await log.list({ limit: 5 })).entries;
    expect(entry).toMatchObject({ keyFingerprint: null, profileName: 'named [key removed]', detail: 'server said: invalid [key removed]' });
  });

  it('rotates by size: the next line that would pass the limit starts a new file, the old one becomes audit.log.1', async () => {
    const log = createAuditLog({ homeDir: home, maxBytes: 1_000 });
    for (let i = 0; i < 12; i++) {
      await log.record({ event: 'probe-failed', profileId: 'p', profileName: 'P', keyFingerprint: null, detail: `failure number ${i} ${'x'.repeat(100)}` });
    }
    const current = statSync(log.file).size;
    const rotated = statSync(`${log.file}.1`).size;
    expect(current).toBeLessThanOrEqual(1_000);
    expect(rotated).toBeLessThanOrEqual(1_000);
    const listed = await log.list({ limit: 100 });
    // Both files are read, newest first; what rotated out twice is gone (two files at most).
    expect(listed.entries[0]!.detail).toMatch(/^failure number 11 /);
    const numbers = listed.entries.map((e) => Number(/number (\d+)/.exec(e.detail)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(numbers.length).toBeGreaterThan(current / 200);
    expect(numbers.length).toBeLessThan(12);
  });

  it('skips damaged lines instead of failing, and counts them', async () => {
    const log = createAuditLog({ homeDir: home });
    await log.record({ event: 'key-set', profileId: 'a', profileName: 'A', detail: 'ok' });
    appendFileSync(log.file, 'not json\n{"event":"key-set"}\n');
    writeFileSync(`${log.file}.1`, '{"time":"t","event":"weird","profileId":null,"profileName":null,"keyFingerprint":null,"detail":"x"}\n');
    const listed = await log.list({ limit: 10 });
    expect(listed.entries).toHaveLength(1);
    expect(listed.skippedLines).toBe(3);
  });

  it('a failed write is reported, not thrown (it must not fail the key change it records)', async () => {
    const errors: unknown[] = [];
    const log = createAuditLog({ homeDir: path.join(home, 'missing', 'dir'), onError: (error) => errors.push(error) });
    await expect(log.record({ event: 'key-set', profileId: 'a', profileName: 'A', detail: 'x' })).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
