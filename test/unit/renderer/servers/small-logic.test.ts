import { describe, expect, it } from 'vitest';
import { copyText } from '../../../../renderer/features/keys/copy-text';
import { formatAge } from '../../../../renderer/features/keys/format-age';
import { moveId } from '../../../../renderer/features/servers/api/profile-mutations';

describe('moveId', () => {
  it('swaps with the neighbour, and refuses to move past either end', () => {
    expect(moveId(['a', 'b', 'c'], 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(moveId(['a', 'b', 'c'], 'a', 'up')).toBeNull();
    expect(moveId(['a', 'b', 'c'], 'c', 'down')).toBeNull();
    expect(moveId(['a'], 'x', 'down')).toBeNull();
  });
});

describe('formatAge', () => {
  const now = Date.UTC(2026, 10, 29, 12, 0, 0);
  it('says how long ago a key was added', () => {
    expect(formatAge(new Date(now - 20_000).toISOString(), now)).toBe('just now');
    expect(formatAge(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5 minutes ago');
    expect(formatAge(new Date(now - 86_400_000).toISOString(), now)).toBe('yesterday');
    expect(formatAge(new Date(now - 400 * 86_400_000).toISOString(), now)).toBe('last year');
    expect(formatAge('not a time', now)).toBe('not a time');
  });
});

describe('copyText', () => {
  it('copies when the clipboard works, and asks to select otherwise', async () => {
    let copied = '';
    const working = { writeText: async (text: string) => void (copied = text) } as unknown as Clipboard;
    expect(await copyText('abc', working)).toBe('copied');
    expect(copied).toBe('abc');
    const refusing = { writeText: async () => Promise.reject(new Error('NotAllowedError')) } as unknown as Clipboard;
    expect(await copyText('abc', refusing)).toBe('select-instead');
    expect(await copyText('abc', {} as Clipboard)).toBe('select-instead');
  });
});
