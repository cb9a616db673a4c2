/**
 * The service guide's key requirements as a check a user can act on:
 * minimum 16 characters (32+ recommended), URL-safe characters (base64/hex recommended),
 * cryptographically random, one key per environment.
 *
 * Character set decision: A-Z a-z 0-9 and `- . _ ~` (URL-unreserved) plus base64's `+ / =` pass
 * without a warning. The guide itself recommends `openssl rand -base64 32`, whose output contains
 * `+ / =`, and the console always sends the key in an `Authorization: Bearer` header where they are
 * harmless; a note still says a client passing it as `?api_key=` must percent-encode it.
 * Other printable ASCII (`$ # " ' \ ` space …) is a warning: it breaks .env files (`#` starts a
 * comment), systemd units (`$`, quotes, `%`) and shell quoting, which is where the server reads it.
 * Non-ASCII is an error: HTTP header values are bytes, and client and server would disagree on
 * how to encode it, so such a key can never authenticate reliably.
 */
import type { KeyIssue } from '../contract';

export type { KeyIssue } from '../contract';

export interface KeyCheck {
  /** The key with surrounding whitespace removed: what gets stored. */
  readonly key: string;
  readonly errors: readonly KeyIssue[];
  readonly warnings: readonly KeyIssue[];
  readonly notes: readonly KeyIssue[];
}

export const minimumKeyLength = 16;
export const recommendedKeyLength = 32;
export const maximumKeyLength = 4096;

const quietCharacters = /^[A-Za-z0-9\-._~+/=]*$/;
const base64Punctuation = /[+/=]/;

export function checkKey(raw: string): KeyCheck {
  const errors: KeyIssue[] = [];
  const warnings: KeyIssue[] = [];
  const notes: KeyIssue[] = [];
  const key = raw.trim();

  if (key !== raw && key.length > 0) {
    notes.push({ code: 'trimmed', message: 'Spaces or line breaks around the key were removed.' });
  }
  if (key.length === 0) {
    errors.push({ code: 'empty', message: 'The key is empty.' });
    return { key, errors, warnings, notes };
  }
  if (/[\r\n\u2028\u2029]/.test(key)) {
    errors.push({ code: 'multi-line', message: 'The key spans several lines; paste a single-line key.' });
  } else if (/\p{Cc}/u.test(key)) {
    errors.push({ code: 'control-characters', message: 'The key contains tabs or other control characters.' });
  }
  if ([...key].some((char) => char.codePointAt(0)! > 0x7e)) {
    errors.push({ code: 'non-ascii', message: 'The key contains non-ASCII characters, which cannot be sent reliably in an HTTP header.' });
  }
  if (key.length > maximumKeyLength) {
    errors.push({ code: 'too-long', message: `The key is longer than ${maximumKeyLength} characters; this does not look like an API key.` });
  }
  if (key.length < minimumKeyLength) {
    errors.push({ code: 'too-short', message: `The key has ${key.length} characters; the minimum is ${minimumKeyLength} (${recommendedKeyLength}+ recommended).` });
  } else if (key.length < recommendedKeyLength) {
    warnings.push({ code: 'short', message: `The key has ${key.length} characters; ${recommendedKeyLength} or more are recommended. Consider generating a new one.` });
  }

  if (/^bearer\s/i.test(key)) {
    warnings.push({ code: 'bearer-prefix', message: 'The key starts with "Bearer "; paste only the key, the console adds the header itself.' });
  } else if (/^(export\s+)?MCP_API_KEY\s*=/i.test(key)) {
    warnings.push({ code: 'assignment', message: 'This looks like a whole "MCP_API_KEY=…" line; paste only the value after "=".' });
  } else if (/^(["']).*\1$/.test(key) && key.length >= 2) {
    warnings.push({ code: 'quoted', message: 'The key is wrapped in quotes; the quotes would become part of the key.' });
  }
  if (errors.length === 0 && !quietCharacters.test(key)) {
    warnings.push({
      code: 'unsafe-characters',
      message: 'The key contains characters outside the URL-safe set (letters, digits, - . _ ~ + / =), which break .env files, systemd units or shell quoting.',
    });
  }
  if (base64Punctuation.test(key)) {
    notes.push({ code: 'base64-punctuation', message: 'The key contains + / or =: fine in a header, but clients that pass it as ?api_key= must percent-encode it.' });
  }
  if (key.length >= minimumKeyLength && new Set(key).size < 8) {
    warnings.push({ code: 'low-variety', message: 'The key uses very few distinct characters; it does not look randomly generated.' });
  }
  return { key, errors, warnings, notes };
}
