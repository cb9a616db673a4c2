import type { ProfileList } from '../../../../electron/contract';
import { ServerListItem } from './server-list-item';
import './servers.css';

interface ServerSidebarProps {
  readonly list: ProfileList | undefined;
  readonly isPending: boolean;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

export function ServerSidebar({ list, isPending, selectedId, onSelect }: ServerSidebarProps) {
  return (
    <div className="server-sidebar">
      <h2 className="server-sidebar__heading" id="servers-heading">
        Servers
      </h2>
      {list === undefined && isPending && (
        <p className="server-sidebar__note" role="status">
          Loading servers…
        </p>
      )}
      {/* The main area explains the failure and offers a retry; one alert is enough. */}
      {list === undefined && !isPending && <p className="server-sidebar__note">Servers could not be loaded.</p>}
      {list !== undefined && list.profiles.length === 0 && <p className="server-sidebar__note">No servers yet.</p>}
      {list !== undefined && list.profiles.length > 0 && (
        <ul className="server-list" aria-labelledby="servers-heading">
          {list.profiles.map((profile) => (
            <ServerListItem
              key={profile.id}
              profile={profile}
              selected={profile.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
      {list !== undefined && list.problems.length > 0 && (
        <div className="server-sidebar__problems" role="note" aria-label="Problems in the settings files">
          <p>Some settings could not be read and were set aside:</p>
          <ul>
            {list.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
