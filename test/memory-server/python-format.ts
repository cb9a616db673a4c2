// Byte-level imitations of what the Python server prints, so a client comparing the local
// service with the real one sees the same timestamp and JSON spellings.

/** Current time as Unix seconds with microsecond resolution, like Python's time.time(). */
export function nowSeconds(): number {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000);
  return micros / 1e6;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function splitMicros(seconds: number): { date: Date; micros: number } {
  // Python rounds fromtimestamp() to the nearest microsecond.
  const totalMicros = Math.round(seconds * 1e6);
  const ms = Math.floor(totalMicros / 1000);
  const micros = totalMicros - Math.floor(totalMicros / 1e6) * 1e6;
  return { date: new Date(ms), micros };
}

function dateTimeParts(seconds: number): { head: string; micros: number } {
  const { date, micros } = splitMicros(seconds);
  const head =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return { head, micros };
}

/**
 * `datetime.fromtimestamp(ts, timezone.utc).isoformat().replace('+00:00', 'Z')`, the spelling of
 * created_at_iso / updated_at_iso. Python drops the fraction entirely when it is zero.
 */
export function isoZ(seconds: number): string {
  const { head, micros } = dateTimeParts(seconds);
  return micros === 0 ? `${head}Z` : `${head}.${pad(micros, 6)}Z`;
}

/** `datetime.now(timezone.utc).isoformat()`, used in SSE payloads and status answers. */
export function isoOffset(seconds: number = nowSeconds()): string {
  const { head, micros } = dateTimeParts(seconds);
  return micros === 0 ? `${head}+00:00` : `${head}.${pad(micros, 6)}+00:00`;
}

/** `str(datetime.now(timezone.utc))`, which sse-starlette puts in its comment pings. */
export function pyStrDatetime(seconds: number = nowSeconds()): string {
  return isoOffset(seconds).replace('T', ' ');
}

function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += s[i];
  }
  return out + '"';
}

/**
 * Python's `json.dumps(value)` with its defaults (", " and ": " separators, ensure_ascii). SSE
 * payloads are built with it, unlike REST answers which FastAPI writes compactly.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'NaN';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '[' + value.map((v) => pyJsonDumps(v)).join(', ') + ']';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pyString(k)}: ${pyJsonDumps(v)}`);
    return '{' + parts.join(', ') + '}';
  }
  return 'null';
}
