// The natural-language time words of §4.6, against a fixed "now" (local time, as the server uses).
import { describe, expect, it } from 'vitest';
import { parseTimeExpression } from '../../memory-server/time-parser';

// Wednesday 15 January 2025, 14:30 local time.
const NOW = new Date(2025, 0, 15, 14, 30, 0);
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): number => new Date(y, m - 1, d, h, min, s, ms).getTime() / 1000;
const endOf = (y: number, m: number, d: number): number => at(y, m, d, 23, 59, 59, 999);
const parse = (q: string): readonly [number | null, number | null] => parseTimeExpression(q, NOW);

describe('parseTimeExpression', () => {
  it('today, yesterday, N days ago (whole local days)', () => {
    expect(parse('today')).toEqual([at(2025, 1, 15), endOf(2025, 1, 15)]);
    expect(parse('Yesterday')).toEqual([at(2025, 1, 14), endOf(2025, 1, 14)]);
    expect(parse('3 days ago')).toEqual([at(2025, 1, 12), endOf(2025, 1, 12)]);
    expect(parse('yesterday morning')).toEqual([at(2025, 1, 14, 5), at(2025, 1, 14, 11, 59, 59, 999)]);
  });

  it('weeks, months and years ago', () => {
    expect(parse('2 weeks ago')).toEqual([at(2024, 12, 30), endOf(2025, 1, 5)]);
    expect(parse('1 month ago')).toEqual([at(2024, 12, 1), endOf(2024, 12, 31)]);
    expect(parse('2 years ago')).toEqual([at(2023, 1, 1), at(2023, 12, 31, 23, 59, 59)]);
  });

  it('last/this day, week, month, year', () => {
    expect(parse('last week')).toEqual([at(2025, 1, 6), endOf(2025, 1, 12)]);
    expect(parse('this week')).toEqual([at(2025, 1, 13), endOf(2025, 1, 19)]);
    expect(parse('last month')).toEqual([at(2024, 12, 1), endOf(2024, 12, 31)]);
    expect(parse('this month')).toEqual([at(2025, 1, 1), endOf(2025, 1, 31)]);
    expect(parse('last year')).toEqual([at(2024, 1, 1), endOf(2024, 12, 31)]);
    expect(parse('this day')).toEqual(parse('today'));
  });

  it('last N days/weeks is a rolling window ending now', () => {
    expect(parse('last 7 days')).toEqual([at(2025, 1, 8, 14, 30), NOW.getTime() / 1000]);
    expect(parse('last 2 weeks')).toEqual([at(2025, 1, 1, 14, 30), NOW.getTime() / 1000]);
  });

  it('month names pick the latest such month that has begun', () => {
    expect(parse('january')).toEqual([at(2025, 1, 1), endOf(2025, 1, 31)]);
    expect(parse('in march')).toEqual([at(2024, 3, 1), endOf(2024, 3, 31)]);
  });

  it('seasons, holidays, halves and quarters', () => {
    expect(parse('winter')).toEqual([at(2024, 12, 21), endOf(2025, 3, 19)]);
    expect(parse('summer')).toEqual([at(2024, 6, 21), endOf(2024, 9, 22)]);
    // The real parser's quirk, kept: a holiday still ahead this year means this year's date.
    expect(parse('christmas')).toEqual([at(2025, 12, 22), endOf(2025, 12, 28)]);
    expect(parse('new year')).toEqual([at(2023, 12, 29), endOf(2024, 1, 4)]); // passed → last year's
    expect(parse('first half of 2024')).toEqual([at(2024, 1, 1), at(2024, 6, 30, 23, 59, 59)]);
    expect(parse('third quarter of 2024')).toEqual([at(2024, 7, 1), at(2024, 9, 30, 23, 59, 59)]);
  });

  it('explicit dates and ranges', () => {
    expect(parse('2024-02-29')).toEqual([at(2024, 2, 29), endOf(2024, 2, 29)]);
    expect(parse('2023-02-29')).toEqual([null, null]);
    expect(parse('12/24/2024')).toEqual([at(2024, 12, 24), endOf(2024, 12, 24)]);
    expect(parse('between 2024-01-01 and 2024-01-31')).toEqual([at(2024, 1, 1), endOf(2024, 1, 31)]);
  });

  it('recent means the last seven days; nonsense parses to nothing', () => {
    expect(parse('recently')).toEqual([NOW.getTime() / 1000 - 7 * 86400, NOW.getTime() / 1000]);
    expect(parse('blorp')).toEqual([null, null]);
    expect(parse('')).toEqual([null, null]);
  });
});
