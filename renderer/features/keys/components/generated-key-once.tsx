import { useEffect, useId, useRef, useState } from 'react';
import type { KeyView } from '../../../../electron/contract';
import { copyText, selectAll } from '../copy-text';
import { SessionOnlyMarker } from './session-only-marker';
import '../../../ui/form.css';
import './keys.css';

interface GeneratedKeyOnceProps {
  /** The new key, held by the caller only until `onDone`. */
  readonly generatedKey: string;
  readonly stored: KeyView | null;
  readonly onDone: () => void;
  readonly doneLabel?: string;
}

/** The one time a key is on screen without the user asking: right after it was generated. */
export function GeneratedKeyOnce({ generatedKey, stored, onDone, doneLabel = 'Done' }: GeneratedKeyOnceProps) {
  const field = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  // The form that was focused is gone; the next thing to do is copying.
  useEffect(() => copyButton.current?.focus(), []);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'select-instead'>('idle');
  const fieldId = useId();
  const helpId = useId();

  const onCopy = async () => {
    const outcome = await copyText(generatedKey);
    setCopy(outcome);
    if (outcome === 'select-instead') selectAll(field.current);
  };

  return (
    <section className="generated-key" aria-labelledby={`${fieldId}-title`} data-testid="generated-key">
      <h3 id={`${fieldId}-title`} className="generated-key__title">
        Your new API key — shown only this once
      </h3>
      <p id={helpId} className="field__help">
        Set it on the memory server as <code>MCP_API_KEY</code> (and in its clients), then restart the service. After you
        close this, the console shows only the fingerprint {stored && <code>{stored.fingerprint}</code>}.
      </p>
      <label htmlFor={fieldId} className="field__label">
        New key
      </label>
      <div className="field__row">
        <input
          ref={field}
          id={fieldId}
          className="field__input field__input--mono"
          readOnly
          value={generatedKey}
          aria-describedby={helpId}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button ref={copyButton} type="button" className="button" onClick={() => void onCopy()}>
          Copy
        </button>
      </div>
      <p className="generated-key__status" role="status">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'select-instead' && 'The clipboard is not available here: the key is selected, press Ctrl+C (⌘C) to copy it.'}
      </p>
      {stored?.sessionOnly && (
        <p className="key-choice__session">
          <SessionOnlyMarker /> The keychain is unavailable: the console keeps this key only until it exits. Keep your own
          copy.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
