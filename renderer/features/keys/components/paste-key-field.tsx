import { useId, type ClipboardEvent } from 'react';
import { describeError } from '../../../lib/error-messages';
import type { PastedKeyCheck } from '../api/use-pasted-key-check';
import { KeyIssues } from './key-issues';
import '../../../ui/form.css';
import './keys.css';

interface PasteKeyFieldProps {
  readonly check: PastedKeyCheck;
  /** The text as pasted or typed, line breaks included, so the check can say what was removed or refused. */
  readonly onChange: (raw: string) => void;
}

/**
 * A password field, so the key is not on screen, and uncontrolled, so the key never becomes a DOM
 * attribute. A text input silently drops line breaks from a paste; the paste handler keeps the
 * clipboard text as it was, so a two-line paste is refused instead of being glued into one key.
 */
export function PasteKeyField({ check, onChange }: PasteKeyFieldProps) {
  const inputId = useId();
  const helpId = useId();
  const statusId = useId();
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text/plain');
    if (text === '') return;
    event.preventDefault();
    const field = event.currentTarget;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? field.value.length;
    const raw = `${field.value.slice(0, start)}${text}${field.value.slice(end)}`;
    field.value = raw;
    onChange(raw);
  };

  return (
    <div className="key-field">
      <label htmlFor={inputId} className="field__label">
        API key
      </label>
      <input
        id={inputId}
        className="field__input field__input--mono"
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${helpId} ${statusId}`}
        aria-invalid={check.state === 'checked' && check.result.errors.length > 0 ? true : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
        onPaste={onPaste}
      />
      <p id={helpId} className="field__help">
        The server’s MCP_API_KEY. At least 16 characters, 32 or more recommended; spaces and line breaks around it are
        removed.
      </p>
      <div id={statusId} aria-live="polite" className="key-field__status">
        {check.state === 'checking' && <p className="field__help">Checking the key…</p>}
        {check.state === 'failed' && <p className="key-issue key-issue--error">{describeError(check.error).title}</p>}
        {check.state === 'checked' && check.result.errors.length + check.result.warnings.length === 0 && (
          <p className="key-field__ok">Meets the guide’s requirements.</p>
        )}
        {check.state === 'checked' && <KeyIssues {...check.result} />}
      </div>
    </div>
  );
}
