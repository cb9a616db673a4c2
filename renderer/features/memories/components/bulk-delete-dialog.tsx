import { useId, useState } from 'react';
import type { BulkDeleted } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { Modal } from '../../../ui/modal';
import { useTags } from '../api/get-tags';
import { useBulkDeleteByTag } from '../api/memory-mutations';

const countFormat = new Intl.NumberFormat();

interface BulkDeleteDialogProps {
  readonly profileId: string;
  readonly initialTag: string | null;
  readonly onClose: () => void;
}

/**
 * Delete every memory with one tag. The preview is the server's own count from /api/tags, and
 * that count goes along as `confirm_count`: if it changed meanwhile, the server refuses and
 * nothing is deleted.
 */
export function BulkDeleteDialog({ profileId, initialTag, onClose }: BulkDeleteDialogProps) {
  const tagId = useId();
  const tags = useTags(profileId);
  const bulk = useBulkDeleteByTag(profileId);
  const [tag, setTag] = useState(initialTag ?? '');
  const [summary, setSummary] = useState<BulkDeleted | null>(null);
  const count = tags.data?.find((item) => item.tag === tag)?.count ?? null;

  if (summary !== null) {
    return (
      <Modal title="Bulk delete finished" onClose={onClose}>
        <p role="status" data-testid="bulk-summary">
          Deleted {countFormat.format(summary.deleted)} {summary.deleted === 1 ? 'memory' : 'memories'} tagged “{summary.tag}”.
        </p>
        <p className="memory-editor__note">Server: {summary.message}</p>
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  const confirm = () => {
    if (count === null) return;
    bulk.mutate({ tag, confirmCount: count }, { onSuccess: setSummary });
  };

  return (
    <Modal title="Delete all memories with a tag" onClose={bulk.isPending ? undefined : onClose}>
      <label htmlFor={tagId}>Tag</label>
      <select
        id={tagId}
        className="select"
        value={tag}
        onChange={(event) => {
          bulk.reset();
          setTag(event.target.value);
        }}
        disabled={bulk.isPending}
        data-autofocus
      >
        <option value="">Choose a tag…</option>
        {(tags.data ?? []).map((item) => (
          <option key={item.tag} value={item.tag}>
            {item.tag} ({countFormat.format(item.count)})
          </option>
        ))}
      </select>
      {tags.isPending && <p role="status">Loading tags…</p>}
      {tags.isError && <ErrorPanel error={tags.error} onRetry={() => void tags.refetch()} compact />}
      {tag !== '' && count !== null && (
        <p className="bulk-delete__preview" data-testid="bulk-preview">
          {countFormat.format(count)} {count === 1 ? 'memory' : 'memories'} will be deleted from the server, for every client.
        </p>
      )}
      {bulk.isPending && (
        <div role="status" className="progress-block">
          <progress aria-label="Deleting" />
          <span>
            Deleting {countFormat.format(count ?? 0)} memories tagged “{tag}”…
          </span>
        </div>
      )}
      {bulk.isError && <ErrorPanel error={bulk.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={confirm} disabled={count === null || bulk.isPending}>
          {count === null ? 'Delete' : `Delete ${countFormat.format(count)} ${count === 1 ? 'memory' : 'memories'}`}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={bulk.isPending}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
