import { useId, useState } from 'react';
import type { ProfileView, RotationMode } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useReminder } from '../api/get-rotation';
import { useRotationStep } from '../api/rotation-mutations';
import { reminderSentence } from '../rotation-words';
import { ScheduleSettings } from './schedule-settings';

/** Before a rotation exists: why rotate now, scheduled or emergency, and the schedule itself. */
export function StartRotation({ profile }: { readonly profile: ProfileView }) {
  const [mode, setMode] = useState<RotationMode>('scheduled');
  const start = useRotationStep('rotation.start');
  const reminder = useReminder(profile.id);
  const sentence = reminderSentence(reminder);
  const name = useId();
  return (
    <section className="rotation-start" aria-labelledby="rotation-step-title">
      <h3 id="rotation-step-title" className="rotation-step__title">
        Rotate the key of “{profile.name}”
      </h3>
      <p>
        The current key {profile.key && <code>{profile.key.fingerprint}</code>} stays in use until the new one is proven to work and the old one is proven dead. Every
        step is saved: you can close this window, or even the console, and continue later. Until the last step you can roll back.
      </p>
      {sentence !== null && <p className="rotation-note">{sentence}</p>}
      <fieldset className="rotation-modes">
        <legend className="field__label">Kind of rotation</legend>
        <label className="rotation-mode">
          <input type="radio" name={name} value="scheduled" checked={mode === 'scheduled'} onChange={() => setMode('scheduled')} />
          <span>
            <strong>Scheduled</strong> — the regular rotation. If the server (or a gateway) accepts two keys, clients can move without downtime.
          </span>
        </label>
        <label className="rotation-mode">
          <input type="radio" name={name} value="emergency" checked={mode === 'emergency'} onChange={() => setMode('emergency')} />
          <span>
            <strong>Emergency</strong> — the key may be compromised: rotate immediately, then audit the access logs, notify your team, review your procedures, and
            search your folders for copies of the old key.
          </span>
        </label>
      </fieldset>
      {start.error !== null && <ErrorPanel error={start.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={start.isPending} onClick={() => start.mutate({ profileId: profile.id, mode })}>
          {start.isPending ? 'Starting…' : mode === 'emergency' ? 'Start the emergency rotation' : 'Start the rotation'}
        </button>
      </div>
      <ScheduleSettings />
    </section>
  );
}
