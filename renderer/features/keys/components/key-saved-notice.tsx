import type { KeySetResult } from '../../../../electron/contract';
import { DuplicateKeyWarnings } from './duplicate-key-warnings';
import { KeyIssues } from './key-issues';
import { SessionOnlyMarker } from './session-only-marker';
import './keys.css';

/** After a key was stored: its fingerprint, and anything the policy or the duplicate check said. */
export function KeySavedNotice({ result }: { readonly result: KeySetResult }) {
  const key = result.profile.key;
  return (
    <div className="key-saved" role="status">
      <p>
        Key stored{key?.sessionOnly ? ' for this session only' : ' in the OS keychain'}
        {key && (
          <>
            : <code>{key.prefix}</code> <code>{key.fingerprint}</code>
          </>
        )}
        {key?.sessionOnly && (
          <>
            {' '}
            <SessionOnlyMarker />
          </>
        )}
      </p>
      <KeyIssues warnings={result.warnings} notes={result.notes} />
      <DuplicateKeyWarnings groups={result.duplicates} compact />
    </div>
  );
}

export function needsAttention(result: KeySetResult): boolean {
  return result.warnings.length > 0 || result.duplicates.length > 0 || result.profile.key?.sessionOnly === true;
}
