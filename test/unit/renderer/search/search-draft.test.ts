import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialDraft, type SearchDraft } from '../../../../renderer/features/search/search-params';
import { useSearchDraft } from '../../../../renderer/features/search/use-search-draft';
import '../support/setup';

const withText = (text: string): SearchDraft => ({ ...initialDraft, text });

describe('useSearchDraft', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles keystrokes once typing pauses, not per key', () => {
    const { result } = renderHook(() => useSearchDraft(initialDraft, 250));
    for (const text of ['d', 'da', 'dat', 'data']) {
      act(() => result.current[2](withText(text)));
      act(() => vi.advanceTimersByTime(100));
    }
    expect(result.current[0].text).toBe('data');
    expect(result.current[1].text).toBe('');
    act(() => vi.advanceTimersByTime(150));
    expect(result.current[1].text).toBe('data');
  });

  it('settles a pasted query, a cleared box and a changed option in the same event', () => {
    const { result } = renderHook(() => useSearchDraft(initialDraft, 250));
    act(() => result.current[2](withText('database migration')));
    expect(result.current[1].text).toBe('database migration');
    act(() => result.current[2]((current) => ({ ...current, text: '' })));
    expect(result.current[1].text).toBe('');
    act(() => result.current[2](withText('x')));
    act(() => result.current[2]((current) => ({ ...current, limit: 50 })));
    expect(result.current[1]).toEqual({ ...initialDraft, text: 'x', limit: 50 });
  });

  it('a pending keystroke does not overwrite a later paste', () => {
    const { result } = renderHook(() => useSearchDraft(initialDraft, 250));
    act(() => result.current[2](withText('d')));
    act(() => result.current[2](withText('postgres backup plan')));
    act(() => vi.advanceTimersByTime(500));
    expect(result.current[1].text).toBe('postgres backup plan');
  });
});
