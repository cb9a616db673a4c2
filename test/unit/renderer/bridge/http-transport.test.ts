import { describe, expect, it } from 'vitest';
import { ConsoleApiError, createHttpTransport, type BridgeSignal } from '../../../../renderer/bridge';
import { parseSignal } from '../../../../renderer/bridge/http-transport';

type FetchArgs = [input: RequestInfo | URL, init?: RequestInit];

function fakeFetch(respond: () => Response | Promise<Response>) {
  const requests: FetchArgs[] = [];
  const impl = ((...args: FetchArgs) => {
    requests.push(args);
    return Promise.resolve().then(respond);
  }) as typeof fetch;
  return { impl, requests };
}

/** Enough of EventSource to drive the transport: named events, open/error, close. */
class FakeEventSource extends EventTarget {
  static last: FakeEventSource | undefined;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
  send(data: string) {
    this.dispatchEvent(new MessageEvent('signal', { data }));
  }
}

async function rejection(promise: Promise<unknown>): Promise<ConsoleApiError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConsoleApiError);
  return error as ConsoleApiError;
}

describe('browser-mode HTTP transport', () => {
  it('POSTs the input as JSON to /rpc/<method> with the console header and same-origin credentials', async () => {
    const { impl, requests } = fakeFetch(() => Response.json({ ok: true, value: 42 }));
    const transport = createHttpTransport({ fetch: impl });
    await expect(transport.invoke('memories.list', { profileId: 'local', page: 2 })).resolves.toEqual({ ok: true, value: 42 });

    const [url, init] = requests[0] ?? [];
    expect(url).toBe('/rpc/memories.list');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toEqual({ 'Content-Type': 'application/json', 'X-Memory-Console': '1' });
    expect(JSON.parse(String(init?.body))).toEqual({ profileId: 'local', page: 2 });
  });

  it('passes an error Result through whatever the status', async () => {
    const body = { ok: false, error: { code: 'invalid-input', message: 'Invalid input. page: too small' } };
    const transport = createHttpTransport({ fetch: fakeFetch(() => Response.json(body, { status: 400 })).impl });
    await expect(transport.invoke('app.info', {})).resolves.toEqual(body);
  });

  it('turns a 401 from the host into session-ended', async () => {
    const transport = createHttpTransport({ fetch: fakeFetch(() => new Response('', { status: 401 })).impl });
    expect((await rejection(transport.invoke('app.info', {}))).code).toBe('session-ended');
  });

  it('turns a network failure into host-unreachable', async () => {
    const transport = createHttpTransport({
      fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl,
    });
    const error = await rejection(transport.invoke('app.info', {}));
    expect([error.code, error.detail]).toEqual(['host-unreachable', 'Failed to fetch']);
  });

  it('turns a body that is not JSON into internal', async () => {
    const transport = createHttpTransport({ fetch: fakeFetch(() => new Response('<h1>502</h1>', { status: 502 })).impl });
    const error = await rejection(transport.invoke('app.info', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('502');
  });

  it('delivers signals from /signals, drops malformed ones, asks for a resync on opening and after a reconnect, closes on unsubscribe', () => {
    const transport = createHttpTransport({ EventSource: FakeEventSource as unknown as typeof EventSource });
    const received: BridgeSignal[] = [];
    const unsubscribe = transport.onSignal((signal) => received.push(signal));
    const source = FakeEventSource.last as FakeEventSource;
    expect(source.url).toBe('/signals');

    // Signals sent before the stream opened were lost: the first open asks for a refresh.
    source.dispatchEvent(new Event('open'));
    source.send(JSON.stringify({ kind: 'memories-changed', profileId: 'local' }));
    source.send('not json');
    source.send(JSON.stringify({ kind: 'memories-changed' }));
    source.dispatchEvent(new Event('error'));
    source.dispatchEvent(new Event('open'));
    unsubscribe();

    expect(received).toEqual([{ kind: 'resync' }, { kind: 'memories-changed', profileId: 'local' }, { kind: 'resync' }]);
    expect(source.closed).toBe(true);
  });
});

describe('parseSignal', () => {
  it('accepts exactly the contract’s signal shapes', () => {
    expect(parseSignal('{"kind":"profiles-changed"}')).toEqual({ kind: 'profiles-changed' });
    expect(parseSignal('{"kind":"keychain-changed","extra":1}')).toEqual({ kind: 'keychain-changed' });
    expect(parseSignal('{"kind":"live-status","profileId":"a","connected":true}')).toEqual({
      kind: 'live-status',
      profileId: 'a',
      connected: true,
    });
    expect(parseSignal('{"kind":"live-status","profileId":"a"}')).toBeNull();
    expect(parseSignal('{"kind":"resync"}')).toBeNull();
    expect(parseSignal('null')).toBeNull();
    expect(parseSignal(undefined)).toBeNull();
  });
});
