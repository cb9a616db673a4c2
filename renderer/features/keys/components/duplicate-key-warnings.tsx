import type { DuplicateKeyGroup } from '../../../../electron/contract';
import './keys.css';

interface DuplicateKeyWarningsProps {
  readonly groups: readonly DuplicateKeyGroup[];
  readonly compact?: boolean;
}

/** The guide: a different key for each environment. Loud when production shares its key. */
export function DuplicateKeyWarnings({ groups, compact = false }: DuplicateKeyWarningsProps) {
  if (groups.length === 0) return null;
  return (
    <div className={compact ? 'duplicate-keys duplicate-keys--compact' : 'duplicate-keys'} data-testid="duplicate-keys">
      {groups.map((group) => (
        <div
          key={group.profileIds.join(' ')}
          className={`duplicate-key duplicate-key--${group.severity}`}
          role={group.severity === 'danger' ? 'alert' : 'note'}
          data-severity={group.severity}
        >
          <p className="duplicate-key__title">{group.severity === 'danger' ? 'Production shares its API key' : 'Same API key on several servers'}</p>
          <p className="duplicate-key__message">{group.message}</p>
        </div>
      ))}
    </div>
  );
}
