import type { UseQueryResult } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ProfileView, ServerFacts, StatusReport } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { EnvironmentLabel } from '../../servers/components/environment-label';
import { RotationBadge } from '../../rotation/components/rotation-badge';
import { formatHost } from '../../servers/format-host';
import { refreshStatus } from '../api/status-mutations';
import { badgeView, formatTime } from '../status-view';
import { StatusBadge } from './status-badge';
import { TroubleshootingPanel } from './troubleshooting-panel';

interface FleetRowProps {
  readonly profile: ProfileView;
  readonly query: UseQueryResult<StatusReport>;
  readonly initiallyOpen?: boolean;
}

export function FleetRow({ profile, query, initiallyOpen = false }: FleetRowProps) {
  const client = useQueryClient();
  const [open, setOpen] = useState(initiallyOpen);
  const headingId = useId();
  const panelId = useId();
  const report = query.data;
  const view = badgeView({ data: report, error: query.error, isFetching: query.isFetching });
  return (
    <li className={`fleet-row fleet-row--${view.tone}`} data-environment={profile.environment} data-testid="fleet-row" aria-labelledby={headingId}>
      <div className="fleet-row__head">
        <h2 id={headingId} className="fleet-row__name">
          {profile.name}
        </h2>
        <EnvironmentLabel environment={profile.environment} customEnvironment={profile.customEnvironment} />
        <span className="fleet-row__host">{formatHost(profile.baseUrl)}</span>
        <StatusBadge view={view} />
        <RotationBadge profileId={profile.id} />
      </div>

      {report !== undefined && (
        <>
          <p className="fleet-row__message">{report.message}</p>
          {report.fix !== '' && (
            <p className="fleet-row__fix">
              <strong>Fix: </strong>
              {report.fix}
            </p>
          )}
          {report.warnings.length > 0 && (
            <ul className="fleet-row__warnings">
              {report.warnings.map((warning) => (
                <li key={warning.code} className={`fleet-warning fleet-warning--${warning.severity}`} data-warning={warning.code}>
                  {warning.message}
                </li>
              ))}
            </ul>
          )}
          <p className="fleet-row__facts">
            <Facts report={report} />
          </p>
        </>
      )}
      {report === undefined && query.isError && <ErrorPanel error={query.error} compact />}

      <div className="fleet-row__actions">
        <button
          type="button"
          className="button"
          disabled={query.isFetching}
          onClick={() => void refreshStatus(client, profile.id)}
          aria-label={`Check ${profile.name} now`}
        >
          {query.isFetching ? 'Checking…' : 'Check now'}
        </button>
        {report !== undefined && (
          <button type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
            {open ? 'Hide troubleshooting' : 'Troubleshoot'}
          </button>
        )}
      </div>
      {report !== undefined && open && (
        <div id={panelId}>
          <TroubleshootingPanel report={report} />
        </div>
      )}
    </li>
  );
}

function Facts({ report }: { readonly report: StatusReport }) {
  const server: ServerFacts | null = 'server' in report.status ? report.status.server : null;
  const parts: string[] = [];
  if (server?.version) parts.push(`version ${server.version}`);
  if (server?.backend) parts.push(server.backend);
  if (server?.memoryCount !== null && server?.memoryCount !== undefined) parts.push(`${server.memoryCount.toLocaleString()} memories`);
  if (server) parts.push(`round trip ${server.roundTripMs} ms`);
  if (server) parts.push(`scopes ${server.scopes.join(' ')}`);
  parts.push(`checked ${formatTime(report.checkedAt)} in ${report.durationMs} ms`);
  return <>{parts.join(' · ')}</>;
}
