import { pathToFileURL } from 'node:url';

/** Where the window's document comes from: the packaged file, or a dev server during development. */
export type RendererLocation =
  | { readonly kind: 'file'; readonly path: string; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string };

export const RENDERER_INDEX = ['dist', 'renderer', 'index.html'] as const;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function fileRendererLocation(indexPath: string): RendererLocation {
  return { kind: 'file', path: indexPath, url: pathToFileURL(indexPath).href };
}

/**
 * Accepts a dev server only on plain http on this machine: the dev URL gets the same IPC trust as
 * the packaged file, so it must not be able to point the window at anything remote.
 */
export function parseDevServerUrl(raw: string): RendererLocation | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.username !== '' || url.password !== '') return null;
  return { kind: 'dev-server', url: url.href };
}

/**
 * True when `candidate` is the renderer's own document. Parsed URLs are compared, never string
 * prefixes: `file:///app/dist/renderer/index.html.evil` or `http://localhost:5173.evil.io` must fail.
 * Only the fragment may differ (client-side routing); a dev server is matched by origin.
 */
export function isRendererDocument(
  candidate: string,
  location: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): boolean {
  const url = parse(candidate);
  const expected = parse(location.url);
  if (url === null || expected === null) return false;
  switch (location.kind) {
    case 'dev-server':
      return url.origin === expected.origin;
    case 'file':
      return (
        url.protocol === 'file:' &&
        url.host === expected.host &&
        url.search === expected.search &&
        samePath(url.pathname, expected.pathname, platform)
      );
  }
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const left = decode(a);
  const right = decode(b);
  if (left === null || right === null) return false;
  // Windows and default macOS file systems are case-insensitive; Electron may report a drive
  // letter or folder in a different case than path.join produced.
  return platform === 'win32' || platform === 'darwin' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function decode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
