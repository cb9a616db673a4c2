import { useState } from 'react';
import type { Environment, RotationSchedule } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useReminders } from '../api/get-rotation';
import { useSetSchedule } from '../api/rotation-mutations';

const environmentOrder: readonly Environment[] = ['development', 'staging', 'production', 'custom'];

/** Days between rotations per environment (empty: no schedule). The guide's defaults: none, 30, 90. */
export function ScheduleSettings() {
  const reminders = useReminders();
  const schedule = reminders.data?.schedule;
  return (
    <details className="rotation-schedule">
      <summary>Rotation schedule</summary>
      {schedule === undefined ? <p className="field__help">{reminders.isError ? 'The schedule could not be loaded.' : 'Loading…'}</p> : <ScheduleForm key={JSON.stringify(schedule)} schedule={schedule} />}
    </details>
  );
}

function ScheduleForm({ schedule }: { readonly schedule: RotationSchedule }) {
  const save = useSetSchedule();
  const [draft, setDraft] = useState<Record<Environment, string>>(() => Object.fromEntries(environmentOrder.map((env) => [env, schedule[env] === null ? '' : String(schedule[env])])) as Record<Environment, string>);
  const parsed = Object.fromEntries(environmentOrder.map((env) => [env, draft[env].trim() === '' ? null : Number(draft[env])])) as Record<Environment, number | null>;
  const invalid = environmentOrder.some((env) => parsed[env] !== null && (!Number.isInteger(parsed[env]) || parsed[env]! < 1 || parsed[env]! > 3650));
  return (
    <form
      className="rotation-schedule__form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid) save.mutate({ schedule: parsed });
      }}
    >
      <p className="field__help">Days between rotations; leave empty for “as needed”. The guide recommends staging monthly and production quarterly.</p>
      <div className="rotation-schedule__fields">
        {environmentOrder.map((env) => (
          <label key={env} className="rotation-schedule__field">
            <span>{env}</span>
            <input
              className="field__input"
              inputMode="numeric"
              value={draft[env]}
              onChange={(event) => setDraft((current) => ({ ...current, [env]: event.currentTarget.value }))}
              aria-label={`Days between rotations in ${env}`}
            />
          </label>
        ))}
      </div>
      {invalid && <p className="field__error">Use whole days from 1 to 3650, or leave the field empty.</p>}
      {save.error !== null && <ErrorPanel error={save.error} compact />}
      {save.isSuccess && <p role="status">Schedule saved.</p>}
      <div className="form-actions form-actions--start">
        <button type="submit" className="button" disabled={invalid || save.isPending}>
          Save schedule
        </button>
      </div>
    </form>
  );
}
