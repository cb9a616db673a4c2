import type { RotationView } from '../../../../electron/contract';
import type { useStoreNewKey } from '../api/rotation-mutations';
import { NewKeyForm } from './new-key-form';

/** Step 1: the new key goes into the keychain as pending, beside the active key, which is not touched. */
export function StepNewKey({ view, store }: { readonly view: RotationView; readonly store: ReturnType<typeof useStoreNewKey> }) {
  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        1. New key
      </h3>
      <p>
        Make the new key. It is stored in the OS keychain as <em>pending</em>; the current key {view.activeKey && <code>{view.activeKey.fingerprint}</code>} stays the
        server’s key until the last step.
      </p>
      {view.newKey !== null && (
        <p className="rotation-note">
          A new key <code>{view.newKey.fingerprint}</code> is already stored; storing another one replaces it.
        </p>
      )}
      <NewKeyForm profileId={view.profileId} store={store} submitLabel="Store the new key" />
    </>
  );
}
