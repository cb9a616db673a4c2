import './keys.css';

/** Said wherever a key is shown while the keychain is unavailable: it is gone when the console exits. */
export function SessionOnlyMarker() {
  return (
    <span className="key-marker key-marker--session" title="Kept in memory only: the OS keychain is unavailable. Gone when the console exits.">
      session-only
    </span>
  );
}
