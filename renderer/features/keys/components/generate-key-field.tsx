import { useId } from 'react';
import type { KeyFormat } from '../../../../electron/contract';
import { keyFormatLabels, keyFormatOrder } from '../key-formats';
import '../../../ui/form.css';
import './keys.css';

interface GenerateKeyFieldProps {
  readonly format: KeyFormat;
  readonly onChange: (format: KeyFormat) => void;
}

export function GenerateKeyField({ format, onChange }: GenerateKeyFieldProps) {
  const name = useId();
  const helpId = useId();
  return (
    <fieldset className="key-formats" aria-describedby={helpId}>
      <legend className="field__label">Format</legend>
      {keyFormatOrder.map((option) => (
        <label key={option} className="key-format">
          <input type="radio" name={name} value={option} checked={option === format} onChange={() => onChange(option)} />
          <span>{keyFormatLabels[option].label}</span>
          <code className="key-format__equivalent">{keyFormatLabels[option].equivalent}</code>
        </label>
      ))}
      <p id={helpId} className="field__help">
        Made with a cryptographically secure generator when you save, and shown once so you can set it on the server as
        MCP_API_KEY. After that the console shows only its fingerprint.
      </p>
    </fieldset>
  );
}
