import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './error-state';

type Props = { children: ReactNode; resetKey?: string };
type State = { error: unknown; resetKey: string | undefined };

/** Catches a render failure in one panel so the rest of the console keeps working. */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Navigating elsewhere (a new resetKey) gives the panel a fresh start.
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Panel failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <ErrorState error={this.state.error} title="This panel failed to load" />;
    return this.props.children;
  }
}
