import type { Session } from 'electron';

/**
 * One Content-Security-Policy for both hosts: Electron (injected into the app's own file://
 * responses) and browser mode (sent as a header by the loopback host). Nothing inline, nothing
 * evaluated, nothing remote: the renderer talks to its host only through the bridge or `connect-src 'self'`.
 */
const directives: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

export function contentSecurityPolicy(): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * The same policy for a `<meta http-equiv>` tag: browsers ignore `frame-ancestors` there (and
 * warn about it), so it is left out. A meta tag is the fallback should a future Electron stop
 * passing file:// responses through `webRequest`.
 */
export function contentSecurityPolicyForMeta(): string {
  return directives
    .filter(([name]) => name !== 'frame-ancestors')
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export type ResponseHeaders = Readonly<Record<string, string | readonly string[]>>;

/** Replaces any policy a response carries (whatever its header casing) with ours. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = typeof value === 'string' ? [value] : [...value];
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy()];
  return result;
}

/**
 * Electron's header route rather than a meta tag: a header also carries `frame-ancestors`, and the
 * policy stays in this one module instead of being copied into the renderer's HTML. Only the app's
 * own file:// responses are touched; the dev server (MEMORY_CONSOLE_DEV_URL) needs Vite's inline
 * preamble and keeps its own headers.
 */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isFileUrl(details.url)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
    } else {
      callback({});
    }
  });
}

function isFileUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'file:';
  } catch {
    return false;
  }
}
