import { useId, useState, type FormEvent } from 'react';
import type { Environment, ProfileView } from '../../../../electron/contract';
import { Modal } from '../../../ui/modal';
import { useKeyStoring } from '../../keys/api/use-key-storing';
import { GeneratedKeyOnce } from '../../keys/components/generated-key-once';
import { KeyChoice, useKeyChoice } from '../../keys/components/key-choice';
import { KeyPanel } from '../../keys/components/key-panel';
import { KeySavedNotice, needsAttention } from '../../keys/components/key-saved-notice';
import { useBaseUrlCheck } from '../api/check-base-url';
import { useCreateProfile, useUpdateProfile, type ProfilePatch } from '../api/profile-mutations';
import { BaseUrlField } from './base-url-field';
import { EnvironmentPicker } from './environment-picker';
import { FormError } from './form-error';
import '../../../ui/form.css';
import './servers.css';

interface ProfileFields {
  readonly name: string;
  readonly baseUrl: string;
  readonly environment: Environment;
  readonly customEnvironment: string;
  readonly notes: string;
}

function fieldsOf(profile: ProfileView | null): ProfileFields {
  return {
    name: profile?.name ?? '',
    baseUrl: profile?.baseUrl ?? '',
    environment: profile?.environment ?? 'development',
    customEnvironment: profile?.customEnvironment ?? '',
    notes: profile?.notes ?? '',
  };
}

interface FieldErrors {
  readonly name?: string;
  readonly customEnvironment?: string;
  readonly baseUrl?: string;
}

function localErrors(fields: ProfileFields): FieldErrors {
  return {
    ...(fields.name.trim() === '' ? { name: 'Enter a name for this server.' } : {}),
    ...(fields.environment === 'custom' && fields.customEnvironment.trim() === '' ? { customEnvironment: 'Name the custom environment.' } : {}),
    ...(fields.baseUrl.trim() === '' ? { baseUrl: 'Enter the server’s address.' } : {}),
  };
}

function ProfileFormFields({
  fields,
  onChange,
  errors,
  disabled,
}: {
  readonly fields: ProfileFields;
  readonly onChange: (change: Partial<ProfileFields>) => void;
  readonly errors: FieldErrors | null;
  readonly disabled: boolean;
}) {
  const nameId = useId();
  const nameErrorId = useId();
  const notesId = useId();
  const urlCheck = useBaseUrlCheck(fields.baseUrl);
  return (
    <fieldset className="profile-fields" disabled={disabled}>
      <div className="field">
        <label htmlFor={nameId} className="field__label">
          Name
        </label>
        <input
          id={nameId}
          className="field__input"
          value={fields.name}
          maxLength={80}
          placeholder="e.g. Home server"
          aria-invalid={errors?.name !== undefined ? true : undefined}
          aria-describedby={errors?.name !== undefined ? nameErrorId : undefined}
          onChange={(event) => onChange({ name: event.currentTarget.value })}
          data-autofocus
        />
        {errors?.name !== undefined && (
          <p id={nameErrorId} className="field__error">
            {errors.name}
          </p>
        )}
      </div>
      <BaseUrlField value={fields.baseUrl} onChange={(baseUrl) => onChange({ baseUrl })} check={urlCheck} showEmptyError={errors?.baseUrl !== undefined} />
      <EnvironmentPicker
        environment={fields.environment}
        customLabel={fields.customEnvironment}
        onChange={(environment) => onChange({ environment })}
        onCustomLabelChange={(customEnvironment) => onChange({ customEnvironment })}
        customError={errors?.customEnvironment}
      />
      <div className="field">
        <label htmlFor={notesId} className="field__label">
          Notes <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id={notesId}
          className="field__input"
          rows={2}
          maxLength={2000}
          value={fields.notes}
          onChange={(event) => onChange({ notes: event.currentTarget.value })}
        />
      </div>
    </fieldset>
  );
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

interface AddServerDialogProps {
  readonly onClose: () => void;
  /** Called when the dialog closes having added a server, so it can be selected. */
  readonly onAdded: (profileId: string) => void;
}

/** Adds a server: its fields, then its key (pasted, generated or imported) in one go. */
export function AddServerDialog({ onClose, onAdded }: AddServerDialogProps) {
  const [fields, setFields] = useState<ProfileFields>(fieldsOf(null));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [created, setCreated] = useState<ProfileView | null>(null);
  const [step, setStep] = useState<'form' | 'generated' | 'saved'>('form');
  const create = useCreateProfile();
  const choice = useKeyChoice('paste');
  const storing = useKeyStoring();

  const close = () => {
    storing.finish();
    if (created !== null) onAdded(created.id);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const found = localErrors(fields);
    setErrors(found);
    if (hasErrors(found) || choice.blocker !== null) return;

    let profile = created;
    if (profile === null) {
      try {
        profile = await create.mutateAsync({
          name: fields.name,
          baseUrl: fields.baseUrl,
          environment: fields.environment,
          ...(fields.environment === 'custom' ? { customEnvironment: fields.customEnvironment } : {}),
          ...(fields.notes.trim() !== '' ? { notes: fields.notes } : {}),
        });
      } catch {
        return;
      }
      setCreated(profile);
    }
    const toStore = choice.toStore();
    if (toStore === null) {
      onAdded(profile.id);
      onClose();
      return;
    }
    try {
      const result = await storing.store(profile.id, toStore);
      if (toStore.kind === 'generate') setStep('generated');
      else if (needsAttention(result)) setStep('saved');
      else {
        onAdded(profile.id);
        onClose();
      }
    } catch {
      // The server exists now; the key error is shown and the user can retry or close.
    }
  };

  const busy = create.isPending || storing.isPending;
  return (
    <Modal title={created === null ? 'Add server' : `Add server: ${created.name}`} onClose={busy ? undefined : close} wide>
      {step === 'generated' && storing.generatedKey !== null && (
        <GeneratedKeyOnce generatedKey={storing.generatedKey} stored={storing.outcome?.profile.key ?? null} onDone={close} doneLabel="Done — I have saved the key" />
      )}
      {step === 'saved' && storing.outcome !== null && (
        <div className="server-dialog__saved">
          <KeySavedNotice result={storing.outcome} />
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={close} data-autofocus>
              Done
            </button>
          </div>
        </div>
      )}
      {step === 'form' && (
        <form className="server-dialog" onSubmit={(event) => void submit(event)} noValidate aria-label="Server">
          {created !== null && (
            <p className="server-dialog__partial" role="status">
              “{created.name}” was added; its key is not stored yet. Try again, choose another way, or close and add the
              key later.
            </p>
          )}
          <ProfileFormFields fields={fields} onChange={(change) => setFields((current) => ({ ...current, ...change }))} errors={errors} disabled={created !== null || busy} />
          {create.error !== null && <FormError error={create.error} />}
          <KeyChoice state={choice} allowLater />
          {storing.error !== null && <FormError error={storing.error} />}
          {attempted && choice.blocker !== null && <p className="field__error">{choice.blocker}</p>}
          <div className="form-actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              {created === null ? 'Cancel' : 'Close'}
            </button>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : created === null ? 'Add server' : 'Store key'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

interface EditServerDialogProps {
  readonly profile: ProfileView;
  readonly onClose: () => void;
}

/** A server's settings and, apart from them, its key panel. */
export function EditServerDialog({ profile, onClose }: EditServerDialogProps) {
  const [fields, setFields] = useState<ProfileFields>(fieldsOf(profile));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const update = useUpdateProfile();
  const original = fieldsOf(profile);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = localErrors(fields);
    setErrors(found);
    if (hasErrors(found)) return;
    const patch = patchFor(original, fields);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate({ profileId: profile.id, patch }, { onSuccess: onClose });
  };

  return (
    <Modal title={`Server: ${profile.name}`} onClose={update.isPending ? undefined : onClose} wide>
      <form className="server-dialog" onSubmit={submit} noValidate aria-label="Server settings">
        <ProfileFormFields fields={fields} onChange={(change) => setFields((current) => ({ ...current, ...change }))} errors={errors} disabled={update.isPending} />
        {update.error !== null && <FormError error={update.error} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={update.isPending}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <KeyPanel profile={profile} />
    </Modal>
  );
}

function patchFor(before: ProfileFields, after: ProfileFields): ProfilePatch {
  const patch: { -readonly [K in keyof ProfilePatch]: ProfilePatch[K] } = {};
  if (after.name !== before.name) patch.name = after.name;
  if (after.baseUrl.trim() !== before.baseUrl) patch.baseUrl = after.baseUrl;
  if (after.environment !== before.environment) patch.environment = after.environment;
  if (after.environment === 'custom' && (after.customEnvironment !== before.customEnvironment || after.environment !== before.environment)) {
    patch.customEnvironment = after.customEnvironment;
  } else if (after.environment !== 'custom' && before.customEnvironment !== '') {
    patch.customEnvironment = null;
  }
  if (after.notes !== before.notes) patch.notes = after.notes.trim() === '' ? null : after.notes;
  return patch;
}
