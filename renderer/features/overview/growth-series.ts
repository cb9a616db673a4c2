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
    // The server's `cumulative` is the total before the bucket; after it is what a reader expects.
    totals.push(point.cumulative + point.count);
  }
  return [x, counts, totals];
}
