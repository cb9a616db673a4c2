import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchDraft } from './search-params';

type DraftUpdate = SearchDraft | ((current: SearchDraft) => SearchDraft);

/** One character typed or deleted, nothing else changed: more keys are probably coming. */
function isKeystroke(previous: SearchDraft, next: SearchDraft): boolean {
  return (
    Math.abs(next.text.length - previous.text.length) === 1 &&
    next.kind === previous.kind &&
    next.limit === previous.limit &&
    next.threshold === previous.threshold &&
    next.matchAll === previous.matchAll &&
    next.timeFilter === previous.timeFilter
  );
}

/**
 * The search as typed, and the search to run. Keystrokes settle once typing pauses for `delayMs`
 * (one request per pause, not per key); any other change (a pasted query, Clear, another search
 * kind or option) settles in the same event, so its request starts with that render instead of
 * after a delay. `onSettle` runs in that same event or timer, before React renders: the place to
 * start the search request.
 */
export function useSearchDraft(initial: SearchDraft, delayMs: number, onSettle?: (settled: SearchDraft) => void) {
  const [draft, setDraft] = useState(initial);
  const [settled, setSettled] = useState(initial);
  const latest = useRef(initial);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const change = useCallback(
    (update: DraftUpdate) => {
      const previous = latest.current;
      const next = typeof update === 'function' ? update(previous) : update;
      latest.current = next;
      setDraft(next);
      window.clearTimeout(timer.current);
      const settle = () => {
        onSettle?.(next);
        setSettled(next);
      };
      if (isKeystroke(previous, next)) timer.current = window.setTimeout(settle, delayMs);
      else settle();
    },
    [delayMs, onSettle],
  );
  return [draft, settled, change] as const;
}
