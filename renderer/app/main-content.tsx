import type { UseQueryResult } from '@tanstack/react-query';
import type { ProfileList, ProfileView } from '../../electron/contract';
import { MemoryPanel } from '../features/memories/components/memory-panel';
import { ErrorPanel } from '../ui/error-panel';
import { StatusMessage } from '../ui/status-message';

interface MainContentProps {
  readonly profiles: UseQueryResult<ProfileList>;
  readonly selected: ProfileView | null;
}

export function MainContent({ profiles, selected }: MainContentProps) {
  if (profiles.data === undefined) {
    return profiles.isPending ? (
      <StatusMessage title="Loading servers…" busy />
    ) : (
      <ErrorPanel error={profiles.error} onRetry={() => void profiles.refetch()} />
    );
  }
  if (selected === null) return <NoServers />;
  return <MemoryPanel profile={selected} />;
}

function NoServers() {
  return (
    <StatusMessage title="No servers yet">
      <p>Add a server with “+ Add server” in the sidebar to browse its memories.</p>
      <p>
        To try the console first, run <code>npm run demo</code> in the project folder: it starts a local memory service
        and adds it here as “Local demo”.
      </p>
    </StatusMessage>
  );
}
