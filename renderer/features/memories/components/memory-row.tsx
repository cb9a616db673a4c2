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
}

// Memory content is untrusted text from the server: it is only ever rendered as a text node.
export function MemoryRow({ memory, index, setSize, start, height, tabStop, now }: MemoryRowProps) {
  const absolute = formatAbsolute(memory.created_at);
  return (
    <li
      className="memory-row"
      data-testid="memory-row"
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
