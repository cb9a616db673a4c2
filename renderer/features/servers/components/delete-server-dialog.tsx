import { useId } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { Modal } from '../../../ui/modal';
import { useDeleteProfile } from '../api/profile-mutations';
import './servers.css';

interface DeleteServerDialogProps {
  readonly profile: ProfileView;
  readonly onClose: () => void;
}

/** Deleting a server also deletes its key from the keychain, so the confirmation says so. */
export function DeleteServerDialog({ profile, onClose }: DeleteServerDialogProps) {
  const remove = useDeleteProfile();
  const descriptionId = useId();
  const keyProblem = remove.data?.keyProblem;

  if (remove.isSuccess && keyProblem !== undefined) {
    return (
      <Modal title={`“${profile.name}” was deleted`} onClose={onClose} describedBy={descriptionId}>
        <p id={descriptionId} className="confirm__warning" role="alert">
          {keyProblem}
        </p>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  const keyWords =
    profile.key === null
      ? 'It has no stored API key.'
      : profile.key.sessionOnly
        ? `Its session-only API key (${profile.key.prefix}) is discarded too.`
        : `Its API key (${profile.key.prefix} ${profile.key.fingerprint}) is removed from the OS keychain too.`;
  return (
    <Modal title={`Delete “${profile.name}”?`} onClose={remove.isPending ? undefined : onClose} describedBy={descriptionId}>
      <div id={descriptionId}>
        <p>
          The server profile is removed from this console. {keyWords} The memory server itself and its memories are not
          touched.
        </p>
        {profile.key !== null && !profile.key.sessionOnly && (
          <p className="field__help">If you have no other copy of the key, you will need it from the server’s configuration to add this server again.</p>
        )}
      </div>
      {remove.error !== null && <ErrorPanel error={remove.error} compact />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} disabled={remove.isPending} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(profile.id, {
              onSuccess: (result) => {
                if (result.keyProblem === undefined) onClose();
              },
            })
          }
        >
          {remove.isPending ? 'Deleting…' : 'Delete server and key'}
        </button>
      </div>
    </Modal>
  );
}
