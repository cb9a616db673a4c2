import { adviceFor } from '../lib/error-messages';
import { StatusMessage } from '../ui/status-message';

/** Browser mode only: the launch token is gone, so every call would fail the same way. */
export function SessionEndedScreen() {
  const advice = adviceFor('session-ended');
  return (
    <main>
      <div role="alert">
        <StatusMessage title={advice.title}>
          <p>{advice.nextStep}</p>
          <p>The address with its one-time token is printed when the console starts; this page cannot recover it.</p>
        </StatusMessage>
      </div>
    </main>
  );
}
