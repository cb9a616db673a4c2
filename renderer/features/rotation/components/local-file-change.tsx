import { useId, useState } from 'react';
import type { LocalServerFileKind, RotationView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { usePreviewServerFile, useRotationStep } from '../api/rotation-mutations';
import { localFileLabels } from '../rotation-words';
import { DiffView } from './diff-view';

interface LocalFileChangeProps {
  readonly view: RotationView;
  readonly kind: LocalServerFileKind;
  readonly defaultPath: string | null;
}

/** For a server on this machine: the console changes the file itself, after a redacted diff, with a backup. */
export function LocalFileChange({ view, kind, defaultPath }: LocalFileChangeProps) {
  const [file, setFile] = useState(defaultPath ?? '');
  const preview = usePreviewServerFile();
  const apply = useRotationStep('rotation.applyServerFile');
  const fieldId = useId();
  return (
    <section className="rotation-local" aria-labelledby={`${fieldId}-title`}>
      <h4 id={`${fieldId}-title`} className="rotation-local__title">
        Or let the console change the {localFileLabels[kind]} on this machine
      </h4>
      <label htmlFor={fieldId} className="field__label">
        File
      </label>
      <div className="field__row">
        <input
          id={fieldId}
          className="field__input field__input--mono"
          value={file}
          spellCheck={false}
          onChange={(event) => {
            setFile(event.currentTarget.value);
            preview.reset();
          }}
        />
        <button type="button" className="button" disabled={file.trim() === '' || preview.isPending} onClick={() => preview.mutate({ profileId: view.profileId, kind, path: file.trim() })}>
          Preview the change
        </button>
      </div>
      {preview.error !== null && <ErrorPanel error={preview.error} compact />}
      {preview.data !== undefined && (
        <div className="rotation-local__preview">
          <p className="field__help">
            {preview.data.displayPath}: {preview.data.fields.join(', ')}. The file is backed up first and written atomically; a rollback puts it back.
          </p>
          <DiffView lines={preview.data.diff} label={`Change to ${preview.data.displayPath}`} />
          {apply.error !== null && <ErrorPanel error={apply.error} compact />}
          <div className="form-actions form-actions--start">
            <button
              type="button"
              className="button button--primary"
              disabled={apply.isPending}
              onClick={() => apply.mutate({ profileId: view.profileId, kind, path: preview.data.path, sha256: preview.data.sha256 }, { onSuccess: () => preview.reset() })}
            >
              Apply this change
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
