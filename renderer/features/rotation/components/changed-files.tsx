import type { FileChangeView } from '../../../../electron/contract';
import { formatLabels } from '../rotation-words';

const stateWords: Readonly<Record<FileChangeView['state'], string>> = {
  writing: 'being written',
  written: 'changed (backup kept until the rotation ends)',
  restored: 'restored',
  'changed-since': 'changed by someone else since; left alone',
};

export function ChangedFiles({ changes, label }: { readonly changes: readonly FileChangeView[]; readonly label: string }) {
  if (changes.length === 0) return null;
  return (
    <ul className="rotation-changed" aria-label={label} data-testid="changed-files">
      {changes.map((change) => (
        <li key={`${change.path}-${change.at}`}>
          <code>{change.displayPath}</code> ({formatLabels[change.format]}: {change.fields.join(', ')}) — {stateWords[change.state]}
        </li>
      ))}
    </ul>
  );
}
