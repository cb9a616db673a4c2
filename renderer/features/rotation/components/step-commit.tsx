import type { RotationView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import type { useCommitRotation } from '../api/rotation-mutations';
import { ChangedFiles } from './changed-files';

/** Step 6: pending becomes active, the old key leaves the keychain. */
export function StepCommit({ view, commit }: { readonly view: RotationView; readonly commit: ReturnType<typeof useCommitRotation> }) {
  const open = view.checklist.filter((entry) => entry.doneAt === null);
  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        6. Commit
      </h3>
      <p role="status" data-testid="old-key-result">
        The server refuses the old key <code>{view.activeKey?.fingerprint}</code> and accepts the new key <code>{view.newKey?.fingerprint}</code>.
      </p>
      <p>Committing makes the new key the server’s key in the keychain, deletes the old one, and records the rotation in the profile and the audit log. Both keys are checked once more first.</p>
      <ChangedFiles changes={[...view.serverChanges, ...view.clientChanges]} label="Files changed by this rotation" />
      {view.clientsSkipped && <p className="rotation-warning">Clients were not updated here: make sure none still uses the old key.</p>}
      {open.length > 0 && <p className="rotation-warning">Emergency checklist: {open.length} item{open.length === 1 ? '' : 's'} not ticked yet (see below).</p>}
      {commit.error !== null && <ErrorPanel error={commit.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={commit.isPending} onClick={() => commit.mutate(view.profileId)}>
          {commit.isPending ? 'Committing…' : 'Commit the rotation'}
        </button>
      </div>
    </>
  );
}
