import type { ReactNode } from 'react';
import './ui.css';

interface StatusMessageProps {
  readonly title: string;
  readonly children?: ReactNode;
  /** Loading states are announced politely; empty states are just text. */
  readonly busy?: boolean;
}

/** Loading and empty states: say what is happening, and what to do if anything. */
export function StatusMessage({ title, children, busy = false }: StatusMessageProps) {
  return (
    <div className="status-message" role={busy ? 'status' : undefined} aria-busy={busy || undefined}>
      <p className="status-message__title">{title}</p>
      {children !== undefined && <div className="status-message__body">{children}</div>}
    </div>
  );
}
