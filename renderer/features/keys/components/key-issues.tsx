import type { KeyIssue } from '../../../../electron/contract';
import './keys.css';

interface KeyIssuesProps {
  readonly errors?: readonly KeyIssue[];
  readonly warnings?: readonly KeyIssue[];
  readonly notes?: readonly KeyIssue[];
}

/** Policy messages, worst first; errors are why the key cannot be saved. */
export function KeyIssues({ errors = [], warnings = [], notes = [] }: KeyIssuesProps) {
  if (errors.length + warnings.length + notes.length === 0) return null;
  return (
    <ul className="key-issues">
      {errors.map((issue) => (
        <li key={`e-${issue.code}`} className="key-issue key-issue--error" data-issue={issue.code}>
          <span className="key-issue__kind">Cannot use: </span>
          {issue.message}
        </li>
      ))}
      {warnings.map((issue) => (
        <li key={`w-${issue.code}`} className="key-issue key-issue--warning" data-issue={issue.code}>
          <span className="key-issue__kind">Warning: </span>
          {issue.message}
        </li>
      ))}
      {notes.map((issue) => (
        <li key={`n-${issue.code}`} className="key-issue key-issue--note" data-issue={issue.code}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
