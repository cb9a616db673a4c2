import type { ProfileView } from '../../../../electron/contract';
import { useServerStatus } from '../api/get-status';
import { badgeView } from '../status-view';
import { StatusBadge } from './status-badge';

/** The sidebar's per-server badge: the same query (and cache) as the fleet view. */
export function ServerStatusBadge({ profile }: { readonly profile: ProfileView }) {
  const query = useServerStatus(profile);
  return <StatusBadge view={badgeView({ data: query.data, error: query.error, isFetching: query.isFetching })} compact />;
}
