import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, tempPathFor, writeFileAtomic } from '../../../electron/settings/atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mc-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the content owner-only and leaves no temp file', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('replaces an existing file, and makes a loose mode owner-only', async () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file intact when the write fails before the rename', async () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, 'old content');
    let seenTemp = '';
    await expect(
      writeFileAtomic(file, 'new content', {
        beforeRename: (temp) => {
          seenTemp = temp;
          // The new content is complete and durable in the temp file at this point.
          expect(readFileSync(temp, 'utf8')).toBe('new content');
          throw new Error('simulated failure');
        },
      }),
    ).rejects.toThrow('simulated failure');
    expect(readFileSync(file, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(seenTemp).toContain('.settings.json.tmp-');
  });

  it('removeStaleTempFiles removes only this file’s leftovers', async () => {
    const file = path.join(dir, 'profiles.json');
    writeFileSync(tempPathFor(file), 'half');
    writeFileSync(tempPathFor(path.join(dir, 'other.json')), 'other');
    writeFileSync(file, 'real');
    expect(await removeStaleTempFiles(file)).toBe(1);
    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    expect(names).toContain('profiles.json');
    expect(names.find((name) => name !== 'profiles.json')).toMatch(/^\.other\.json\.tmp-/);
  });
});
