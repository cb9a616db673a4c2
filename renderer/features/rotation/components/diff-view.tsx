import type { DiffLine } from '../../../../electron/contract';

/** A redacted diff: keys appear as ‹old key sha256:…› / ‹new key sha256:…›. */
export function DiffView({ lines, label }: { readonly lines: readonly DiffLine[]; readonly label: string }) {
  return (
    <pre className="rotation-diff" aria-label={label} data-testid="rotation-diff">
      {lines.map((line, index) => (
        <span key={index} className={`rotation-diff__line rotation-diff__line--${line.kind}`}>
          {line.kind === 'removed' ? '- ' : line.kind === 'added' ? '+ ' : '  '}
          {line.line !== null && <span className="rotation-diff__number">{line.line}: </span>}
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
