import { useState } from 'react';
import type { AuditEntry } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useAuditLog } from '../api/get-audit-log';
import { formatTime } from '../status-view';

const eventWords: Record<AuditEntry['event'], string> = {
  'probe-failed': 'Check failed',
  'probe-recovered': 'Check recovered',
  'key-set': 'Key stored',
  'key-removed': 'Key removed',
  'certificate-trusted': 'Certificate trusted',
  'certificate-distrusted': 'Certificate no longer trusted',
  'profile-deleted': 'Server deleted',
  'rotation-started': 'Rotation started',
  'rotation-step': 'Rotation step',
  'rotation-committed': 'Rotation committed',
  'rotation-rolled-back': 'Rotation rolled back',
  'rotation-checklist': 'Emergency checklist',
  'rotation-leak-scan': 'Leak scan',
};

/** The local audit log: key changes and failed checks, with fingerprints, never keys. Loaded when opened. */
export function AuditLogPanel() {
  const [open, setOpen] = useState(false);
  const query = useAuditLog(null, open);
  return (
    <details className="audit-log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="audit-log__summary">Audit log</summary>
      <p className="audit-log__note">Key changes and failed checks, recorded on this machine (audit.log in the console’s settings folder). Keys appear only as fingerprints.</p>
      {query.isPending && open && <p role="status">Loading the audit log…</p>}
      {query.isError && <ErrorPanel error={query.error} onRetry={() => void query.refetch()} compact />}
      {query.data !== undefined && query.data.entries.length === 0 && <p>Nothing recorded yet.</p>}
      {query.data !== undefined && query.data.entries.length > 0 && (
        <table className="audit-log__table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Server</th>
              <th scope="col">Key</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {query.data.entries.map((entry, index) => (
              <tr key={`${entry.time}-${index}`} data-event={entry.event}>
                <td className="audit-log__time">{formatTime(entry.time)}</td>
                <td>{eventWords[entry.event]}</td>
                <td>{entry.profileName ?? '—'}</td>
                <td className="audit-log__key">{entry.keyFingerprint ?? '—'}</td>
                <td>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.data?.more && <p className="audit-log__note">Older entries are in the file.</p>}
      {query.data !== undefined && query.data.skippedLines > 0 && <p className="audit-log__note">{query.data.skippedLines} damaged lines were skipped.</p>}
    </details>
  );
}
