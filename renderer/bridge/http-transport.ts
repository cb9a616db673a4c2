import type { ChangeSignal, Result } from '../../electron/contract';
import { ConsoleApiError } from './console-api-error';
import type { BridgeSignal, ConsoleTransport } from './transport';

export interface HttpTransportOptions {
  readonly fetch?: typeof fetch;
  readonly EventSource?: typeof EventSource;
}

/**
 * Browser mode: the same contract over the loopback host. The launch token travels as an
 * HttpOnly cookie the page never sees; the custom header is what the host checks to refuse
 * requests a foreign page could forge (a cross-site form cannot set it).
 */
export function createHttpTransport(options: HttpTransportOptions = {}): ConsoleTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await doFetch(`/rpc/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Memory-Console': '1' },
          body: JSON.stringify(input),
          credentials: 'same-origin',
        });
      } catch (error) {
        throw new ConsoleApiError(
          'host-unreachable',
          'The console host did not answer.',
          error instanceof Error ? error.message : undefined,
          method,
        );
      }
      if (response.status === 401) {
        throw new ConsoleApiError('session-ended', 'This console session has ended.', undefined, method);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ConsoleApiError(
          'internal',
          `The console host answered HTTP ${response.status} without a readable result.`,
          undefined,
          method,
        );
      }
      // Validation of the body's shape happens once, in callConsole, for every transport.
      return body as Result<never>;
    },

    onSignal(listener) {
      const source = new EventSourceImpl('/signals');
      // Anything sent while the stream is not open is lost: before it first opens (the page may
      // already have asked for things whose changes are signalled, such as a live stream going
      // live) and while EventSource reconnects after an error. Every open therefore asks
      // listeners to refresh what they show.
      let interrupted = true;
      const onMessage = (event: MessageEvent<unknown>) => {
        const signal = parseSignal(event.data);
        if (signal !== null) listener(signal);
      };
      const onError = () => {
        interrupted = true;
      };
      const onOpen = () => {
        if (interrupted) {
          interrupted = false;
          listener({ kind: 'resync' });
        }
      };
      source.addEventListener('signal', onMessage);
      source.addEventListener('error', onError);
      source.addEventListener('open', onOpen);
      return () => {
        source.removeEventListener('signal', onMessage);
        source.removeEventListener('error', onError);
        source.removeEventListener('open', onOpen);
        source.close();
      };
    },
  };
}

/** Signals arrive as text from the network: anything not exactly a known signal is dropped. */
export function parseSignal(data: unknown): BridgeSignal | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  const profileId = record['profileId'];
  switch (kind) {
    case 'profiles-changed':
    case 'keychain-changed':
      return { kind } satisfies ChangeSignal;
    case 'memories-changed':
      return typeof profileId === 'string' ? { kind, profileId } : null;
    case 'live-status': {
      const connected = record['connected'];
      return typeof profileId === 'string' && typeof connected === 'boolean' ? { kind, profileId, connected } : null;
    }
    default:
      return null;
  }
}
