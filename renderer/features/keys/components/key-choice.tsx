import { useId, useState } from 'react';
import type { KeyCandidate, KeyFormat } from '../../../../electron/contract';
import { useAppInfo } from '../../app-info/api/get-app-info';
import type { KeyToStore } from '../api/key-mutations';
import { blocksSaving, usePastedKeyCheck, type PastedKeyCheck } from '../api/use-pasted-key-check';
import { GenerateKeyField } from './generate-key-field';
import { ImportKeyField } from './import-key-field';
import { PasteKeyField } from './paste-key-field';
import '../../../ui/form.css';
import './keys.css';

export type KeyChoiceMode = 'paste' | 'generate' | 'import' | 'later';

export interface KeyChoiceDraft {
  readonly mode: KeyChoiceMode;
  /** Lives only as long as the dialog: it is the key being pasted. */
  readonly pasted: string;
  readonly format: KeyFormat;
  readonly candidate: KeyCandidate | null;
}

export interface KeyChoiceState {
  readonly draft: KeyChoiceDraft;
  readonly update: (change: Partial<KeyChoiceDraft>) => void;
  readonly pasteCheck: PastedKeyCheck;
  /** Why the choice cannot be saved yet, or null when it can. */
  readonly blocker: string | null;
  /** What to store; null for "add a key later". */
  readonly toStore: () => KeyToStore | null;
}

export function useKeyChoice(initialMode: KeyChoiceMode): KeyChoiceState {
  const [draft, setDraft] = useState<KeyChoiceDraft>({ mode: initialMode, pasted: '', format: 'base64-32', candidate: null });
  const pasteCheck = usePastedKeyCheck(draft.mode === 'paste' ? draft.pasted : '');
  return {
    draft,
    update: (change) => setDraft((current) => ({ ...current, ...change })),
    pasteCheck,
    blocker: blockerFor(draft, pasteCheck),
    toStore: () => {
      switch (draft.mode) {
        case 'paste':
          return { kind: 'paste', key: draft.pasted };
        case 'generate':
          return { kind: 'generate', format: draft.format };
        case 'import':
          return draft.candidate === null ? null : { kind: 'import', ref: draft.candidate.ref };
        case 'later':
          return null;
      }
    },
  };
}

function blockerFor(draft: KeyChoiceDraft, check: PastedKeyCheck): string | null {
  switch (draft.mode) {
    case 'paste':
      if (check.state === 'empty') return 'Paste the server’s API key, or choose another way to add one.';
      if (check.state === 'checked' && check.result.errors.length > 0) return 'This key cannot be used; see why under the key field.';
      return blocksSaving(check) ? 'Checking the key…' : null;
    case 'import':
      return draft.candidate === null ? 'Choose one of the keys found, or choose another way to add one.' : null;
    case 'generate':
    case 'later':
      return null;
  }
}

const modeLabels: Readonly<Record<KeyChoiceMode, string>> = {
  paste: 'Paste a key',
  generate: 'Generate a new key',
  import: 'Import from this machine',
  later: 'No key for now',
};

interface KeyChoiceProps {
  readonly state: KeyChoiceState;
  /** Adding a server may leave the key for later; replacing a key may not. */
  readonly allowLater: boolean;
  readonly legend?: string;
}

export function KeyChoice({ state, allowLater, legend = 'API key' }: KeyChoiceProps) {
  const { draft, update, pasteCheck } = state;
  const name = useId();
  const keychain = useAppInfo().data?.keychain;
  const modes: readonly KeyChoiceMode[] = allowLater ? ['paste', 'generate', 'import', 'later'] : ['paste', 'generate', 'import'];
  return (
    <fieldset className="key-choice">
      <legend className="key-choice__legend">{legend}</legend>
      <div className="key-choice__modes" role="radiogroup" aria-label="How to add the key">
        {modes.map((mode) => (
          <label key={mode} className="key-choice__mode">
            <input type="radio" name={name} value={mode} checked={draft.mode === mode} onChange={() => update({ mode, pasted: '' })} />
            {modeLabels[mode]}
          </label>
        ))}
      </div>
      {keychain?.state === 'unavailable' && draft.mode !== 'later' && (
        <p className="key-choice__session" role="note">
          The OS keychain is unavailable, so this key will be kept for this session only (session-only) and is gone when
          the console exits. It is never written to disk.
        </p>
      )}
      <div className="key-choice__panel">
        {draft.mode === 'paste' && <PasteKeyField check={pasteCheck} onChange={(pasted) => update({ pasted })} />}
        {draft.mode === 'generate' && <GenerateKeyField format={draft.format} onChange={(format) => update({ format })} />}
        {draft.mode === 'import' && <ImportKeyField selected={draft.candidate} onSelect={(candidate) => update({ candidate })} />}
        {draft.mode === 'later' && (
          <p className="field__help">
            Requests go without a key, which works only if the server allows anonymous access. You can add the key later
            from the server’s settings.
          </p>
        )}
      </div>
    </fieldset>
  );
}
