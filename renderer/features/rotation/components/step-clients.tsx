import { useId, useState } from 'react';
import type { ClientScan, RotationView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useRotationStep, useScanClients } from '../api/rotation-mutations';
import { formatLabels } from '../rotation-words';
import { ChangedFiles } from './changed-files';
import { DiffView } from './diff-view';

/** Step 4: clients holding the old key (found by it, shown by fingerprint) get the new one. */
export function StepClients({ view }: { readonly view: RotationView }) {
  const [extra, setExtra] = useState('');
  const scan = useScanClients();
  const update = useRotationStep('rotation.updateClients');
  const done = useRotationStep('rotation.clientsDone');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const extraId = useId();
  const extraPaths = extra
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const result: ClientScan | undefined = scan.data;
  const chosen = result?.files.filter((file) => !unchecked.has(file.path)) ?? [];
  const error = scan.error ?? update.error ?? done.error;

  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        4. Update clients
      </h3>
      {view.overlap ? (
        <p className="rotation-good" role="note" data-testid="overlap-note">
          The server accepts both the old and the new key: clients can move to the new key without downtime.
        </p>
      ) : (
        <p className="rotation-warning" role="note">
          The server accepts the new key and no longer the old one (restart swap): clients still using the old key fail until they are updated — this console
          too, until the rotation is committed.
        </p>
      )}
      {view.overlap && view.mode === 'emergency' && (
        <p className="rotation-warning" role="alert">
          Emergency: the compromised key still works on the server. Update only the clients you must, then remove the old key from the server at once (step 5).
        </p>
      )}
      <p>
        The console looks for the old key <code>{view.activeKey?.fingerprint}</code> in Claude Desktop’s <code>claude_desktop_config.json</code> and in{' '}
        <code>~/.claude/hooks/config.json</code>, and in any files or folders you add.
      </p>
      <label htmlFor={extraId} className="field__label">
        More files or folders <span className="field__optional">(one per line, optional)</span>
      </label>
      <textarea id={extraId} className="field__input field__input--mono" rows={2} value={extra} spellCheck={false} onChange={(event) => setExtra(event.currentTarget.value)} />
      <div className="form-actions form-actions--start">
        <button type="button" className="button" disabled={scan.isPending} onClick={() => scan.mutate({ profileId: view.profileId, extraPaths }, { onSuccess: () => setUnchecked(new Set()) })}>
          {scan.isPending ? 'Looking…' : 'Look for the old key'}
        </button>
      </div>
      {result !== undefined && (
        <div className="rotation-scan" data-testid="client-scan">
          {result.files.length === 0 ? (
            <p role="status">The old key was not found in {result.searched.join(', ')}.</p>
          ) : (
            <ul className="rotation-scan__files">
              {result.files.map((file) => (
                <li key={file.path} className="rotation-scan__file" data-testid="client-file">
                  <label className="rotation-scan__choice">
                    <input
                      type="checkbox"
                      checked={!unchecked.has(file.path)}
                      onChange={(event) => {
                        const checked = event.currentTarget.checked;
                        setUnchecked((current) => {
                          const next = new Set(current);
                          if (checked) next.delete(file.path);
                          else next.add(file.path);
                          return next;
                        });
                      }}
                    />
                    <code>{file.displayPath}</code> — {formatLabels[file.format]}: {file.fields.join(', ')}
                  </label>
                  <DiffView lines={file.diff} label={`Change to ${file.displayPath}`} />
                </li>
              ))}
            </ul>
          )}
          {result.problems.length > 0 && (
            <ul className="rotation-scan__problems" aria-label="Files that were not changed">
              {result.problems.map((problem) => (
                <li key={problem.path}>
                  <code>{problem.displayPath}</code>: {problem.message}
                </li>
              ))}
            </ul>
          )}
          {chosen.length > 0 && (
            <div className="form-actions form-actions--start">
              <button
                type="button"
                className="button button--primary"
                disabled={update.isPending}
                onClick={() => update.mutate({ profileId: view.profileId, files: chosen.map((file) => ({ path: file.path, sha256: file.sha256 })) }, { onSuccess: () => scan.reset() })}
              >
                Update {chosen.length} file{chosen.length === 1 ? '' : 's'} (backups kept)
              </button>
            </div>
          )}
        </div>
      )}
      <ChangedFiles changes={view.clientChanges} label="Client files changed" />
      {error !== null && <ErrorPanel error={error} compact />}
      <div className="form-actions">
        <button type="button" className="button" disabled={done.isPending} onClick={() => done.mutate({ profileId: view.profileId, skipped: true })}>
          Skip — I will update clients myself
        </button>
        <button type="button" className="button button--primary" disabled={done.isPending} onClick={() => done.mutate({ profileId: view.profileId, skipped: false })}>
          Clients are updated — continue
        </button>
      </div>
    </>
  );
}
