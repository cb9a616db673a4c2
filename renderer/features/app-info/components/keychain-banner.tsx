import { useAppInfo } from '../api/get-app-info';
import './app-info.css';

/**
 * Rule 2: without the OS keychain the console never writes keys to disk; it says why the
 * keychain is missing, how to fix it, and that keys entered now last only for this session.
 */
export function KeychainBanner() {
  const { data } = useAppInfo();
  if (data === undefined || data.keychain.state === 'available') return null;
  const { message, fix } = data.keychain;
  return (
    <section className="keychain-banner" role="alert" aria-labelledby="keychain-banner-title">
      <p id="keychain-banner-title" className="keychain-banner__title">
        The OS keychain is unavailable: API keys are kept for this session only
      </p>
      <p className="keychain-banner__message">{message}</p>
      <p className="keychain-banner__fix">
        <span className="keychain-banner__label">Fix: </span>
        {fix}
      </p>
    </section>
  );
}
