import type { CommitResult, ProfileView, RotationView } from '../../../../electron/contract';
import { assertNever } from '../../../lib/assert-never';
import { ErrorPanel } from '../../../ui/error-panel';
import { Modal } from '../../../ui/modal';
import { StatusMessage } from '../../../ui/status-message';
import { GeneratedKeyOnce } from '../../keys/components/generated-key-once';
import { useRotation } from '../api/get-rotation';
import { useCommitRotation, useRollbackRotation, useStoreNewKey } from '../api/rotation-mutations';
import { stepIndex, stepTitles } from '../rotation-words';
import { EmergencyPanel } from './emergency-panel';
import { RollbackPanel } from './rollback-panel';
import { StartRotation } from './start-rotation';
import { StepClients } from './step-clients';
import { StepCommit } from './step-commit';
import { StepNewKey } from './step-new-key';
import { StepOldKey } from './step-old-key';
import { StepServer } from './step-server';
import { StepVerify } from './step-verify';
import '../../../ui/form.css';
import './rotation.css';

interface RotationWizardProps {
  readonly profile: ProfileView;
  readonly onClose: () => void;
}

/**
 * The guide's rotation as six steps. Closing the wizard keeps the rotation: every step is saved by
 * the privileged side, and reopening (even after the console was killed) continues where it was.
 */
export function RotationWizard({ profile, onClose }: RotationWizardProps) {
  const rotation = useRotation(profile.id);
  const view = rotation.data ?? null;
  // Held here, not in step 1: the answer moves the rotation to step 2 while the key is still shown.
  const store = useStoreNewKey();
  const shownKey = store.data?.key ?? null;
  // The finishing moves too: their answers outlive the step that asked (the rotation is gone by then).
  const commit = useCommitRotation();
  const rollback = useRollbackRotation();
  const done = commit.data ?? null;
  const rolledBack = rollback.isSuccess;

  let body;
  if (done !== null) body = <Committed result={done} onClose={onClose} />;
  else if (rolledBack) body = <RolledBack profile={profile} onClose={onClose} />;
  else if (shownKey !== null) {
    body = (
      <GeneratedKeyOnce
        generatedKey={shownKey}
        stored={null}
        onDone={() => store.reset()}
        doneLabel="I have copied it — continue"
      />
    );
  }
  else if (rotation.isPending) body = <StatusMessage title="Loading the rotation…" busy />;
  else if (rotation.isError) body = <ErrorPanel error={rotation.error} onRetry={() => void rotation.refetch()} />;
  else if (view === null) body = <StartRotation profile={profile} />;
  else {
    body = (
      <>
        <Stepper view={view} />
        {view.mode === 'emergency' && (
          <p className="rotation-emergency-banner" role="note">
            Emergency rotation: the old key may be compromised. Go through the steps without waiting — prefer a restart swap, which kills the old key at once — and work through the checklist below.
          </p>
        )}
        {view.problems.length > 0 && (
          <ul className="rotation-problems" role="alert" aria-label="Problems with this rotation">
            {view.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <section className="rotation-step" aria-labelledby="rotation-step-title" data-testid="rotation-step" data-step={view.step}>
          <StepBody view={view} store={store} commit={commit} />
        </section>
        {view.mode === 'emergency' && <EmergencyPanel view={view} />}
        {view.step !== 'committing' && view.step !== 'rolling-back' && <RollbackPanel view={view} rollback={rollback} />}
      </>
    );
  }

  return (
    <Modal title={`Rotate the API key — ${profile.name}`} onClose={onClose} wide>
      <div className="rotation-wizard" data-testid="rotation-wizard">
        {body}
      </div>
    </Modal>
  );
}

interface StepBodyProps {
  readonly view: RotationView;
  readonly store: ReturnType<typeof useStoreNewKey>;
  readonly commit: ReturnType<typeof useCommitRotation>;
}

function StepBody({ view, store, commit }: StepBodyProps) {
  switch (view.step) {
    case 'new-key':
      return <StepNewKey view={view} store={store} />;
    case 'update-server':
      return <StepServer view={view} store={store} />;
    case 'verify':
      return <StepVerify view={view} />;
    case 'update-clients':
      return <StepClients view={view} />;
    case 'retire-old':
      return <StepOldKey view={view} />;
    case 'ready-to-commit':
      return <StepCommit view={view} commit={commit} />;
    case 'committing':
      return <StatusMessage title="Finishing the commit…" busy />;
    case 'rolling-back':
      return <StatusMessage title="Finishing the rollback…" busy />;
    default:
      return assertNever(view.step);
  }
}

function Stepper({ view }: { readonly view: RotationView }) {
  const current = stepIndex(view.step);
  return (
    <ol className="rotation-stepper" aria-label="Rotation steps">
      {stepTitles.map((title, index) => (
        <li
          key={title}
          className={`rotation-stepper__item${index < current ? ' rotation-stepper__item--done' : ''}${index === current ? ' rotation-stepper__item--current' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="rotation-stepper__number">{index + 1}</span> {title}
        </li>
      ))}
    </ol>
  );
}

function Committed({ result, onClose }: { readonly result: CommitResult; readonly onClose: () => void }) {
  return (
    <section className="rotation-done" data-testid="rotation-done" aria-labelledby="rotation-done-title">
      <h3 id="rotation-done-title">Rotation complete</h3>
      <p>
        The new key <code>{result.newFingerprint}</code> is now the server’s key in the keychain. The old key{' '}
        {result.previousFingerprint && <code>{result.previousFingerprint}</code>} was refused by the server and has been deleted from the keychain.
      </p>
      <p>The rotation date and both fingerprints are in the profile and the audit log; the backups of changed files were removed (they held only the dead key).</p>
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </section>
  );
}

function RolledBack({ profile, onClose }: { readonly profile: ProfileView; readonly onClose: () => void }) {
  return (
    <section className="rotation-done" data-testid="rotation-rolled-back" aria-labelledby="rotation-rolled-back-title">
      <h3 id="rotation-rolled-back-title">Rotation rolled back</h3>
      <p>
        The new key was deleted from the keychain and the files the console changed were restored. “{profile.name}” still uses its key{' '}
        {profile.key && <code>{profile.key.fingerprint}</code>}.
      </p>
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </section>
  );
}
