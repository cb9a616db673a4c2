const units: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absoluteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "3 minutes ago"; `unixSeconds` as the server sends it (float seconds, UTC). */
export function formatRelative(unixSeconds: number, nowMs: number): string {
  const diff = unixSeconds - nowMs / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return relativeFormat.format(0, 'second');
  for (const [unit, seconds] of units) {
    if (abs >= seconds) return relativeFormat.format(Math.round(diff / seconds), unit);
  }
  return relativeFormat.format(0, 'second');
}

export function formatAbsolute(unixSeconds: number): string {
  return absoluteFormat.format(new Date(unixSeconds * 1000));
}
