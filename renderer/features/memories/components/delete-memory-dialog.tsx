import type { Memory } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { Modal } from '../../../ui/modal';
import { useDeleteMemory } from '../api/memory-mutations';
import { contentPreview } from '../content-preview';

interface DeleteMemoryDialogProps {
  readonly profileId: string;
  readonly memory: Memory;
  readonly onClose: () => void;
  readonly onDeleted: (memory: Memory) => void;
}

export function DeleteMemoryDialog({ profileId, memory, onClose, onDeleted }: DeleteMemoryDialogProps) {
  const remove = useDeleteMemory(profileId);
  const confirm = () => remove.mutate(memory.content_hash, { onSuccess: () => onDeleted(memory) });
  return (
    <Modal title="Delete this memory?" onClose={remove.isPending ? undefined : onClose}>
      <blockquote className="delete-dialog__quote">{contentPreview(memory.content)}</blockquote>
      <p>It is removed from the server for every client. The console cannot bring it back.</p>
      {remove.isError && <ErrorPanel error={remove.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={confirm} disabled={remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete memory'}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={remove.isPending} data-autofocus>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
