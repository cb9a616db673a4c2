import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPanel } from '../ui/error-panel';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
}

type ErrorBoundaryState = { readonly failed: false } | { readonly failed: true; readonly error: unknown };

/** A rendering bug in one region shows a message there instead of blanking the window. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ErrorPanel error={this.state.error} onRetry={() => this.setState({ failed: false })} />;
  }
}
