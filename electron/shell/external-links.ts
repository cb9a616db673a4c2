/**
 * Pages the console may open in the user's browser. Everything else a link or `window.open`
 * points at is dropped. Entries are an exact https origin plus a path prefix matched on whole
 * segments, so `github.com.evil.io` and `/doobidoo/mcp-memory-service-evil` do not match.
 */
interface AllowedPlace {
  readonly origin: string;
  readonly pathPrefix: string;
}

const allowedPlaces: readonly AllowedPlace[] = [
  { origin: 'https://github.com', pathPrefix: '/doobidoo/mcp-memory-service' },
  { origin: 'https://pypi.org', pathPrefix: '/project/mcp-memory-service' },
];

/** The normalized URL to open, or null when it is not on the allowlist. */
export function allowedExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const place = allowedPlaces.find((candidate) => candidate.origin === url.origin);
  if (place === undefined) return null;
  const path = url.pathname;
  const onPath = path === place.pathPrefix || path.startsWith(`${place.pathPrefix}/`);
  return onPath ? url.href : null;
}
