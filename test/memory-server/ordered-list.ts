// Records kept in ascending (created_at, seq) order, so the common case — a memory created now —
// is an append, and "newest first" pages are read from the end.

export interface Ordered {
  readonly seq: number;
  readonly createdAt: number;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  return a.createdAt - b.createdAt || a.seq - b.seq;
}

export class OrderedList<T extends Ordered> {
  private items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  /** Index of the first element not before `probe`. */
  private lowerBound(createdAt: number, seq: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const item = this.items[mid] as T;
      if (item.createdAt < createdAt || (item.createdAt === createdAt && item.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    const last = this.items[this.items.length - 1];
    if (!last || compareOrdered(last, item) < 0) {
      this.items.push(item);
      return;
    }
    this.items.splice(this.lowerBound(item.createdAt, item.seq), 0, item);
  }

  remove(item: T): boolean {
    const i = this.lowerBound(item.createdAt, item.seq);
    if (this.items[i] !== item) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** Appends without ordering; call `sort()` once afterwards (bulk loads). */
  pushUnordered(item: T): void {
    this.items.push(item);
  }

  sort(): void {
    this.items.sort(compareOrdered);
  }

  /** `limit` items newest first, skipping the `offset` newest. */
  newestFirst(offset: number, limit: number): T[] {
    const out: T[] = [];
    for (let i = this.items.length - 1 - offset; i >= 0 && out.length < limit; i--) out.push(this.items[i] as T);
    return out;
  }

  /** Every item with start <= createdAt <= end, newest first. */
  between(start: number, end: number): T[] {
    const from = this.lowerBound(start, -Infinity);
    const out: T[] = [];
    for (let i = this.lowerBound(end, Infinity) - 1; i >= from; i--) out.push(this.items[i] as T);
    return out;
  }

  countSince(start: number): number {
    return this.items.length - this.lowerBound(start, -Infinity);
  }

  /** Read-only view in ascending order; callers must not keep it across mutations. */
  ascending(): readonly T[] {
    return this.items;
  }
}

/**
 * Newest-first union of several lists. The order is total (seq is unique), so a record present in
 * several lists comes out in adjacent positions and is dropped by comparing with the previous one.
 */
export function mergeNewestFirst<T extends Ordered>(lists: readonly OrderedList<T>[]): T[] {
  const arrays = lists.map((l) => l.ascending());
  const pos = arrays.map((a) => a.length - 1);
  const out: T[] = [];
  let previous: T | undefined;
  for (;;) {
    let pick = -1;
    let best: T | undefined;
    for (let k = 0; k < arrays.length; k++) {
      const p = pos[k] ?? -1;
      if (p < 0) continue;
      const candidate = (arrays[k] as readonly T[])[p] as T;
      if (!best || compareOrdered(candidate, best) > 0) {
        best = candidate;
        pick = k;
      }
    }
    if (pick < 0 || !best) return out;
    pos[pick] = (pos[pick] ?? 0) - 1;
    if (best !== previous) out.push(best);
    previous = best;
  }
}
