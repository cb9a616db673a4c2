import { useId } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { SessionOnlyMarker } from '../../keys/components/session-only-marker';
import { RotateKeyButton } from '../../rotation/components/rotate-key-button';
import { RotationBadge } from '../../rotation/components/rotation-badge';
import { ServerStatusBadge } from '../../status/components/server-status-badge';
import { formatHost } from '../format-host';
import { EnvironmentLabel } from './environment-label';

export type ServerAction = 'edit' | 'up' | 'down' | 'delete';

interface ServerListItemProps {
  readonly profile: ProfileView;
  readonly selected: boolean;
  readonly isFirst: boolean;
  readonly isLast: boolean;
  readonly onSelect: (id: string) => void;
  readonly onAction: (action: ServerAction, profile: ProfileView) => void;
}

export function ServerListItem({ profile, selected, isFirst, isLast, onSelect, onAction }: ServerListItemProps) {
  const nameId = useId();
  const metaId = useId();
  // The accessible name is the profile name alone; host and environment are its description.
  return (
    <li className="server-row" data-environment={profile.environment}>
      <button
        type="button"
        className="server-item"
        data-testid="server-item"
        aria-current={selected ? 'true' : undefined}
        aria-labelledby={nameId}
        aria-describedby={metaId}
        onClick={() => onSelect(profile.id)}
      >
        <span id={nameId} className="server-item__name">
          {profile.name}
        </span>
        <span id={metaId} className="server-item__meta">
          <span className="server-item__host">{formatHost(profile.baseUrl)}</span>
          <EnvironmentLabel environment={profile.environment} customEnvironment={profile.customEnvironment} />
          {profile.key === null && <span className="key-marker key-marker--none">no key</span>}
          {profile.key?.sessionOnly === true && <SessionOnlyMarker />}
          <ServerStatusBadge profile={profile} />
          <RotationBadge profileId={profile.id} />
        </span>
      </button>
      {/* Actions for the selected server only: one set of tab stops, not four per server. */}
      {selected && (
        <div className="server-row__actions" role="group" aria-label={`${profile.name}: actions`}>
          <button type="button" className="icon-button" onClick={() => onAction('edit', profile)} aria-label={`Edit ${profile.name}`} title="Edit server and key">
            Edit
          </button>
          <button type="button" className="icon-button" onClick={() => onAction('up', profile)} disabled={isFirst} aria-label={`Move ${profile.name} up`} title="Move up">
            ↑
          </button>
          <button type="button" className="icon-button" onClick={() => onAction('down', profile)} disabled={isLast} aria-label={`Move ${profile.name} down`} title="Move down">
            ↓
          </button>
          <RotateKeyButton profile={profile} />
          <button type="button" className="icon-button icon-button--danger" onClick={() => onAction('delete', profile)} aria-label={`Delete ${profile.name}`} title="Delete server">
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
