import { useId, useState, type FormEvent } from 'react';
import { ErrorPanel } from '../../../ui/error-panel';
import { Modal } from '../../../ui/modal';
import { parseTagList } from '../../search/search-params';
import { useMemoryTypes } from '../api/get-tags';
import { useCreateMemory } from '../api/memory-mutations';
import { parseMetadataJson } from '../metadata-json';

export function CreateMemoryDialog({ profileId, onClose }: { readonly profileId: string; readonly onClose: () => void }) {
  const ids = { content: useId(), tags: useId(), type: useId(), metadata: useId(), problem: useId() };
  const types = useMemoryTypes(profileId);
  const create = useCreateMemory(profileId);
  const [content, setContent] = useState('');
  const [tagsText, setTagsText] = useState('');
  const [type, setType] = useState('');
  const [metadataText, setMetadataText] = useState('');
  const [warning, setWarning] = useState<string | null>(null);
  const parsed = parseMetadataJson(metadataText);
  const blank = content.trim() === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blank || !parsed.ok) return;
    create.mutate(
      { content, tags: parseTagList(tagsText), metadata: parsed.value, ...(type ? { memoryType: type } : {}) },
      {
        onSuccess: (result) => {
          if (result.warning) setWarning(result.warning);
          else onClose();
        },
      },
    );
  };

  if (warning !== null) {
    return (
      <Modal title="Memory stored, with a warning" onClose={onClose}>
        <p role="status">{warning}</p>
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="New memory" onClose={create.isPending ? undefined : onClose} wide>
      <form className="memory-editor" onSubmit={submit}>
        <label htmlFor={ids.content}>Content</label>
        <textarea
          id={ids.content}
          className="textarea"
          rows={6}
          value={content}
          required
          onChange={(event) => setContent(event.target.value)}
          data-autofocus
        />
        <p className="memory-editor__note">The content becomes the memory’s identity (its hash) and cannot be edited later.</p>
        <label htmlFor={ids.tags}>Tags (comma separated)</label>
        <input id={ids.tags} className="input" value={tagsText} onChange={(event) => setTagsText(event.target.value)} />
        <label htmlFor={ids.type}>Type</label>
        <select id={ids.type} className="select" value={type} onChange={(event) => setType(event.target.value)}>
          <option value="">(none)</option>
          {(types.data ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        {types.isError && <p className="memory-editor__problems">The server’s type list could not be loaded; the memory can be stored without a type.</p>}
        <label htmlFor={ids.metadata}>Metadata (JSON object, optional)</label>
        <textarea
          id={ids.metadata}
          className="textarea textarea--code"
          rows={4}
          spellCheck={false}
          placeholder='{"source": "console"}'
          value={metadataText}
          aria-invalid={!parsed.ok}
          aria-describedby={ids.problem}
          onChange={(event) => setMetadataText(event.target.value)}
        />
        <div id={ids.problem} className="memory-editor__problems">
          {!parsed.ok && <p role="alert">{parsed.message}</p>}
          {parsed.ok && parsed.notes.map((note) => <p key={note}>{note}</p>)}
        </div>
        {create.isError && <ErrorPanel error={create.error} compact />}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={blank || !parsed.ok || create.isPending}>
            {create.isPending ? 'Storing…' : 'Store memory'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={create.isPending}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
