import { describe, expect, it } from 'vitest';
import { contentPreview } from '../../../../renderer/features/memories/content-preview';
import { formatRelative } from '../../../../renderer/features/memories/format-time';
import { nextRowIndex } from '../../../../renderer/features/memories/list-navigation';
import { formatHost } from '../../../../renderer/features/servers/format-host';
import { pickSelectedProfile } from '../../../../renderer/features/servers/use-selected-profile';
import { makeProfile } from '../support/fake-console';

describe('list navigation', () => {
  it('moves by one, by a page, and to either end, staying inside the list', () => {
    expect(nextRowIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextRowIndex('ArrowDown', 9, 10, 4)).toBe(9);
    expect(nextRowIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextRowIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextRowIndex('PageUp', 3, 10, 4)).toBe(0);
    expect(nextRowIndex('End', 0, 10, 4)).toBe(9);
    expect(nextRowIndex('Home', 7, 10, 4)).toBe(0);
    expect(nextRowIndex('Enter', 1, 10, 4)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0, 4)).toBeNull();
  });
});

describe('selected profile', () => {
  const list = {
    profiles: [makeProfile({ id: 'a', name: 'A' }), makeProfile({ id: 'b', name: 'B' })],
    activeId: 'b',
    problems: [],
  };
  it('prefers the user’s pick, then the active profile, then the first', () => {
    expect(pickSelectedProfile(list, 'a')?.id).toBe('a');
    expect(pickSelectedProfile(list, null)?.id).toBe('b');
    expect(pickSelectedProfile(list, 'deleted')?.id).toBe('b');
    expect(pickSelectedProfile({ ...list, activeId: null }, null)?.id).toBe('a');
    expect(pickSelectedProfile({ ...list, profiles: [] }, 'a')).toBeNull();
    expect(pickSelectedProfile(undefined, 'a')).toBeNull();
  });
});

describe('formatting', () => {
  it('shows a row’s first words with whitespace collapsed, cut for very long content', () => {
    expect(contentPreview('  first line\n\n  second\tline ')).toBe('first line second line');
    expect(contentPreview('x'.repeat(5000))).toHaveLength(321);
    expect(contentPreview(' \n ')).toBe('(empty)');
  });

  it('formats relative times from the server’s Unix seconds', () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    expect(formatRelative(now / 1000 - 10, now)).toBe('now');
    expect(formatRelative(now / 1000 - 180, now)).toBe('3 minutes ago');
    expect(formatRelative(now / 1000 - 2 * 86400, now)).toBe('2 days ago');
  });

  it('shows a base URL’s host, or the text itself if it is not a URL', () => {
    expect(formatHost('https://memory.example.org:8443/api')).toBe('memory.example.org:8443');
    expect(formatHost('not a url')).toBe('not a url');
  });
});
