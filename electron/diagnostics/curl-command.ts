import type { ProbeCheck } from '../contract/status';

/** A value that no server accepts as a key; shown in place of the random one the console sends. */
export const wrongKeyPlaceholder = 'deliberately-wrong-key';

export interface CurlOptions {
  readonly url: string;
  readonly credential: ProbeCheck['credential'];
  readonly timeoutMs: number;
}

/**
 * The probe as a shell command a user can paste. The key is never in it: it is read from the
 * user's own `$MCP_API_KEY` (inside double quotes, so the shell expands it and it stays one word),
 * the form the service guide uses. curl, like the console, does not follow redirects without -L.
 */
export function curlCommand({ url, credential, timeoutMs }: CurlOptions): string {
  const parts = ['curl', '-sS', '-i', '--max-time', String(Math.max(1, Math.ceil(timeoutMs / 1000)))];
  if (credential === 'stored-key-bearer') parts.push('-H', '"Authorization: Bearer $MCP_API_KEY"');
  if (credential === 'wrong-key-x-api-key') parts.push('-H', `"X-API-Key: ${wrongKeyPlaceholder}"`);
  parts.push(shellWord(url));
  return parts.join(' ');
}

/** Single-quotes a word unless it is made only of characters no POSIX shell treats specially. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
