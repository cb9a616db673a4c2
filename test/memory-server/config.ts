// Server configuration, read from the same environment variables as the real service, plus the
// documented MCP_API_KEYS extension (several keys at once, for zero-downtime rotation tests).

export interface HttpsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface ServerConfig {
  /** Every accepted API key; empty means "no key configured". */
  readonly apiKeys: readonly string[];
  readonly allowAnonymous: boolean;
  readonly host: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
  readonly dataDir: string;
  readonly heartbeatSeconds: number;
  /** undefined = plain HTTP. */
  readonly https: HttpsFiles | undefined;
  readonly corsOrigins: readonly string[];
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8000;
export const DEFAULT_HEARTBEAT_SECONDS = 30;
export const DEFAULT_CORS_ORIGINS: readonly string[] = ['http://localhost:8000', 'http://127.0.0.1:8000'];

/** The real server's truthy spellings for boolean environment variables. */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** MCP_API_KEY plus the comma-separated MCP_API_KEYS, empty entries dropped, duplicates removed. */
export function keysFromEnv(env: NodeJS.ProcessEnv): string[] {
  const keys: string[] = [];
  const single = env['MCP_API_KEY'];
  if (single !== undefined && single !== '') keys.push(single);
  for (const part of (env['MCP_API_KEYS'] ?? '').split(',')) {
    const key = part.trim();
    if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Heartbeat seconds. The real server clamps MCP_SSE_HEARTBEAT to 5..300; this one accepts down to
 * 0.1 s so tests need not wait, and falls back to 30 for anything unparseable.
 */
export function parseHeartbeat(value: string | number | undefined): number {
  const n = typeof value === 'number' ? value : value === undefined ? NaN : Number(value.trim());
  if (!Number.isFinite(n) || n <= 0) return DEFAULT_HEARTBEAT_SECONDS;
  return Math.min(300, Math.max(0.1, n));
}

export function parsePort(value: string | number | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Invalid port: ${String(value)}`);
  return n;
}

/** Everything but the data directory, which the caller decides (flag, env or a temp dir). */
export function configFromEnv(env: NodeJS.ProcessEnv): Omit<ServerConfig, 'dataDir'> {
  const httpsOn = envFlag(env['MCP_HTTPS_ENABLED']);
  const cert = env['MCP_SSL_CERT_FILE'];
  const key = env['MCP_SSL_KEY_FILE'];
  return {
    apiKeys: keysFromEnv(env),
    allowAnonymous: envFlag(env['MCP_ALLOW_ANONYMOUS_ACCESS']),
    host: env['MCP_HTTP_HOST'] || DEFAULT_HOST,
    port: parsePort(env['MCP_HTTP_PORT'], DEFAULT_PORT),
    heartbeatSeconds: parseHeartbeat(env['MCP_SSE_HEARTBEAT']),
    https: httpsOn ? { certFile: cert ?? '', keyFile: key ?? '' } : undefined,
    // Like the real server: split on commas with no trimming.
    corsOrigins: env['MCP_CORS_ORIGINS'] ? env['MCP_CORS_ORIGINS'].split(',') : DEFAULT_CORS_ORIGINS,
  };
}
