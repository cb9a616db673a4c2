import type { GrowthPoint } from '../../../electron/contract';

/** uPlot's column data: x in Unix seconds, then per-bucket counts, then the running total. */
export function growthSeries(points: readonly GrowthPoint[]): [number[], number[], number[]] {
  const x: number[] = [];
  const counts: number[] = [];
  const totals: number[] = [];
  for (const point of points) {
    const time = Date.parse(`${point.date}T00:00:00Z`);
    if (Number.isNaN(time)) continue;
    x.push(time / 1000);
    counts.push(point.count);
    // Plotted as the server reports it: the running total it computed for the bucket.
    totals.push(point.cumulative);
  }
  return [x, counts, totals];
}
