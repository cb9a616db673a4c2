import { isConsoleApiError } from '../../../bridge';
import { ErrorPanel } from '../../../ui/error-panel';

/**
 * The privileged side's own words for what was wrong with the form (a taken name, a bad address):
 * they name the field and the rule. Other failures get the usual error panel.
 */
export function FormError({ error }: { readonly error: unknown }) {
  if (isConsoleApiError(error) && (error.code === 'invalid-input' || error.code === 'conflict')) {
    return (
      <p className="field__error form-error" role="alert">
        {error.message}
      </p>
    );
  }
  return <ErrorPanel error={error} compact />;
}
