import type { Memory } from '../../../../electron/contract';
import { contentPreview } from '../content-preview';
import { formatAbsolute, formatRelative } from '../format-time';
import { TagChips } from './tag-chips';

interface MemoryRowProps {
  readonly memory: Memory;
  readonly index: number;
  readonly setSize: number;
  readonly start: number;
  readonly height: number;
  readonly tabStop: boolean;
  readonly now: number;
  /** Shown in the detail pane. */
  readonly open?: boolean;
  /** Similarity from a semantic search; null when the search does not score. */
  readonly score?: number | null | undefined;
}

const scoreFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3, minimumFractionDigits: 3 });

// Memory content is untrusted text from the server: it is only ever rendered as a text node.
export function MemoryRow({ memory, index, setSize, start, height, tabStop, now, open = false, score }: MemoryRowProps) {
  const absolute = formatAbsolute(memory.created_at);
  return (
    <li
      className={open ? 'memory-row memory-row--open' : 'memory-row'}
      data-testid="memory-row"
      data-hash={memory.content_hash}
      aria-current={open || undefined}
      data-index={index}
      tabIndex={tabStop ? 0 : -1}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${start}px)`, height }}
    >
      <p className="memory-row__content">{contentPreview(memory.content)}</p>
      <div className="memory-row__meta">
        <span className={memory.memory_type === null ? 'memory-type memory-type--none' : 'memory-type'}>
          {memory.memory_type ?? 'no type'}
        </span>
        <TagChips tags={memory.tags} />
        {typeof score === 'number' && (
          <span className="memory-row__score" title="Similarity score from the server">
            score {scoreFormat.format(score)}
          </span>
        )}
        <span className="memory-row__time">
          <time dateTime={memory.created_at_iso} title={absolute}>
            {formatRelative(memory.created_at, now)}
          </time>
          <span aria-hidden="true"> · </span>
          <span>{absolute}</span>
        </span>
      </div>
    </li>
  );
}
