import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { GrowthPoint } from '../../../../electron/contract';
import { growthSeries } from '../growth-series';

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** Memories per bucket (bars) and the running total (line, right axis). */
export function GrowthChart({ points, theme }: { readonly points: readonly GrowthPoint[]; readonly theme: string }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const accent = cssColor('--accent', '#2f5fb3');
    const muted = cssColor('--text-muted', '#5b6472');
    const border = cssColor('--border', '#e2e5ea');
    const axis = { stroke: muted, grid: { stroke: border, width: 1 }, ticks: { stroke: border, width: 1 } };
    const width = Math.max(320, element.clientWidth);
    const chart = new uPlot(
      {
        width,
        height: 260,
        series: [
          {},
          {
            label: 'Stored per bucket',
            stroke: accent,
            fill: `${accent}55`,
            paths: uPlot.paths.bars?.({ size: [0.7, 40] }),
            points: { show: false },
          },
          { label: 'Total', stroke: muted, width: 2, scale: 'total', points: { show: false } },
        ],
        axes: [axis, { ...axis, label: 'Stored' }, { ...axis, scale: 'total', side: 1, label: 'Total', grid: { show: false } }],
        scales: { x: { time: true } },
        legend: { show: true },
      },
      growthSeries(points),
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points, theme]);

  return <div ref={host} className="growth-chart" data-testid="growth-chart" />;
}
