import { isIP } from 'node:net';

/**
 * Plain http:// is acceptable only to this machine. `URL.hostname` keeps IPv6 brackets, and any
 * 127.0.0.0/8 address and *.localhost name are loopback (RFC 6761).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || /^::ffff:7f/.test(host);
  return false;
}
