import { useId, useState, type FormEvent } from 'react';
import type { Memory } from '../../../../electron/contract';
import { isConsoleApiError } from '../../../bridge';
import { ErrorPanel } from '../../../ui/error-panel';
import { useMemory } from '../api/get-memory';
import { useMemoryTypes } from '../api/get-tags';
import { useUpdateMemory } from '../api/memory-mutations';
import { formatAbsolute, formatRelative } from '../format-time';
import { parseMetadataJson, removedKeys, sameJson } from '../metadata-json';
import { parseTagList } from '../../search/search-params';
import { MetadataTree } from './metadata-tree';

interface MemoryDetailProps {
  readonly profileId: string;
  readonly contentHash: string;
  /** The row it was opened from, shown at once while the fresh copy loads. */
  readonly shown: Memory | undefined;
  readonly now: number;
  readonly onClose: () => void;
  readonly onDelete: (memory: Memory) => void;
}

/** One memory in full. Content is untrusted text: rendered as a text node, never as HTML. */
export function MemoryDetail({ profileId, contentHash, shown, now, onClose, onDelete }: MemoryDetailProps) {
  const query = useMemory(profileId, contentHash, shown);
  const [editing, setEditing] = useState(false);
  const memory = query.data;
  const gone = isConsoleApiError(query.error) && query.error.code === 'not-found';

  return (
    <aside className="memory-detail" aria-labelledby="memory-detail-heading" data-testid="memory-detail">
      <header className="memory-detail__header">
        <h2 id="memory-detail-heading" className="memory-detail__title">
          Memory
        </h2>
        {memory && !editing && !gone && (
          <>
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="button button--danger" onClick={() => onDelete(memory)}>
              Delete…
            </button>
          </>
        )}
        <button type="button" className="button" onClick={onClose} aria-label="Close the memory">
          Close
        </button>
      </header>
      {gone && (
        <p role="alert" className="memory-detail__gone">
          This memory is no longer on the server. It was deleted, perhaps by another client.
        </p>
      )}
      {!gone && query.isError && memory === undefined && <ErrorPanel error={query.error} onRetry={() => void query.refetch()} compact />}
      {memory === undefined && query.isPending && <p role="status">Loading…</p>}
      {memory && !gone && (editing ? (
        <MemoryEditor profileId={profileId} memory={memory} onDone={() => setEditing(false)} />
      ) : (
        <MemoryFacts memory={memory} now={now} />
      ))}
    </aside>
  );
}

function MemoryFacts({ memory, now }: { readonly memory: Memory; readonly now: number }) {
  return (
    <div className="memory-detail__body">
      <pre className="memory-detail__content" data-testid="memory-content">
        {memory.content}
      </pre>
      <dl className="memory-detail__facts">
        <dt>Type</dt>
        <dd>{memory.memory_type ?? <span className="memory-detail__none">none</span>}</dd>
        <dt>Tags</dt>
        <dd>
          {memory.tags.length === 0 ? (
            <span className="memory-detail__none">none</span>
          ) : (
            <ul className="tag-chips tag-chips--wrap" aria-label="Tags">
              {memory.tags.map((tag) => (
                <li key={tag} className="tag-chip">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={memory.created_at_iso}>{formatAbsolute(memory.created_at)}</time> ({formatRelative(memory.created_at, now)})
        </dd>
        <dt>Updated</dt>
        <dd>
          <time dateTime={memory.updated_at_iso}>{formatAbsolute(memory.updated_at)}</time> ({formatRelative(memory.updated_at, now)})
        </dd>
        <dt>Hash</dt>
        <dd>
          <HashWithCopy hash={memory.content_hash} />
        </dd>
      </dl>
      <h3 className="memory-detail__subheading">Metadata</h3>
      <MetadataTree value={memory.metadata} />
    </div>
  );
}

function HashWithCopy({ hash }: { readonly hash: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(hash).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="memory-detail__hash">
      <code data-testid="memory-hash">{hash}</code>
      <button type="button" className="button button--small" onClick={copy} aria-label="Copy the hash">
        Copy
      </button>
      <span role="status" className="memory-detail__copied">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy; select the hash instead' : ''}
      </span>
    </span>
  );
}

function MemoryEditor({ profileId, memory, onDone }: { readonly profileId: string; readonly memory: Memory; readonly onDone: () => void }) {
  const ids = { tags: useId(), type: useId(), metadata: useId(), note: useId(), problem: useId() };
  const types = useMemoryTypes(profileId);
  const update = useUpdateMemory(profileId);
  const [tagsText, setTagsText] = useState(memory.tags.join(', '));
  const [type, setType] = useState(memory.memory_type ?? '');
  const [metadataText, setMetadataText] = useState(() => JSON.stringify(memory.metadata, null, 2));
  const parsed = parseMetadataJson(metadataText);
  const removed = parsed.ok ? removedKeys(memory.metadata, parsed.value) : [];
  const typeOptions = [...new Set([...(memory.memory_type ? [memory.memory_type] : []), ...(types.data ?? [])])];

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) return;
    const tags = parseTagList(tagsText);
    const changes = {
      ...(sameJson(tags, memory.tags) ? {} : { tags }),
      ...(type !== '' && type !== memory.memory_type ? { memoryType: type } : {}),
      ...(sameJson(parsed.value, memory.metadata) ? {} : { metadata: parsed.value }),
    };
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate({ contentHash: memory.content_hash, ...changes }, { onSuccess: onDone });
  };

  return (
    <form className="memory-editor" onSubmit={save} aria-describedby={ids.note}>
      <p id={ids.note} className="memory-editor__note">
        The content cannot be edited: its hash is the memory’s identity. To change the text, create a new memory and delete this one.
      </p>
      <pre className="memory-detail__content memory-detail__content--readonly">{memory.content}</pre>
      <label htmlFor={ids.tags}>Tags (comma separated)</label>
      <input id={ids.tags} className="input" value={tagsText} onChange={(event) => setTagsText(event.target.value)} data-autofocus />
      <label htmlFor={ids.type}>Type</label>
      <select id={ids.type} className="select" value={type} onChange={(event) => setType(event.target.value)}>
        {memory.memory_type === null && <option value="">(none)</option>}
        {typeOptions.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <label htmlFor={ids.metadata}>Metadata (JSON object)</label>
      <textarea
        id={ids.metadata}
        className="textarea textarea--code"
        rows={8}
        spellCheck={false}
        value={metadataText}
        aria-invalid={!parsed.ok}
        aria-describedby={ids.problem}
        onChange={(event) => setMetadataText(event.target.value)}
      />
      <div id={ids.problem} className="memory-editor__problems">
        {!parsed.ok && <p role="alert">{parsed.message}</p>}
        {removed.length > 0 && (
          <p role="status">
            The server merges metadata, so removed keys ({removed.join(', ')}) stay on the server. Set a value such as null instead.
          </p>
        )}
      </div>
      {update.isError && <ErrorPanel error={update.error} compact />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={!parsed.ok || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={update.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
