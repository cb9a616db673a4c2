import type { RotationView } from '../../../../electron/contract';
import { useNow } from '../../../lib/use-now';
import { ErrorPanel } from '../../../ui/error-panel';
import { useRotationStep } from '../api/rotation-mutations';
import { verdictWords } from '../rotation-words';

/** Step 3: the privileged side asks the server about the new key until it is accepted. */
export function StepVerify({ view }: { readonly view: RotationView }) {
  const verify = useRotationStep('rotation.verifyNewKey');
  const cancel = useRotationStep('rotation.cancelVerify');
  const back = useRotationStep('rotation.back');
  const now = useNow(1_000);
  const state = view.verification;
  const error = verify.error ?? cancel.error ?? back.error;
  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        3. Verify the new key
      </h3>
      <p>
        The console asks <code>{view.baseUrl}</code> (GET /api/health/detailed with the new key) every few seconds until the server accepts it. While the server
        restarts it may be unreachable for a moment; that is expected.
      </p>
      {state.state === 'polling' && (
        <div className="rotation-progress" role="status" data-testid="verify-progress">
          <progress max={Date.parse(state.deadline) - Date.parse(state.startedAt)} value={Math.max(0, Math.min(now, Date.parse(state.deadline)) - Date.parse(state.startedAt))} aria-label="Time spent checking" />
          <p>
            Checking… attempt {state.attempts}
            {state.last !== null && <>: {verdictWords[state.last]}</>}. Gives up in {Math.max(0, Math.round((Date.parse(state.deadline) - now) / 1000))} s.
          </p>
          <p className="field__help">{state.lastMessage}</p>
        </div>
      )}
      {state.state === 'timed-out' && (
        <div className="rotation-warning" role="alert">
          <p>
            The server did not accept the new key in time ({state.attempts} attempts; last: {state.last ? verdictWords[state.last] : 'no answer'}).
          </p>
          <p className="field__help">{state.lastMessage}</p>
          <p>Check that the server was restarted with the new key, then check again — or go back to step 2. The current key has not been touched.</p>
        </div>
      )}
      {state.state === 'cancelled' && <p role="status">Checking was cancelled after {state.attempts} attempts.</p>}
      {state.state === 'idle' && <p>Press “Check the new key” once the server has been restarted with it.</p>}
      {error !== null && <ErrorPanel error={error} compact />}
      <div className="form-actions">
        <button type="button" className="button" disabled={back.isPending} onClick={() => back.mutate({ profileId: view.profileId })}>
          Back to step 2
        </button>
        {state.state === 'polling' ? (
          <button type="button" className="button" disabled={cancel.isPending} onClick={() => cancel.mutate({ profileId: view.profileId })}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={verify.isPending} onClick={() => verify.mutate({ profileId: view.profileId })}>
            Check the new key
          </button>
        )}
      </div>
    </>
  );
}
