import { useId, useState } from 'react';
import type { GrowthPeriod } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { StatusMessage } from '../../../ui/status-message';
import { useGrowth, useTagUsage } from '../api/get-analytics';
import { GrowthChart } from './growth-chart';
import { TopTags } from './top-tags';
import './overview.css';

const countFormat = new Intl.NumberFormat();
// Restated rather than imported: a value import from the contract would pull zod into this chunk.
const growthPeriods: readonly GrowthPeriod[] = ['week', 'month', 'quarter', 'year'];

interface OverviewPanelProps {
  readonly profileId: string;
  readonly onPickTag: (tag: string) => void;
}

/** Loaded lazily (with uPlot): the first screen does not pay for the charts. */
export default function OverviewPanel({ profileId, onPickTag }: OverviewPanelProps) {
  const periodId = useId();
  const [period, setPeriod] = useState<GrowthPeriod>('month');
  const growth = useGrowth(profileId, period);
  const usage = useTagUsage(profileId, 15);
  const theme = document.documentElement.dataset['theme'] ?? 'light';
  const stored = growth.data?.points.reduce((sum, point) => sum + point.count, 0);

  return (
    <div className="overview" data-testid="overview">
      <section className="overview__card" aria-labelledby={`${periodId}-h`}>
        <header className="overview__card-header">
          <h2 id={`${periodId}-h`}>Memories over time</h2>
          <label htmlFor={periodId}>Period</label>
          <select id={periodId} className="select" value={period} onChange={(event) => setPeriod(event.target.value as GrowthPeriod)}>
            {growthPeriods.map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
        </header>
        {growth.isPending && <StatusMessage title="Loading growth…" busy />}
        {growth.isError && <ErrorPanel error={growth.error} onRetry={() => void growth.refetch()} compact />}
        {growth.data && (
          <>
            <p className="overview__summary">
              {countFormat.format(stored ?? 0)} memories stored in the last {period}; running total {countFormat.format(growth.data.points.at(-1)?.cumulative ?? 0)}.
            </p>
            <GrowthChart points={growth.data.points} theme={theme} />
          </>
        )}
      </section>
      <section className="overview__card" aria-labelledby={`${periodId}-tags`}>
        <header className="overview__card-header">
          <h2 id={`${periodId}-tags`}>Top tags</h2>
          {usage.data && <span className="overview__note">of {countFormat.format(usage.data.totalMemories)} memories</span>}
        </header>
        {usage.isPending && <StatusMessage title="Loading tags…" busy />}
        {usage.isError && <ErrorPanel error={usage.error} onRetry={() => void usage.refetch()} compact />}
        {usage.data && <TopTags usage={usage.data} onPick={onPickTag} />}
      </section>
    </div>
  );
}
