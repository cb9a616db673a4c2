import { useState } from 'react';
import type { RotationView } from '../../../../electron/contract';
import { isConsoleApiError } from '../../../bridge';
import { ErrorPanel } from '../../../ui/error-panel';
import type { useRollbackRotation } from '../api/rotation-mutations';

/**
 * Rollback at any step before commit: the changed files are restored, the new key is deleted; the
 * active key was never touched. Refused (with the reason) while the server may accept only the
 * new key, unless the user insists.
 */
export function RollbackPanel({ view, rollback }: { readonly view: RotationView; readonly rollback: ReturnType<typeof useRollbackRotation> }) {
  const [confirming, setConfirming] = useState(false);
  const refused = isConsoleApiError(rollback.error) && rollback.error.code === 'conflict' ? rollback.error : null;
  const files = view.serverChanges.length + view.clientChanges.length;
  const run = (force: boolean) => rollback.mutate({ profileId: view.profileId, force });
  if (!confirming) {
    return (
      <div className="rotation-footer">
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Roll back…
        </button>
        <span className="field__help">Closing this window keeps the rotation; it continues where it stopped.</span>
      </div>
    );
  }
  return (
    <div className="rotation-rollback" role="group" aria-label="Confirm the rollback">
      <p>
        Roll back this rotation? {files > 0 ? `The ${files} file${files === 1 ? '' : 's'} the console changed will be restored from the backups, and t` : 'T'}he new key{' '}
        {view.newKey && <code>{view.newKey.fingerprint}</code>} will be deleted from the keychain. The current key stays in use.
      </p>
      {refused !== null ? (
        <div className="rotation-warning" role="alert">
          <p>{refused.message}</p>
          {refused.detail !== undefined && <p>{refused.detail}</p>}
        </div>
      ) : (
        rollback.error !== null && <ErrorPanel error={rollback.error} compact />
      )}
      <div className="form-actions form-actions--start">
        {refused === null ? (
          <button type="button" className="button button--danger" disabled={rollback.isPending} onClick={() => run(false)}>
            Roll back
          </button>
        ) : (
          <button type="button" className="button button--danger" disabled={rollback.isPending} onClick={() => run(true)}>
            Roll back anyway
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => {
            rollback.reset();
            setConfirming(false);
          }}
        >
          Keep the rotation
        </button>
      </div>
    </div>
  );
}
