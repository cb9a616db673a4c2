import { useQueryClient } from '@tanstack/react-query';
import type { ProfileList } from '../../../../electron/contract';
import { StatusMessage } from '../../../ui/status-message';
import { statusRefreshMs, useFleetStatus } from '../api/get-status';
import { refreshAllStatuses } from '../api/status-mutations';
import { badgeView, summarise } from '../status-view';
import { AuditLogPanel } from './audit-log-panel';
import { FleetRow } from './fleet-row';
import './status.css';

/** Every server's status at a glance, refreshed every minute, on focus and on demand. */
export function FleetOverview({ list }: { readonly list: ProfileList }) {
  const client = useQueryClient();
  const queries = useFleetStatus(list.profiles);
  const summary = summarise(queries.map((query) => badgeView({ data: query.data, error: query.error, isFetching: query.isFetching }).tone));
  const anyFetching = queries.some((query) => query.isFetching);
  return (
    <section className="fleet" aria-labelledby="fleet-heading">
      <header className="fleet__header">
        <h1 id="fleet-heading" className="fleet__title">
          Fleet status
        </h1>
        <p className="fleet__summary" data-testid="fleet-summary">
          {summary.total} {summary.total === 1 ? 'server' : 'servers'}: {summary.ok} fine, {summary.warning} with warnings, {summary.danger} with problems
          {summary.pending > 0 ? `, ${summary.pending} being checked` : ''}
        </p>
        <button type="button" className="button" disabled={list.profiles.length === 0} onClick={() => void refreshAllStatuses(client)}>
          Check all now
        </button>
        <span className="fleet__note" role="status">
          {anyFetching ? 'Checking…' : `Checked every ${Math.round(statusRefreshMs / 1000)} s while the console is in front.`}
        </span>
      </header>
      {list.profiles.length === 0 ? (
        <StatusMessage title="No servers yet">
          <p>Add a server to see whether it is reachable and accepts its key.</p>
        </StatusMessage>
      ) : (
        <ul className="fleet__list">
          {list.profiles.map((profile, index) => (
            <FleetRow key={profile.id} profile={profile} query={queries[index]!} />
          ))}
        </ul>
      )}
      <AuditLogPanel />
    </section>
  );
}
