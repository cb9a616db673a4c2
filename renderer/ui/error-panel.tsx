import { describeError } from '../lib/error-messages';
import './ui.css';

interface ErrorPanelProps {
  readonly error: unknown;
  readonly onRetry?: () => void;
  /** A shorter form for narrow places (the sidebar, a list footer). */
  readonly compact?: boolean;
}

export function ErrorPanel({ error, onRetry, compact = false }: ErrorPanelProps) {
  const described = describeError(error);
  return (
    <div role="alert" className={compact ? 'error-panel error-panel--compact' : 'error-panel'} data-error-code={described.code}>
      <p className="error-panel__title">{described.title}</p>
      {described.message !== undefined && <p className="error-panel__message">{described.message}</p>}
      <p className="error-panel__next">{described.nextStep}</p>
      {described.detail !== undefined && !compact && (
        <details className="error-panel__detail">
          <summary>Details</summary>
          <pre>{described.detail}</pre>
        </details>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
