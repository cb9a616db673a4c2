// Natural-language time expressions → [start, end] Unix seconds, in the server's local time zone,
// following the real utils/time_parser.py: the first matching rule wins, in this order.

export type TimeRange = readonly [start: number | null, end: number | null];

const NONE: TimeRange = [null, null];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SEASONS: Readonly<Record<string, { sm: number; sd: number; em: number; ed: number }>> = {
  spring: { sm: 3, sd: 20, em: 6, ed: 20 },
  summer: { sm: 6, sd: 21, em: 9, ed: 22 },
  fall: { sm: 9, sd: 23, em: 12, ed: 20 },
  autumn: { sm: 9, sd: 23, em: 12, ed: 20 },
  winter: { sm: 12, sd: 21, em: 3, ed: 19 },
};
const HOLIDAYS: Readonly<Record<string, { month: number; day: number; window: number }>> = {
  christmas: { month: 12, day: 25, window: 3 },
  'new year': { month: 1, day: 1, window: 3 },
  valentine: { month: 2, day: 14, window: 1 },
  halloween: { month: 10, day: 31, window: 3 },
  thanksgiving: { month: 11, day: -1, window: 3 },
};
const TIME_OF_DAY: Readonly<Record<string, readonly [number, number]>> = {
  morning: [5, 11],
  noon: [12, 12],
  afternoon: [13, 17],
  evening: [18, 21],
  night: [22, 4],
  midnight: [0, 0],
};
const ORDINALS: Readonly<Record<string, number>> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

const secs = (d: Date): number => d.getTime() / 1000;
const dayStart = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 0, 0, 0, 0);
const dayEnd = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 23, 59, 59, 999);
const wholeDays = (from: Date, to: Date): TimeRange => [
  secs(dayStart(from.getFullYear(), from.getMonth() + 1, from.getDate())),
  secs(dayEnd(to.getFullYear(), to.getMonth() + 1, to.getDate())),
];
const addDays = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
/** Monday = 0, like Python's weekday(). */
const weekday = (d: Date): number => (d.getDay() + 6) % 7;
const monthRange = (y: number, m: number): TimeRange => [secs(dayStart(y, m, 1)), secs(new Date(y, m, 0, 23, 59, 59, 999))];
const validDate = (y: number, m: number, d: number): boolean => {
  const probe = new Date(y, m - 1, d);
  return probe.getFullYear() === y && probe.getMonth() === m - 1 && probe.getDate() === d;
};

function seasonRange(name: string, now: Date, which: 'this' | 'last' | 'named'): TimeRange {
  const s = SEASONS[name];
  if (!s) return NONE;
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const d = now.getDate();
  const crosses = s.sm > s.em;
  const afterStart = m > s.sm || (m === s.sm && d >= s.sd);
  const beforeEnd = m < s.em || (m === s.em && d <= s.ed);
  const inSeason = crosses ? afterStart || beforeEnd : afterStart && beforeEnd;
  let startYear: number;
  if (which === 'named') startYear = afterStart ? y : y - 1; // the latest occurrence that has begun
  else if (which === 'this') startYear = crosses && m <= 3 ? y - 1 : y; // may lie ahead, as in the real parser
  else startYear = inSeason ? y - 1 : y;
  const endYear = crosses ? startYear + 1 : startYear;
  return [secs(dayStart(startYear, s.sm, s.sd)), secs(dayEnd(endYear, s.em, s.ed))];
}

function holidayRange(name: string, now: Date): TimeRange {
  const h = HOLIDAYS[name];
  if (!h) return NONE;
  const y = now.getFullYear();
  let day = h.day;
  if (day === -1) {
    const first = new Date(y, 10, 1);
    day = 1 + ((3 - weekday(first) + 7) % 7) + 21; // fourth Thursday of November
  }
  const m = now.getMonth() + 1;
  const passed = m > h.month || (m === h.month && now.getDate() > day + h.window);
  // Mirrors the real parser: a holiday still ahead this year means this year's date.
  const chosen = new Date(passed ? y - 1 : y, h.month - 1, day);
  return wholeDays(addDays(chosen, -h.window), addDays(chosen, h.window));
}

function periodRange(period: string, which: 'this' | 'last', now: Date): TimeRange {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  switch (period) {
    case 'day':
      return which === 'this' ? wholeDays(now, now) : wholeDays(addDays(now, -1), addDays(now, -1));
    case 'week': {
      const monday = addDays(now, -weekday(now) - (which === 'last' ? 7 : 0));
      return wholeDays(monday, addDays(monday, 6));
    }
    case 'month':
      return which === 'this' ? monthRange(y, m) : m === 1 ? monthRange(y - 1, 12) : monthRange(y, m - 1);
    case 'year': {
      const target = which === 'this' ? y : y - 1;
      return [secs(dayStart(target, 1, 1)), secs(dayEnd(target, 12, 31))];
    }
    default:
      return seasonRange(period, now, which);
  }
}

/** "last N days/weeks/months/years": a rolling window ending now. */
function lastN(n: number, unit: string, now: Date): TimeRange {
  const start = new Date(now);
  if (unit.startsWith('day')) start.setDate(start.getDate() - n);
  else if (unit.startsWith('week')) start.setDate(start.getDate() - 7 * n);
  else if (unit.startsWith('month')) start.setMonth(start.getMonth() - n);
  else start.setFullYear(start.getFullYear() - n);
  return [secs(start), secs(now)];
}

function timeOfDay(date: Date, part: string): TimeRange {
  const hours = TIME_OF_DAY[part];
  if (!hours) return wholeDays(date, date);
  const [from, to] = hours;
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate(), from, 0, 0, 0);
  const endDay = from > to ? addDays(date, 1) : date;
  const end = new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate(), to, 59, 59, 999);
  return [secs(start), secs(end)];
}

export function parseTimeExpression(input: string, now: Date = new Date()): TimeRange {
  const q = input.toLowerCase().trim();
  let m: RegExpExecArray | null;

  if ((m = /between\s+(.+?)\s+and\s+(.+?)(?:\s|$)/.exec(q))) {
    const [start] = parseTimeExpression(m[1] ?? '', now);
    const [, end] = parseTimeExpression(m[2] ?? '', now);
    return [start, end];
  }
  if ((m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(q))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? [secs(dayStart(y, mo, d)), secs(dayEnd(y, mo, d))] : NONE;
  }
  if ((m = /(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?/.exec(q))) {
    const mo = Number(m[1]);
    const d = Number(m[2]);
    let y = m[3] ? Number(m[3]) : now.getFullYear();
    if (y < 100) y = y < 50 ? 2000 + y : 1900 + y;
    return validDate(y, mo, d) ? [secs(dayStart(y, mo, d)), secs(dayEnd(y, mo, d))] : NONE;
  }
  if ((m = /last\s+(\d+)\s+(days?|weeks?|months?|years?)\b/.exec(q))) {
    return lastN(Number(m[1]), m[2] ?? 'days', now);
  }
  if ((m = /(?:(\d+)\s+days?\s+ago)|(?:yesterday)|(?:today)/.exec(q))) {
    const days = q.includes('yesterday') ? 1 : q.includes('today') ? 0 : Number(m[1]);
    const target = addDays(now, -days);
    const tod = /(morning|afternoon|evening|night|noon|midnight)/.exec(q);
    return tod ? timeOfDay(target, tod[1] ?? '') : wholeDays(target, target);
  }
  if ((m = /(\d+)\s+weeks?\s+ago/.exec(q))) {
    const target = addDays(now, -7 * Number(m[1]));
    const monday = addDays(target, -weekday(target));
    return wholeDays(monday, addDays(monday, 6));
  }
  if ((m = /(\d+)\s+months?\s+ago/.exec(q))) {
    let y = now.getFullYear();
    let mo = now.getMonth() + 1 - Number(m[1]);
    while (mo <= 0) {
      y -= 1;
      mo += 12;
    }
    return monthRange(y, mo);
  }
  if ((m = /(\d+)\s+years?\s+ago/.exec(q))) {
    const y = now.getFullYear() - Number(m[1]);
    return [secs(dayStart(y, 1, 1)), secs(new Date(y, 11, 31, 23, 59, 59, 0))];
  }
  if ((m = /last\s+(day|week|month|year|summer|spring|winter|fall|autumn)/.exec(q))) {
    return periodRange(m[1] ?? '', 'last', now);
  }
  if ((m = /this\s+(day|week|month|year|summer|spring|winter|fall|autumn)/.exec(q))) {
    return periodRange(m[1] ?? '', 'this', now);
  }
  if ((m = new RegExp(`(${MONTHS.join('|')})`).exec(q))) {
    const month = MONTHS.indexOf(m[1] ?? '') + 1;
    const y = month <= now.getMonth() + 1 ? now.getFullYear() : now.getFullYear() - 1;
    return monthRange(y, month);
  }
  if ((m = /(spring|summer|winter|fall|autumn|christmas|new\s*year|valentine|halloween|thanksgiving)/.exec(q))) {
    const name = (m[1] ?? '').replace(/\s+/g, ' ').replace('newyear', 'new year');
    return name in SEASONS ? seasonRange(name, now, 'named') : holidayRange(name, now);
  }
  if ((m = /(first|second)\s+half\s+of\s+(\d{4})/.exec(q))) {
    const y = Number(m[2]);
    return m[1] === 'first'
      ? [secs(dayStart(y, 1, 1)), secs(new Date(y, 5, 30, 23, 59, 59, 0))]
      : [secs(dayStart(y, 7, 1)), secs(new Date(y, 11, 31, 23, 59, 59, 0))];
  }
  if ((m = /(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(\d{4}))?/.exec(q))) {
    const quarter = ORDINALS[m[1] ?? ''] ?? 1;
    const y = m[2] ? Number(m[2]) : now.getFullYear();
    const firstMonth = (quarter - 1) * 3 + 1;
    return [secs(dayStart(y, firstMonth, 1)), secs(new Date(y, firstMonth + 2, 0, 23, 59, 59, 0))];
  }
  if (/recent|lately|recently/.test(q)) {
    return [secs(now) - 7 * 86400, secs(now)];
  }
  return NONE;
}
