import { useId } from 'react';
import { describeError } from '../../../lib/error-messages';
import type { LiveBaseUrlCheck } from '../api/check-base-url';
import '../../../ui/form.css';

interface BaseUrlFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly check: LiveBaseUrlCheck;
  readonly showEmptyError: boolean;
}

/** Accepts `http(s)://host:port` and the guide's `…/api` endpoint form, and shows what will be stored. */
export function BaseUrlField({ value, onChange, check, showEmptyError }: BaseUrlFieldProps) {
  const id = useId();
  const helpId = useId();
  const resultId = useId();
  const invalid = (check.state === 'checked' && !check.check.ok) || (check.state === 'empty' && showEmptyError);
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        Server address
      </label>
      <input
        id={id}
        className="field__input field__input--mono"
        value={value}
        placeholder="http://127.0.0.1:8000"
        spellCheck={false}
        autoComplete="off"
        inputMode="url"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${helpId} ${resultId}`}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <p id={helpId} className="field__help">
        The address the memory service listens on, e.g. <code>https://memory.example.com</code> or the endpoint form{' '}
        <code>http://127.0.0.1:8000/api</code> from the client configuration.
      </p>
      <div id={resultId} aria-live="polite">
        {check.state === 'empty' && showEmptyError && <p className="field__error">Enter the server’s address.</p>}
        {check.state === 'checked' && check.check.ok && (
          <>
            <p className="field__result">
              Stored as <code data-testid="normalised-url">{check.check.url}</code>
            </p>
            {check.check.warnings.map((warning) => (
              <p key={warning} className="field__warning">
                {warning}
              </p>
            ))}
          </>
        )}
        {check.state === 'checked' && !check.check.ok && <p className="field__error">{check.check.message}</p>}
        {check.state === 'failed' && <p className="field__error">{describeError(check.error).title}</p>}
      </div>
    </div>
  );
}
