import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { Memory } from '../../../../electron/contract';
import { nextRowIndex } from '../list-navigation';
import { MemoryRow } from './memory-row';
import './memories.css';

/** Fixed row height: content is clamped to two lines, so every row is the same size. */
export const memoryRowHeight = 76;
const overscan = 8;
/** Start fetching the next page this many rows before the end, so scrolling rarely waits. */
const nearEndRows = 30;

interface MemoryListProps {
  readonly memories: readonly Memory[];
  /** The server's total, announced as each row's set size. */
  readonly total: number;
  readonly label: string;
  readonly canLoadMore: boolean;
  readonly onNearEnd: () => void;
  readonly now: number;
  /** The memory shown in the detail pane, marked as current. */
  readonly openHash?: string | null;
  /** Click or Enter on a row. */
  readonly onOpen?: (memory: Memory) => void;
  /** Delete on a row: the caller asks for confirmation. */
  readonly onDelete?: (memory: Memory) => void;
  /** Search scores by content hash (semantic search only). */
  readonly scores?: ReadonlyMap<string, number | null>;
}

/**
 * Memoized: the panel re-renders on every keystroke in the search box, and re-rendering two dozen
 * rows (dates, tags) each time would hold up the keystroke and the search request behind it.
 */
export const MemoryList = memo(function MemoryList({ memories, total, label, canLoadMore, onNearEnd, now, openHash = null, onOpen, onDelete, scores }: MemoryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);

  const virtualizer = useVirtualizer({
    count: memories.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => memoryRowHeight,
    overscan,
    getItemKey: (index) => memories[index]?.content_hash ?? index,
    // React 19 batches the scroll update fine; flushSync from a layout effect only logs warnings.
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (canLoadMore && lastRendered >= memories.length - nearEndRows) onNearEnd();
  }, [canLoadMore, lastRendered, memories.length, onNearEnd]);

  // Keyboard moves may target a row that is not rendered yet: focus it once the virtualizer has it.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  // Exactly one row is in the tab order: the last focused one while rendered, else the first shown.
  const current = Math.min(activeIndex, memories.length - 1);
  const tabStop = rows.some((row) => row.index === current) ? current : rows[0]?.index;

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const from = rowIndexOf(event.target);
    if (from === null) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const memory = memories[from];
    if ((event.key === 'Enter' || event.key === ' ') && memory && onOpen) {
      event.preventDefault();
      onOpen(memory);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && memory && onDelete) {
      event.preventDefault();
      onDelete(memory);
      return;
    }
    const viewport = scrollRef.current?.clientHeight ?? 0;
    const perPage = Math.max(1, Math.floor(viewport / memoryRowHeight) - 1);
    const next = nextRowIndex(event.key, from, memories.length, perPage);
    if (next === null) return;
    event.preventDefault();
    setActiveIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const index = rowIndexOf(event.target);
    if (index !== null) setActiveIndex(index);
  };

  const onClick = (event: MouseEvent<HTMLUListElement>) => {
    const index = rowIndexOf(event.target);
    const memory = index === null ? undefined : memories[index];
    if (memory && onOpen) onOpen(memory);
  };

  return (
    <div ref={scrollRef} className="memory-list__scroller" data-testid="memory-scroller">
      <ul
        ref={listRef}
        role="list"
        aria-label={label}
        className="memory-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onClick={onClick}
      >
        {rows.map((row) => {
          const memory = memories[row.index];
          if (memory === undefined) return null;
          return (
            <MemoryRow
              key={row.key}
              memory={memory}
              index={row.index}
              setSize={total}
              start={row.start}
              height={row.size}
              tabStop={row.index === tabStop}
              now={now}
              open={memory.content_hash === openHash}
              score={scores?.get(memory.content_hash)}
            />
          );
        })}
      </ul>
    </div>
  );
});

function rowIndexOf(target: EventTarget): number | null {
  if (!(target instanceof HTMLElement)) return null;
  const value = target.closest<HTMLElement>('[data-index]')?.dataset['index'];
  return value === undefined ? null : Number(value);
}
