import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { useNow } from '../../../lib/use-now';
import { RotationReminderNote } from '../../rotation/components/rotation-badge';
import { ErrorPanel } from '../../../ui/error-panel';
import { useDuplicateKeys } from '../api/get-duplicate-keys';
import { useRemoveKey, useRevealKey } from '../api/key-mutations';
import { useKeyStoring } from '../api/use-key-storing';
import { copyText, selectAll } from '../copy-text';
import { formatAge } from '../format-age';
import { keySourceLabels } from '../key-formats';
import { DuplicateKeyWarnings } from './duplicate-key-warnings';
import { GeneratedKeyOnce } from './generated-key-once';
import { KeyChoice, useKeyChoice } from './key-choice';
import { KeySavedNotice } from './key-saved-notice';
import { SessionOnlyMarker } from './session-only-marker';
import '../../../ui/form.css';
import './keys.css';

type PanelMode = 'view' | 'replace' | 'confirm-remove';

/** A profile's key as the renderer may know it (fingerprint, source, age), and what can be done with it. */
export function KeyPanel({ profile }: { readonly profile: ProfileView }) {
  const [mode, setMode] = useState<PanelMode>('view');
  const storing = useKeyStoring();
  const headingId = useId();
  const duplicates = (useDuplicateKeys().data?.groups ?? []).filter((group) => group.profileIds.includes(profile.id));

  if (storing.generatedKey !== null) {
    return (
      <section className="key-panel" aria-labelledby={headingId}>
        <h3 id={headingId} className="key-panel__heading">
          API key
        </h3>
        <GeneratedKeyOnce generatedKey={storing.generatedKey} stored={storing.outcome?.profile.key ?? null} onDone={storing.finish} />
      </section>
    );
  }

  return (
    <section className="key-panel" aria-labelledby={headingId} data-testid="key-panel">
      <h3 id={headingId} className="key-panel__heading">
        API key
      </h3>
      {mode === 'replace' ? (
        <ReplaceKey
          profile={profile}
          storing={storing}
          onDone={() => setMode('view')}
        />
      ) : (
        <>
          {storing.outcome !== null && <KeySavedNotice result={storing.outcome} />}
          <KeyFacts profile={profile} />
          {profile.key !== null && <RotationReminderNote profileId={profile.id} />}
          <DuplicateKeyWarnings groups={duplicates} compact />
          {mode === 'confirm-remove' ? (
            <ConfirmRemove profile={profile} onDone={() => setMode('view')} />
          ) : (
            <KeyActions profile={profile} onReplace={() => { storing.finish(); setMode('replace'); }} onRemove={() => setMode('confirm-remove')} />
          )}
        </>
      )}
    </section>
  );
}

function KeyFacts({ profile }: { readonly profile: ProfileView }) {
  const now = useNow();
  const key = profile.key;
  if (key === null) {
    return (
      <p className="key-panel__none">
        No API key stored. Requests go without one, which works only if the server allows anonymous access.
      </p>
    );
  }
  return (
    <dl className="key-facts">
      <dt>Key</dt>
      <dd>
        <code data-testid="key-prefix">{key.prefix}</code> <code data-testid="key-fingerprint">{key.fingerprint}</code>
        {key.sessionOnly && (
          <>
            {' '}
            <SessionOnlyMarker />
          </>
        )}
      </dd>
      <dt>Source</dt>
      <dd>
        {keySourceLabels[key.source]}
        {key.importedFrom !== undefined && (
          <>
            {' from '}
            <code>{key.importedFrom}</code>
          </>
        )}
      </dd>
      <dt>Added</dt>
      <dd>
        <time dateTime={key.addedAt} title={key.addedAt}>
          {formatAge(key.addedAt, now)}
        </time>
      </dd>
      {key.rotatedAt !== undefined && (
        <>
          <dt>Replaced</dt>
          <dd>
            <time dateTime={key.rotatedAt} title={key.rotatedAt}>
              {formatAge(key.rotatedAt, now)}
            </time>
            {key.rotatedFrom !== undefined && (
              <>
                {' '}
                by a key rotation, from <code>{key.rotatedFrom}</code>
              </>
            )}
          </dd>
        </>
      )}
      <dt>Stored in</dt>
      <dd>{key.sessionOnly ? 'Memory only, until the console exits (the OS keychain is unavailable)' : 'The OS keychain'}</dd>
    </dl>
  );
}

function KeyActions({ profile, onReplace, onRemove }: { readonly profile: ProfileView; readonly onReplace: () => void; readonly onRemove: () => void }) {
  const shown = useRevealKey();
  const forCopy = useRevealKey();
  const [copyStatus, setCopyStatus] = useState<'idle' | 'copied' | 'select-instead'>('idle');
  const revealedField = useRef<HTMLInputElement>(null);
  const revealedId = useId();
  const revealed = shown.data ?? null;

  if (profile.key === null) {
    return (
      <div className="form-actions form-actions--start">
        <button type="button" className="button" onClick={onReplace}>
          Add a key…
        </button>
      </div>
    );
  }

  const onCopy = async () => {
    setCopyStatus('idle');
    let outcome: 'copied' | 'select-instead';
    try {
      const key = await forCopy.mutateAsync(profile.id);
      outcome = await copyText(key);
    } catch {
      return;
    } finally {
      forCopy.reset();
    }
    setCopyStatus(outcome);
    if (outcome === 'select-instead') {
      // Shown and selected, for the user to copy by hand; selected once the field has rendered.
      shown.mutate(profile.id, { onSuccess: () => requestAnimationFrame(() => selectAll(revealedField.current)) });
    }
  };

  const error = shown.error ?? forCopy.error;
  return (
    <>
      <div className="form-actions form-actions--start" role="group" aria-label="Key actions">
        <button type="button" className="button" onClick={onReplace}>
          Replace…
        </button>
        {revealed === null ? (
          <button type="button" className="button" onClick={() => shown.mutate(profile.id)} disabled={shown.isPending}>
            Reveal
          </button>
        ) : (
          <button type="button" className="button" onClick={() => shown.reset()}>
            Hide
          </button>
        )}
        <button type="button" className="button" onClick={() => void onCopy()} disabled={forCopy.isPending}>
          Copy
        </button>
        <button type="button" className="button button--danger" onClick={onRemove}>
          Remove…
        </button>
      </div>
      <p className="key-panel__status" role="status">
        {copyStatus === 'copied' && 'Key copied to the clipboard.'}
        {copyStatus === 'select-instead' && 'The clipboard is not available here: the key is shown and selected; press Ctrl+C (⌘C).'}
      </p>
      {revealed !== null && (
        <div className="key-revealed">
          <label htmlFor={revealedId} className="field__label">
            Stored key (shown because you asked)
          </label>
          <input
            ref={revealedField}
            id={revealedId}
            className="field__input field__input--mono"
            readOnly
            value={revealed}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      )}
      {error !== null && <ErrorPanel error={error} compact />}
    </>
  );
}

function ConfirmRemove({ profile, onDone }: { readonly profile: ProfileView; readonly onDone: () => void }) {
  const remove = useRemoveKey();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-label="Confirm removing the key">
      <p>
        Remove this key from {profile.key?.sessionOnly ? 'the console’s memory' : 'the OS keychain'}? Requests to “
        {profile.name}” then go without a key until you add another. The server itself is not changed.
      </p>
      {remove.error !== null && <ErrorPanel error={remove.error} compact />}
      <div className="form-actions form-actions--start">
        <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate(profile.id, { onSuccess: onDone })}>
          Remove key
        </button>
        <button ref={cancel} type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ReplaceKey({
  profile,
  storing,
  onDone,
}: {
  readonly profile: ProfileView;
  readonly storing: ReturnType<typeof useKeyStoring>;
  readonly onDone: () => void;
}) {
  const choice = useKeyChoice('paste');
  const save = async () => {
    const toStore = choice.toStore();
    if (toStore === null || choice.blocker !== null) return;
    try {
      await storing.store(profile.id, toStore);
      onDone();
    } catch {
      // Shown from storing.error below.
    }
  };
  return (
    <div className="key-replace">
      <KeyChoice state={choice} allowLater={false} legend={profile.key === null ? 'Add a key' : 'Replace the key'} />
      {storing.error !== null && <ErrorPanel error={storing.error} compact />}
      {choice.blocker !== null && choice.draft.pasted !== '' && <p className="field__help">{choice.blocker}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={choice.blocker !== null || storing.isPending} onClick={() => void save()}>
          {storing.isPending ? 'Storing…' : 'Store key'}
        </button>
      </div>
    </div>
  );
}
