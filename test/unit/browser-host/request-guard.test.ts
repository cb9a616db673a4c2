import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  isOwnHost,
  isOwnOrigin,
  newLaunchToken,
  readCookie,
  tokensMatch,
} from '../../../electron/browser-host/request-guard';

describe('request guard', () => {
  it('accepts only its own loopback host and port (DNS rebinding defence)', () => {
    expect(isOwnHost('127.0.0.1:4100', 4100)).toBe(true);
    expect(isOwnHost('localhost:4100', 4100)).toBe(true);
    expect(isOwnHost('evil.example:4100', 4100)).toBe(false);
    expect(isOwnHost('127.0.0.1:4101', 4100)).toBe(false);
    expect(isOwnHost('127.0.0.1', 4100)).toBe(false);
    expect(isOwnHost(undefined, 4100)).toBe(false);
  });

  it('accepts a missing Origin or its own, refuses any other', () => {
    expect(isOwnOrigin(undefined, 4100)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:4100', 4100)).toBe(true);
    expect(isOwnOrigin('http://localhost:4100', 4100)).toBe(true);
    expect(isOwnOrigin('null', 4100)).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1:4100', 4100)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:4100.evil.io', 4100)).toBe(false);
    expect(isOwnOrigin('http://evil.example', 4100)).toBe(false);
  });

  it('makes unguessable tokens and compares them exactly', () => {
    const a = newLaunchToken();
    const b = newLaunchToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokensMatch(a, a)).toBe(true);
    expect(tokensMatch(b, a)).toBe(false);
    expect(tokensMatch(a.slice(0, -1), a)).toBe(false);
    expect(tokensMatch(undefined, a)).toBe(false);
    expect(tokensMatch('', a)).toBe(false);
  });

  it('reads the session cookie and bearer token', () => {
    expect(readCookie('a=1; memory_console_4100=tok; b=2', 'memory_console_4100')).toBe('tok');
    expect(readCookie('memory_console_41000=other', 'memory_console_4100')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});
