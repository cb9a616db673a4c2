import { useId } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { formatHost } from '../format-host';
import { EnvironmentLabel } from './environment-label';

interface ServerListItemProps {
  readonly profile: ProfileView;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
}

export function ServerListItem({ profile, selected, onSelect }: ServerListItemProps) {
  const nameId = useId();
  const metaId = useId();
  // The accessible name is the profile name alone; host and environment are its description.
  return (
    <li>
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
        </span>
      </button>
    </li>
  );
}
