import { lazy, Suspense, useEffect, useState } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { useReminder } from '../api/get-rotation';

// Its own chunk: the wizard is the largest screen of the console and most sessions never open it.
const RotationWizard = lazy(() => import('./rotation-wizard').then((module) => ({ default: module.RotationWizard })));

// A rotation found in progress opens its wizard once per session, so a console reopened after a
// crash shows where it stopped without anyone having to remember.
const resumedThisSession = new Set<string>();

/** The entry point beside a selected server: "Rotate key…", or "Continue rotation…" when one is under way. */
export function RotateKeyButton({ profile }: { readonly profile: ProfileView }) {
  const reminder = useReminder(profile.id);
  const inProgress = reminder?.rotation ?? null;
  const [open, setOpen] = useState(false);
  const [resumeChecked, setResumeChecked] = useState(false);
  if (inProgress !== null && !resumeChecked) {
    setResumeChecked(true);
    if (!resumedThisSession.has(profile.id)) setOpen(true);
  }
  useEffect(() => {
    if (open) resumedThisSession.add(profile.id);
  }, [open, profile.id]);
  if (profile.key === null && inProgress === null) return null;
  return (
    <>
      <button
        type="button"
        className="icon-button"
        onClick={() => setOpen(true)}
        aria-label={inProgress ? `Continue the key rotation of ${profile.name}` : `Rotate the key of ${profile.name}`}
        title={inProgress ? `Continue the key rotation (step ${inProgress.stepNumber} of 6)` : 'Rotate the API key'}
      >
        {inProgress ? 'Continue rotation' : 'Rotate key'}
      </button>
      {open && (
        <Suspense fallback={null}>
          <RotationWizard profile={profile} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
