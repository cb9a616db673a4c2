import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The browser-mode host's gatekeeping, as pure functions. Anything on this machine can reach a
 * loopback port, and any web page can point a hostname at 127.0.0.1 (DNS rebinding), so the host
 * trusts neither the network position nor the Host header: every request must name the host's own
 * address, come from its own origin when it says where it comes from, and carry the launch token.
 */

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Host header values the host answers to: its loopback address and `localhost`, on its own port. */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** An Origin header, when present, must be the host's own origin (compared as parsed origins). */
export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  let origin: string;
  try {
    origin = new URL(originHeader).origin;
  } catch {
    return false;
  }
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Constant-time comparison that does not leak the token's length either. */
export function tokensMatch(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Cookies are not isolated by port, so two hosts on one machine need different cookie names. */
export function sessionCookieName(port: number): string {
  return `memory_console_${port}`;
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
