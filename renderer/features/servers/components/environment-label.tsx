import type { Environment } from '../../../../electron/contract';
import './servers.css';

interface EnvironmentLabelProps {
  readonly environment: Environment;
  readonly customEnvironment?: string | undefined;
}

/** Colour helps at a glance; the word is always there too, so colour is never the only cue. */
export function EnvironmentLabel({ environment, customEnvironment }: EnvironmentLabelProps) {
  const text = environment === 'custom' ? customEnvironment?.trim() || 'custom' : environment;
  return (
    <span className={`env-label env-label--${environment}`} data-environment={environment}>
      {text}
    </span>
  );
}
