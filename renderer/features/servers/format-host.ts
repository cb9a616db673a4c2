/** The host (and port) of a profile's base URL: what tells two servers apart at a glance. */
export function formatHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
