// No Node APIs here: the contract (compiled for the renderer too) may reuse this.

export type NormalisedBaseUrl =
  | { readonly ok: true; readonly url: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

const example = 'e.g. http://127.0.0.1:8000 or https://memory.example.com';

/**
 * The server's base URL as the console stores it: `scheme://host[:port][/prefix]`, lower-case
 * scheme and host, no trailing slash. The guide's endpoint form (`…/api`, as in
 * MCP_MEMORY_HTTP_ENDPOINT) is accepted and reduced to the base, because the console adds `/api`
 * itself. Any other path is kept: it is a reverse-proxy prefix (`https://host/memory`).
 */
export function normaliseBaseUrl(input: string): NormalisedBaseUrl {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return fail(`Enter the server's address (${example}).`);
  if (text.length > 2048) return fail('The address is too long.');
  if (/[\s\p{Cc}]/u.test(text)) return fail('The address contains spaces or control characters.');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (!scheme) return fail(`Start the address with http:// or https:// (${example}).`);
  const protocol = scheme[1]!.toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') {
    return fail(`Only http:// and https:// addresses are supported, not ${protocol}://.`);
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`That is not a valid address (${example}).`);
  }
  // Never echo the URL here: it contains the credentials.
  if (url.username !== '' || url.password !== '') {
    return fail('Remove the user name and password from the address; the API key is stored separately, in the keychain.');
  }
  // URL drops an empty "?" or "#", so check the text as typed as well.
  if (url.search !== '' || text.includes('?')) return fail('Remove the query (the part from "?") from the address.');
  if (url.hash !== '' || text.includes('#')) return fail('Remove the fragment (the part from "#") from the address.');
  if (url.hostname === '') return fail('The address has no host name.');
  if (url.port === '0') return fail('The port must be between 1 and 65535.');

  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const apiAt = segments.indexOf('api');
  if (apiAt >= 0 && apiAt < segments.length - 1) {
    return fail(`Use the server's base address, ending at /api or before it (found /${segments.slice(apiAt).join('/')}).`);
  }
  if (apiAt === segments.length - 1) segments.pop();
  const prefix = segments.length > 0 ? `/${segments.join('/')}` : '';

  const warnings: string[] = [];
  if (protocol === 'http' && !isLoopback(url.hostname)) {
    warnings.push('This address uses http://, so the API key crosses the network unencrypted. Use https:// for anything but this machine.');
  }
  // URL already lower-cased the host (and punycoded IDNs) and dropped default ports.
  return { ok: true, url: `${protocol}://${url.host}${prefix}`, warnings };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function fail(message: string): NormalisedBaseUrl {
  return { ok: false, message };
}
