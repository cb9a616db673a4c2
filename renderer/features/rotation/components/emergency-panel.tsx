import { useId, useState } from 'react';
import type { RotationView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useLeakScan, useRotationStep } from '../api/rotation-mutations';

/** The guide's emergency checklist (recorded in the audit log) and a search for copies of the old key. */
export function EmergencyPanel({ view }: { readonly view: RotationView }) {
  const tick = useRotationStep('rotation.checklist');
  const scan = useLeakScan();
  const [folders, setFolders] = useState('');
  const foldersId = useId();
  const list = folders
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <section className="rotation-emergency" aria-labelledby={`${foldersId}-title`} data-testid="emergency-panel">
      <h3 id={`${foldersId}-title`} className="rotation-step__title">
        Emergency checklist
      </h3>
      <ul className="rotation-checklist">
        {view.checklist.map((entry) => (
          <li key={entry.item}>
            <label>
              <input
                type="checkbox"
                // Ticked at once while the privileged side records it in the audit log.
                checked={tick.isPending && tick.variables.item === entry.item ? tick.variables.done : entry.doneAt !== null}
                disabled={tick.isPending}
                onChange={(event) => tick.mutate({ profileId: view.profileId, item: entry.item, done: event.currentTarget.checked })}
              />{' '}
              {entry.label}
            </label>
          </li>
        ))}
      </ul>
      {tick.error !== null && <ErrorPanel error={tick.error} compact />}
      <h4 className="rotation-local__title">Search for copies of the old key</h4>
      <label htmlFor={foldersId} className="field__label">
        Folders to search (one per line)
      </label>
      <textarea id={foldersId} className="field__input field__input--mono" rows={2} value={folders} spellCheck={false} onChange={(event) => setFolders(event.currentTarget.value)} />
      <p className="field__help">Links are not followed; dependency folders (node_modules, .git) are skipped. Possible until the commit, which deletes the old key.</p>
      <div className="form-actions form-actions--start">
        <button type="button" className="button" disabled={list.length === 0 || scan.isPending} onClick={() => scan.mutate({ profileId: view.profileId, folders: list })}>
          {scan.isPending ? 'Searching…' : 'Search for the old key'}
        </button>
      </div>
      {scan.error !== null && <ErrorPanel error={scan.error} compact />}
      {scan.data !== undefined && (
        <div data-testid="leak-results">
          <p role="status">
            {scan.data.findings.length === 0 ? 'The old key was not found' : `The old key was found ${scan.data.findings.length} time${scan.data.findings.length === 1 ? '' : 's'}`} in{' '}
            {scan.data.filesScanned} file{scan.data.filesScanned === 1 ? '' : 's'} searched{scan.data.truncated ? ' (stopped early at the limits)' : ''}.
          </p>
          {scan.data.findings.length > 0 && (
            <table className="rotation-leaks">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Line</th>
                  <th scope="col">Where</th>
                </tr>
              </thead>
              <tbody>
                {scan.data.findings.map((finding) => (
                  <tr key={`${finding.path}:${finding.line}:${finding.column}`} data-testid="leak-finding">
                    <td>
                      <code>{finding.displayPath}</code>
                    </td>
                    <td>
                      {finding.line}:{finding.column}
                    </td>
                    <td>
                      <code>{finding.excerpt ?? '(binary file)'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {scan.data.skipped.length > 0 && (
            <ul className="rotation-scan__problems" aria-label="Not searched">
              {scan.data.skipped.map((skip) => (
                <li key={skip.path}>
                  <code>{skip.displayPath}</code>: {skip.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view.leakScans.length > 0 && <p className="field__help">{view.leakScans.length} search(es) recorded in the audit log.</p>}
    </section>
  );
}
