// Where the contract suite runs: against three local services it starts itself (modes key,
// anonymous, no-key), or — with MEMORY_SERVICE_URL, MEMORY_SERVICE_KEY, MEMORY_SERVICE_MODE — against
// one running service, using only the tests that fit its mode.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startMemoryServer, type RunningMemoryServer } from '../memory-server/index';
import { send, type HttpResponse, type RequestOptions } from './http-client';

export type Mode = 'key' | 'anonymous' | 'no-key';
export const ALL_MODES: readonly Mode[] = ['key', 'anonymous', 'no-key'];
/** Modes in which a client can read and write at all. */
export const USABLE_MODES: readonly Mode[] = ['key', 'anonymous'];

export interface Target {
  readonly mode: Mode;
  readonly baseUrl: string;
  /** The valid API key (mode "key" only). */
  readonly key: string | undefined;
  /** True when pointed at a service this suite did not start. */
  readonly external: boolean;
  /** A tag unique to this run and file: everything the suite creates carries it. */
  readonly runTag: string;
}

export interface Api {
  readonly target: Target;
  /** Credentials that work in this mode: the key as X-API-Key, or nothing (anonymous). */
  readonly auth: Readonly<Record<string, string>>;
  get(path: string, options?: RequestOptions): Promise<HttpResponse>;
  post(path: string, json: unknown, options?: RequestOptions): Promise<HttpResponse>;
  put(path: string, json: unknown, options?: RequestOptions): Promise<HttpResponse>;
  del(path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Without the default credentials: only the headers given. */
  raw(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
}

function externalMode(): Mode | undefined {
  const url = process.env['MEMORY_SERVICE_URL'];
  if (!url) return undefined;
  const mode = process.env['MEMORY_SERVICE_MODE'] as Mode | undefined;
  if (!mode || !ALL_MODES.includes(mode)) {
    throw new Error('MEMORY_SERVICE_MODE must be one of key, anonymous, no-key when MEMORY_SERVICE_URL is set');
  }
  if (mode === 'key' && !process.env['MEMORY_SERVICE_KEY']) throw new Error('MEMORY_SERVICE_KEY is required in mode "key"');
  return mode;
}

export function makeApi(target: Target): Api {
  const auth: Record<string, string> = target.mode === 'key' && target.key ? { 'X-API-Key': target.key } : {};
  const withAuth = (options: RequestOptions = {}): RequestOptions => ({ ...options, headers: { ...auth, ...options.headers } });
  return {
    target,
    auth,
    get: (path, options) => send(target.baseUrl, 'GET', path, withAuth(options)),
    post: (path, json, options) => send(target.baseUrl, 'POST', path, { ...withAuth(options), json }),
    put: (path, json, options) => send(target.baseUrl, 'PUT', path, { ...withAuth(options), json }),
    del: (path, options) => send(target.baseUrl, 'DELETE', path, withAuth(options)),
    raw: (method, path, options) => send(target.baseUrl, method, path, options),
  };
}

/** Every memory this run created carries runTag; bulk delete removes them all at the end. */
async function cleanUp(api: Api): Promise<void> {
  if (!USABLE_MODES.includes(api.target.mode)) return;
  await api.post('/api/manage/bulk-delete', { tag: api.target.runTag });
}

export interface ModeSuite {
  /** The target's API; valid inside tests and hooks (filled in by beforeAll). */
  (): Api;
}

export interface SuiteOptions {
  /** Local services only: heartbeat seconds (defaults to 1 so SSE tests are quick). */
  readonly heartbeatSeconds?: number;
}

/**
 * Registers `body` once per mode in `modes` that this run can reach. Locally each mode gets its own
 * service on a free port and a temporary data directory; externally only the configured mode runs.
 */
export function describeModes(title: string, modes: readonly Mode[], body: (api: ModeSuite) => void, options: SuiteOptions = {}): void {
  const external = externalMode();
  const runModes = external ? modes.filter((m) => m === external) : modes;
  if (runModes.length === 0) {
    describe.skip(`${title} (not applicable to mode ${String(external)})`, () => {
      it('is skipped', () => undefined);
    });
    return;
  }
  for (const mode of runModes) {
    describe(`${title} [${mode}${external ? ', external' : ''}]`, () => {
      let api: Api | undefined;
      let server: RunningMemoryServer | undefined;
      beforeAll(async () => {
        const runTag = `contract-test:${randomBytes(6).toString('hex')}`;
        if (external) {
          api = makeApi({ mode, baseUrl: process.env['MEMORY_SERVICE_URL'] as string, key: process.env['MEMORY_SERVICE_KEY'], external: true, runTag });
          return;
        }
        const key = mode === 'key' ? `mcp-${randomBytes(16).toString('hex')}` : undefined;
        server = await startMemoryServer({
          ...(key ? { apiKey: key } : {}),
          allowAnonymous: mode === 'anonymous',
          heartbeatSeconds: options.heartbeatSeconds ?? 1,
        });
        api = makeApi({ mode, baseUrl: server.url, key, external: false, runTag });
      });
      afterAll(async () => {
        if (api) await cleanUp(api);
        await server?.stop();
      });
      body(() => {
        if (!api) throw new Error('contract target not started');
        return api;
      });
    });
  }
}
