import type { Environment } from '../contract/common';
import type { ServerFacts, ServerStatus, StatusSeverity, StatusWarning } from '../contract/status';
import { isLoopbackHost } from './loopback';

export interface StatusWords {
  readonly severity: StatusSeverity;
  readonly label: string;
  readonly message: string;
  readonly fix: string;
}

export interface WordsContext {
  readonly baseUrl: string;
  readonly environment: Environment;
  readonly timeoutMs: number;
}

/** The plain words for every status; the switch is exhaustive, so a new status cannot go unexplained. */
export function describeStatus(status: ServerStatus, context: WordsContext): StatusWords {
  const host = hostOf(context.baseUrl);
  const production = context.environment === 'production';
  switch (status.kind) {
    case 'unreachable':
      switch (status.reason) {
        case 'dns':
          return danger('Unreachable: unknown host', `The name “${hostname(context.baseUrl)}” could not be resolved (DNS), so no request was sent.`, 'Check the spelling of the host name in the server’s address, and that this machine can resolve it (VPN, /etc/hosts, DNS).');
        case 'refused':
          return danger('Unreachable: connection refused', `Nothing is listening at ${host}: the connection was refused.`, 'Start the memory service (python install_service.py --status tells whether it runs), and check the port in the server’s address.');
        case 'timeout':
          return danger('Unreachable: no answer', `${host} did not answer within ${seconds(context.timeoutMs)}.`, 'The server may be overloaded or stuck, or a firewall drops the traffic. Check the service’s log and the network path, then check again.');
        case 'reset':
          return danger('Unreachable: connection dropped', `${host} closed the connection without answering.`, 'Check that the address points at the memory service’s port (not another service), and the service’s log.');
        case 'other':
          return danger('Unreachable', `The request to ${host} failed before the server answered.`, 'Check the server’s address and that the memory service is running.');
      }
      break;
    case 'tls-problem':
      switch (status.reason) {
        case 'self-signed':
          return danger('Certificate not trusted', `${host} presented a certificate that no authority this machine trusts has signed (self-signed). The console sent nothing else to it.`, 'If this is your server’s own certificate, compare its SHA-256 fingerprint below with the one on the server (openssl x509 -noout -fingerprint -sha256 -in cert.pem) and trust it for this profile. Otherwise install a certificate from a trusted authority.');
        case 'expired':
          return danger('Certificate expired', `${host} presented a certificate that has expired or is not yet valid.`, 'Renew the server’s certificate (MCP_SSL_CERT_FILE) and restart the service; also check this machine’s clock.');
        case 'wrong-host':
          return danger('Certificate for another host', `${host} presented a certificate issued for a different host name.`, 'Use the host name the certificate was issued for in the server’s address, or issue a certificate that names this host.');
        case 'pin-mismatch':
          return danger('Certificate changed', `${host} presented a different certificate from the one you trusted for this profile, so the console refused to send your key.`, 'If the server’s certificate was renewed on purpose, compare the new fingerprint with the one on the server and trust it. If not, someone may be intercepting the connection: do not trust it.');
        case 'other':
          return danger('Secure connection failed', `The secure connection to ${host} could not be established.`, 'Check that the address uses https:// only if the server has HTTPS turned on (MCP_HTTPS_ENABLED=true), and the server’s certificate settings.');
      }
      break;
    case 'not-memory-service':
      switch (status.reason) {
        case 'not-found':
          return danger('Not a memory service', `${host} answered 404 Not Found where a memory service answers: the address is wrong or this is another application.`, 'Check the server’s address: the memory service’s routes start at /api (e.g. http://127.0.0.1:8000). Behind a proxy, include the proxy’s path prefix.');
        case 'html':
          return danger('Not a memory service', `${host} answered with a web page (HTML) where a memory service answers with JSON.`, 'Check the server’s address: it points at a web page, a login portal or a proxy’s error page, not at the memory service’s API.');
        case 'not-json':
          return danger('Not a memory service', `${host} answered with something other than JSON where a memory service answers with JSON.`, 'Check the server’s address and port.');
        case 'unexpected-health':
          return danger('Not a memory service', `GET /api/health on ${host} did not answer {"status":"healthy"}.`, 'Check the address. If it is a memory service, its own health check is failing: read its log.');
        case 'unexpected-answer':
          return danger('Not a memory service', `${host} answered in a way no MCP Memory Service does (HTTP ${status.httpStatus ?? '?'}).`, 'Check the server’s address, and any proxy in front of the service.');
        case 'redirect':
          return danger('Redirected', `${host} redirected (HTTP ${status.httpStatus ?? '?'}) ${status.location ? `to ${status.location}` : 'elsewhere'}. The console never follows a redirect, so your key never goes to another address.`, 'If the new address is right, change the server’s address to it (often http:// → https://).');
        case 'too-large':
          return danger('Not a memory service', `${host} sent an answer far larger than a health check.`, 'Check the server’s address.');
      }
      break;
    case 'server-error':
      return danger('Server error', `${host} (or a proxy in front of it) failed with HTTP ${status.httpStatus}.`, status.httpStatus === 502 || status.httpStatus === 503 || status.httpStatus === 504 ? 'A proxy could not reach the memory service behind it: check that the service runs and the proxy’s upstream address.' : 'Read the memory service’s log (journalctl -u mcp-memory -f, or ~/.mcp_memory_service/logs/).');
    case 'no-key-stored':
      return danger('No key stored', `${host} requires an API key and this profile has none.`, 'Store the server’s key (MCP_API_KEY) in this profile: paste it, or import it from the service’s configuration.');
    case 'key-accepted':
      return { severity: 'ok', label: 'Key accepted', message: `${host} accepted the stored key${facts(status.server)}.`, fix: '' };
    case 'key-rejected':
      return danger('Key rejected', rejectedMessage(status, host), rejectedFix(status));
    case 'forbidden':
      return danger('Forbidden', status.scopeError ? `${host} accepted the credential but it lacks a scope this check needs (403 insufficient_scope).` : `${host} answered 403 Forbidden to the stored key; the service itself never says this for a key, so a proxy in between may be refusing it.`, status.scopeError ? 'Use the server’s API key (it carries every scope); an OAuth token or anonymous access has fewer.' : 'Check the proxy’s access rules, or try the service’s own address directly.');
    case 'server-has-no-key':
      return danger('Server has no key', `${host} has no API key configured and anonymous access is off, so it refuses everyone (“Set MCP_ALLOW_ANONYMOUS_ACCESS=true to enable anonymous access”).`, 'Set MCP_API_KEY on the server (and store the same key here), then restart the service. Turning on anonymous access instead is not recommended outside development.');
    case 'open-to-anyone': {
      const message = status.keyStored
        ? `${host} accepted the stored key${facts(status.server)}, but it also lets anyone in without a key (anonymous access is on).`
        : `${host} lets anyone read and write memories without a key (anonymous access is on)${facts(status.server)}.`;
      const fix = 'Set MCP_API_KEY on the server, remove MCP_ALLOW_ANONYMOUS_ACCESS (or set it to false), restart the service, and store the key here.';
      return { severity: production ? 'danger' : 'warning', label: 'Open to anyone', message, fix };
    }
    case 'anonymous-trap':
      return {
        severity: 'danger',
        label: 'Key not checked',
        message: `${host} accepted the stored key${facts(status.server)}, but it also accepted a deliberately wrong key (sent as X-API-Key) as anonymous. Your key is not actually being checked: anyone can read and write.`,
        fix: 'On the server, remove MCP_ALLOW_ANONYMOUS_ACCESS (or set it to false) and restart the service. Keep MCP_API_KEY set.',
      };
  }
  throw new Error('unreachable');
}

export function statusWarnings(status: ServerStatus, context: WordsContext & { readonly keyStored: boolean }): StatusWarning[] {
  const warnings: StatusWarning[] = [];
  const url = safeUrl(context.baseUrl);
  if (url?.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    warnings.push({
      code: 'plain-http',
      severity: context.environment === 'production' ? 'danger' : 'warning',
      message: `This server is reached over plain http://, so ${context.keyStored ? 'the API key and ' : ''}every memory cross the network unencrypted. The guide: use HTTPS in production (MCP_HTTPS_ENABLED=true).`,
    });
  }
  const anonymousOn = status.kind === 'open-to-anyone' || status.kind === 'anonymous-trap' || (status.kind === 'key-rejected' && status.anonymousOpen);
  if (anonymousOn && context.environment === 'production') {
    warnings.push({
      code: 'anonymous-in-production',
      severity: 'danger',
      message: 'This is a production server with anonymous access on: anyone who can reach it can read, change and delete memories. The guide does not recommend anonymous access for production.',
    });
  } else if (status.kind === 'key-rejected' && status.anonymousOpen) {
    warnings.push({
      code: 'anonymous-open',
      severity: 'warning',
      message: 'The server also answers without any key (anonymous access is on). The console still sends your stored key, and the service refuses a wrong Bearer key even then.',
    });
  }
  return warnings;
}

function rejectedMessage(status: Extract<ServerStatus, { kind: 'key-rejected' }>, host: string): string {
  switch (status.reason) {
    case 'invalid-token':
      return `${host} compared the stored key with its own and they differ (401 invalid_token).`;
    case 'authorization-required':
      return `${host} answered as if no key had been sent (401 authorization_required), although the console sent one as Authorization: Bearer. Something between may drop the Authorization header.`;
    case 'guide-unauthorized':
      return `${host} refused the stored key (401 “Missing or invalid API key”).`;
    case 'guide-forbidden':
      return `${host} refused the stored key (403 “Invalid API key”).`;
    case 'other':
      return `${host} refused the stored key (HTTP ${status.httpStatus}).`;
  }
}

function rejectedFix(status: Extract<ServerStatus, { kind: 'key-rejected' }>): string {
  if (status.reason === 'authorization-required') {
    return 'If a proxy sits in front of the service, make it pass the Authorization header through. Otherwise check that the server still has a key set (MCP_API_KEY).';
  }
  return 'Check that the stored key matches MCP_API_KEY on the server: compare the fingerprint (printf %s "$MCP_API_KEY" | sha256sum | cut -c1-12), look for stray whitespace, and whether the key was rotated on the server. Then store the current key.';
}

function facts(server: ServerFacts): string {
  const parts: string[] = [];
  if (server.version) parts.push(`version ${server.version}`);
  if (server.backend) parts.push(server.backend);
  if (server.memoryCount !== null) parts.push(`${server.memoryCount.toLocaleString('en-US')} memories`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function danger(label: string, message: string, fix: string): StatusWords {
  return { severity: 'danger', label, message, fix };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function safeUrl(baseUrl: string): URL | null {
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

function hostOf(baseUrl: string): string {
  return safeUrl(baseUrl)?.host || baseUrl;
}

function hostname(baseUrl: string): string {
  return safeUrl(baseUrl)?.hostname || baseUrl;
}
