import { useEffect, useRef } from 'react';
import type { RotationView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useRotationStep } from '../api/rotation-mutations';
import { verdictWords } from '../rotation-words';

/** Step 5: the rotation is not done until the server refuses the old key. */
export function StepOldKey({ view }: { readonly view: RotationView }) {
  const check = useRotationStep('rotation.checkOldKey');
  const { mutate } = check;
  const asked = useRef(false);
  // Checked at once on arrival: after a restart swap the old key is usually dead already.
  useEffect(() => {
    if (asked.current || view.oldKeyCheck !== null) return;
    asked.current = true;
    mutate({ profileId: view.profileId });
  }, [mutate, view.oldKeyCheck, view.profileId]);
  const last = view.oldKeyCheck;
  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        5. Retire the old key
      </h3>
      <p>
        The old key <code>{view.activeKey?.fingerprint}</code> must be refused by the server (401) before the rotation is committed.
        {view.overlap && ' The server accepted both keys: remove the old one now (for example MCP_API_KEYS=<new key> only) and reload or restart the gateway.'}
      </p>
      {check.isPending && <p role="status">Checking the old key…</p>}
      {last !== null && !check.isPending && (
        <p className={last.verdict === 'accepted' ? 'rotation-warning' : 'rotation-note'} role="status" data-testid="old-key-result">
          Old key: {verdictWords[last.verdict]}. {last.verdict === 'accepted' ? 'The server still accepts it: remove it from the server, then check again.' : last.message}
        </p>
      )}
      {check.error !== null && <ErrorPanel error={check.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={check.isPending} onClick={() => check.mutate({ profileId: view.profileId })}>
          Check the old key again
        </button>
      </div>
    </>
  );
}
