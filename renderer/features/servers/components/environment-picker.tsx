import { useId } from 'react';
import type { Environment } from '../../../../electron/contract';
import '../../../ui/form.css';
import './servers.css';

const choices: readonly { readonly value: Environment; readonly label: string }[] = [
  { value: 'development', label: 'Development' },
  { value: 'staging', label: 'Staging' },
  { value: 'production', label: 'Production' },
  { value: 'custom', label: 'Custom…' },
];

interface EnvironmentPickerProps {
  readonly environment: Environment;
  readonly customLabel: string;
  readonly onChange: (environment: Environment) => void;
  readonly onCustomLabelChange: (label: string) => void;
  readonly customError?: string | undefined;
}

export function EnvironmentPicker({ environment, customLabel, onChange, onCustomLabelChange, customError }: EnvironmentPickerProps) {
  const name = useId();
  const customId = useId();
  const errorId = useId();
  return (
    <fieldset className="env-picker">
      <legend className="field__label">Environment</legend>
      <div className="env-picker__options">
        {choices.map((choice) => (
          <label key={choice.value} className={`env-picker__option env-picker__option--${choice.value}`}>
            <input type="radio" name={name} value={choice.value} checked={environment === choice.value} onChange={() => onChange(choice.value)} />
            <span className={`env-swatch env-swatch--${choice.value}`} aria-hidden="true" />
            {choice.label}
          </label>
        ))}
      </div>
      {environment === 'custom' && (
        <div className="field">
          <label htmlFor={customId} className="field__label">
            Environment label
          </label>
          <input
            id={customId}
            className="field__input"
            value={customLabel}
            maxLength={40}
            placeholder="e.g. lab, home, team-b"
            aria-invalid={customError !== undefined ? true : undefined}
            aria-describedby={customError !== undefined ? errorId : undefined}
            onChange={(event) => onCustomLabelChange(event.currentTarget.value)}
          />
          {customError !== undefined && (
            <p id={errorId} className="field__error">
              {customError}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
