import { useEffect, useId, useState } from 'react';
import type { KeyCandidate } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useFindKeyCandidates } from '../api/key-mutations';
import { keyFileKindLabels } from '../key-formats';
import { KeyIssues } from './key-issues';
import '../../../ui/form.css';
import './keys.css';

interface ImportKeyFieldProps {
  readonly selected: KeyCandidate | null;
  readonly onSelect: (candidate: KeyCandidate | null) => void;
}

/** Where the memory service keeps its key on this machine, found by a scan; the user picks one. */
export function ImportKeyField({ selected, onSelect }: ImportKeyFieldProps) {
  const scan = useFindKeyCandidates();
  const { mutate } = scan;
  const [extraPaths, setExtraPaths] = useState<readonly string[]>([]);
  const [pathText, setPathText] = useState('');
  const name = useId();
  const pathId = useId();

  useEffect(() => {
    mutate(extraPaths, {
      onSuccess: (found) => {
        // A choice the new scan no longer offers (file changed or gone) is dropped.
        if (selected !== null && !found.candidates.some((candidate) => sameCandidate(candidate, selected))) onSelect(null);
      },
    });
    // Scans when shown and when the user adds a file, not when the selection changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [extraPaths, mutate]);

  const addPath = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    const text = pathText.trim();
    if (text === '') return;
    setExtraPaths((paths) => (paths.includes(text) ? paths : [...paths, text]));
    setPathText('');
  };

  const candidates = scan.data?.candidates ?? [];
  const problems = scan.data?.problems ?? [];
  return (
    <div className="key-import">
      {scan.isPending && (
        <p className="field__help" role="status">
          Looking for the memory service’s key on this machine…
        </p>
      )}
      {scan.isError && <ErrorPanel error={scan.error} onRetry={() => mutate(extraPaths)} compact />}
      {scan.isSuccess && candidates.length === 0 && (
        <p className="field__help" role="status">
          No key found in the usual places (~/.mcp_memory_service/service_config.json, systemd units, LaunchAgents,
          ~/.mcp-memory/.env). Name a file below, or paste the key instead.
        </p>
      )}
      {candidates.length > 0 && (
        <fieldset className="key-candidates">
          <legend className="field__label">Keys found on this machine</legend>
          {candidates.map((candidate) => {
            const blocked = candidate.issues.some((issue) => blockingIssues.has(issue.code));
            return (
              <label key={`${candidate.ref.path}#${candidate.field}`} className="key-candidate" data-testid="key-candidate">
                <input
                  type="radio"
                  name={name}
                  checked={selected !== null && sameCandidate(candidate, selected)}
                  disabled={blocked}
                  onChange={() => onSelect(candidate)}
                />
                <span className="key-candidate__body">
                  <span className="key-candidate__path">{candidate.displayPath}</span>
                  <span className="key-candidate__meta">
                    {keyFileKindLabels[candidate.kind]} · {candidate.field} · <code>{candidate.prefix}</code> ·{' '}
                    <code>{candidate.fingerprint}</code>
                  </span>
                  <span className="key-candidate__warning">{candidate.plaintextWarning}</span>
                  {candidate.permissionWarning !== undefined && (
                    <span className="key-candidate__warning key-candidate__warning--permission">{candidate.permissionWarning}</span>
                  )}
                  <KeyIssues warnings={candidate.issues} />
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      {problems.length > 0 && (
        <details className="key-import__problems">
          <summary>
            {problems.length} {problems.length === 1 ? 'file' : 'files'} could not be used
          </summary>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <span className="key-candidate__path">{problem.displayPath}</span>: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="key-import__extra" role="group" aria-label="Look in another file">
        <label htmlFor={pathId} className="field__label">
          Also look in a file
        </label>
        <div className="field__row">
          <input
            id={pathId}
            className="field__input field__input--mono"
            value={pathText}
            placeholder="/etc/mcp-memory/.env"
            spellCheck={false}
            onChange={(event) => setPathText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') addPath(event);
            }}
          />
          <button type="button" className="button" onClick={addPath} disabled={pathText.trim() === ''}>
            Scan
          </button>
        </div>
      </div>
    </div>
  );
}

// The policy's errors (electron/keys/key-policy.ts): such a key would be refused on import.
const blockingIssues: ReadonlySet<string> = new Set(['empty', 'multi-line', 'control-characters', 'non-ascii', 'too-long', 'too-short']);

function sameCandidate(a: KeyCandidate, b: KeyCandidate): boolean {
  return a.ref.path === b.ref.path && a.ref.field === b.ref.field && a.ref.fingerprint === b.ref.fingerprint;
}
