// Code that runs inside the console's page (serialized by Playwright, so each function is
// self-contained). Times are the page's own performance.now(): 0 is navigation start.
//
// "Painted" is taken as: the DOM change seen by a MutationObserver, then the next animation frame,
// then a task posted from that frame's rAF callback. That task runs once the frame's style,
// layout and paint are done, so it is the earliest moment the user could see the change.

export interface FirstRowsProbe {
  firstRowDom: number | null;
  firstRowPainted: number | null;
}

export interface ResultSnapshot {
  readonly t: number;
  readonly input: string;
  readonly countText: string;
  readonly hashes: readonly string[];
}

export interface ScrollOutcome {
  readonly frames: readonly number[];
  /** Frame times while the list was moving (not waiting at the end for the next page). */
  readonly movingFrames: readonly number[];
  readonly loaded: number;
  readonly total: number;
  readonly rowsInDom: number;
  readonly ms: number;
}

declare global {
  interface Window {
    __benchFirstRows?: FirstRowsProbe;
    __benchSnapshots?: ResultSnapshot[];
    __benchStopSnapshots?: () => void;
    __benchLastInput?: number;
    /** Playwright binding: reports the first rows' paint without the bench polling the page. */
    __benchFirstRowsPainted?: (ms: number) => void;
  }
}

/** Installed before any page script: notes when the first memory row enters the DOM and is painted. */
export function installFirstRowsProbe(): void {
  const probe: FirstRowsProbe = { firstRowDom: null, firstRowPainted: null };
  window.__benchFirstRows = probe;
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="memory-row"]') === null) return;
    observer.disconnect();
    probe.firstRowDom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.firstRowPainted = performance.now();
        window.__benchFirstRowsPainted?.(probe.firstRowPainted);
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Breakdown of one page load, for explaining first_rows_ms. */
export function loadBreakdown(): Record<string, number> {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const out: Record<string, number> = {};
  if (nav) {
    out['html_response_end'] = nav.responseEnd;
    out['dom_content_loaded'] = nav.domContentLoadedEventEnd;
  }
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const name = new URL(entry.name).pathname;
    const key = name.startsWith('/assets/') ? (name.endsWith('.js') ? 'script' : 'style') : name;
    // The first of each kind: later list pages or searches are not part of the first paint.
    if (out[`${key}_start`] !== undefined) continue;
    out[`${key}_start`] = entry.startTime;
    out[`${key}_end`] = entry.responseEnd;
  }
  return out;
}

/**
 * Scrolls the memory list like a fast, steady flick (`step` px per frame) until `target` rows are
 * loaded and the end is reached, letting the list fetch pages as it goes. Records every frame.
 */
export async function scrollThrough({ target, step, timeoutMs }: { target: number; step: number; timeoutMs: number }): Promise<ScrollOutcome> {
  const scroller = document.querySelector<HTMLElement>('[data-testid="memory-scroller"]');
  if (scroller === null) throw new Error('no memory list on the page');
  const counts = (): { loaded: number; total: number } => {
    const text = document.querySelector('[data-testid="memory-count"]')?.textContent ?? '';
    const match = /^([\d.,\s\u00a0\u202f]+) of ([\d.,\s\u00a0\u202f]+) loaded/.exec(text);
    const num = (s: string | undefined) => Number((s ?? '').replace(/\D/g, ''));
    return { loaded: num(match?.[1]), total: num(match?.[2]) };
  };
  const started = performance.now();
  const frames: number[] = [];
  const movingFrames: number[] = [];
  return new Promise<ScrollOutcome>((resolve, reject) => {
    let last = -1;
    let movedLastFrame = false;
    let settleFrames = 0;
    let reached = false;
    const tick = (now: number) => {
      if (last >= 0) {
        frames.push(now - last);
        if (movedLastFrame) movingFrames.push(now - last);
      }
      last = now;
      if (now - started > timeoutMs) {
        reject(new Error(`scrolling did not reach ${target} rows in ${timeoutMs} ms (${JSON.stringify(counts())})`));
        return;
      }
      const { loaded, total } = counts();
      const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
      // Pages load when the scroll nears the end of what is loaded, so once `target` rows are loaded
      // the scroll is within a page of them: it stops there (pushed on, the list would keep fetching).
      reached ||= loaded >= target || (atEnd && ((total > 0 && loaded >= total) || document.querySelector('[data-testid="end-of-list"]') !== null));
      const before = scroller.scrollTop;
      if (!reached) scroller.scrollTop = before + step;
      movedLastFrame = scroller.scrollTop !== before;
      // A few frames after stopping, so the last rows are rendered and counted.
      if (reached) settleFrames += 1;
      if (settleFrames >= 10) {
        resolve({
          frames,
          movingFrames,
          loaded,
          total,
          rowsInDom: document.querySelectorAll('[data-testid="memory-row"]').length,
          ms: performance.now() - started,
        });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export interface SearchPaint {
  /** Input event → results painted. */
  readonly paintedMs: number;
  /** Input event → the search request left the page, and → its answer was in (resource timing). */
  readonly requestStartMs: number;
  readonly responseEndMs: number;
}

/** Types a whole query as one input event (a paste) and resolves when results from `expected` are painted. */
export function enterQueryAndWaitPainted({ query, expected, timeoutMs }: { query: string; expected: readonly string[]; timeoutMs: number }): Promise<SearchPaint> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
  if (input === null) throw new Error('no search input');
  const wanted = new Set(expected);
  const painted = (): boolean => {
    const count = document.querySelector('[data-testid="search-count"]')?.textContent ?? '';
    if (count === '' || count.startsWith('Updating')) return false;
    const first = document.querySelector<HTMLElement>('[data-testid="memory-row"][data-index="0"]');
    return first !== null && wanted.has(first.dataset['hash'] ?? '');
  };
  return new Promise<SearchPaint>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`results for "${query}" were not painted within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      const paintedMs = performance.now() - start;
      const request = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (entry) => entry.name.endsWith('/rpc/memories.search') && entry.startTime >= start,
      )[0];
      resolve({ paintedMs, requestStartMs: request ? request.startTime - start : NaN, responseEndMs: request ? request.responseEnd - start : NaN });
    };
    let start = 0;
    const observer = new MutationObserver(() => {
      if (!painted()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          clearTimeout(timer);
          done();
        };
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-hash', 'class'] });
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    input.focus();
    start = performance.now();
    setValue?.call(input, query);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Records what the search results show after every DOM change (once per frame), with the text typed at that moment. */
export function startResultSnapshots(): void {
  const snapshots: ResultSnapshot[] = [];
  window.__benchSnapshots = snapshots;
  let scheduled = false;
  const take = () => {
    scheduled = false;
    const countText = document.querySelector('[data-testid="search-count"]')?.textContent ?? '';
    if (countText === '') return;
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="memory-row"]')]
      .map((row) => ({ index: Number(row.dataset['index']), hash: row.dataset['hash'] ?? '' }))
      .sort((a, b) => a.index - b.index)
      .slice(0, 5);
    if (rows[0]?.index !== 0) return;
    const hashes = rows.map((row) => row.hash);
    const previous = snapshots.at(-1);
    if (previous && previous.hashes.join() === hashes.join() && previous.countText === countText) return;
    const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.value ?? '';
    snapshots.push({ t: performance.now(), input, countText, hashes });
  };
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(take);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-hash'] });
  const onInput = () => {
    window.__benchLastInput = performance.now();
  };
  document.addEventListener('input', onInput, true);
  window.__benchStopSnapshots = () => {
    observer.disconnect();
    document.removeEventListener('input', onInput, true);
  };
}

/** The snapshots, and when the last keystroke's input event fired. */
export function stopResultSnapshots(): { snapshots: ResultSnapshot[]; lastInputAt: number } {
  window.__benchStopSnapshots?.();
  return { snapshots: window.__benchSnapshots ?? [], lastInputAt: window.__benchLastInput ?? NaN };
}
