import type { LiveStatus } from '../../../electron/contract';
import { useNow } from '../../lib/use-now';
import { useLiveStatus } from './live-api';
import './live.css';

export function describeLive(status: LiveStatus | undefined, profileId: string, now: number): { label: string; tone: 'live' | 'pending' | 'down' } {
  if (status === undefined) return { label: 'Live updates: checking…', tone: 'pending' };
  if (status.profileId !== profileId) return { label: 'Live updates: connecting…', tone: 'pending' };
  switch (status.state) {
    case 'live':
      return { label: 'Live', tone: 'live' };
    case 'connecting':
      return { label: 'Live updates: connecting…', tone: 'pending' };
    case 'retrying': {
      const seconds = status.retryAt === null ? null : Math.max(0, Math.ceil((Date.parse(status.retryAt) - now) / 1000));
      const when = seconds === null || seconds === 0 ? 'now' : `in ${seconds} s`;
      return { label: `Not live: ${status.error?.message ?? 'the connection failed'} Retrying ${when}.`, tone: 'down' };
    }
    case 'off':
      return { label: 'Live updates off', tone: 'down' };
  }
}

/** Tells the truth about the event stream: "Live" only while the server's stream is open. */
export function LiveIndicator({ profileId }: { readonly profileId: string }) {
  const status = useLiveStatus();
  const now = useNow(1_000);
  const { label, tone } = describeLive(status.data, profileId, now);
  return (
    <span className={`live-indicator live-indicator--${tone}`} role="status" data-testid="live-indicator" data-state={tone} title={label}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span className="live-indicator__label">{tone === 'live' ? 'Live' : tone === 'pending' ? 'Connecting…' : 'Not live'}</span>
      <span className="visually-hidden">{tone === 'live' ? ': changes on the server appear as they happen' : `: ${label}`}</span>
    </span>
  );
}
