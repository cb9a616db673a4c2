import { afterEach, describe, expect, it } from 'vitest';
import {
  callConsole,
  ConsoleApiError,
  installConsoleTransport,
  onConsoleSignal,
  type BridgeSignal,
  type ConsoleTransport,
} from '../../../../renderer/bridge';

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

function install(answer: (method: string, input: unknown) => Promise<unknown>): ConsoleTransport {
  const transport: ConsoleTransport = {
    invoke: (method, input) => answer(method, input) as never,
    onSignal: () => () => {},
  };
  uninstall = installConsoleTransport(transport);
  return transport;
}

async function failure(promise: Promise<unknown>): Promise<ConsoleApiError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConsoleApiError);
  return error as ConsoleApiError;
}

describe('callConsole', () => {
  it('passes method and input through and resolves with the value', async () => {
    const seen: unknown[] = [];
    install((method, input) => {
      seen.push([method, input]);
      return Promise.resolve({ ok: true, value: { profiles: [], activeId: null, problems: [] } });
    });
    await expect(callConsole('profiles.list', {})).resolves.toEqual({ profiles: [], activeId: null, problems: [] });
    expect(seen).toEqual([['profiles.list', {}]]);
  });

  it('throws a typed error carrying code, message, detail and method for { ok: false }', async () => {
    install(() =>
      Promise.resolve({ ok: false, error: { code: 'auth-rejected', message: 'Key refused.', detail: 'HTTP 401' } }),
    );
    const error = await failure(callConsole('memories.list', { profileId: 'local' }));
    expect([error.code, error.message, error.detail, error.method]).toEqual([
      'auth-rejected',
      'Key refused.',
      'HTTP 401',
      'memories.list',
    ]);
  });

  it('treats an unknown error code as internal instead of trusting it', async () => {
    install(() => Promise.resolve({ ok: false, error: { code: 'made-up', message: 'Hm.' } }));
    const error = await failure(callConsole('app.info', {}));
    expect(error.code).toBe('internal');
    expect(error.detail).toContain('made-up');
  });

  it('treats an answer that is not a Result as internal', async () => {
    install(() => Promise.resolve('<html>proxy login</html>'));
    expect((await failure(callConsole('app.info', {}))).code).toBe('internal');
  });

  it('keeps a transport ConsoleApiError as is and wraps anything else thrown', async () => {
    install(() => Promise.reject(new ConsoleApiError('session-ended', 'Ended.')));
    expect((await failure(callConsole('app.info', {}))).code).toBe('session-ended');
    install(() => Promise.reject(new Error("No handler registered for 'app.info'")));
    const wrapped = await failure(callConsole('app.info', {}));
    expect([wrapped.code, wrapped.detail]).toEqual(['internal', "No handler registered for 'app.info'"]);
  });

  it('fails clearly when no transport is installed', async () => {
    expect((await failure(callConsole('app.info', {}))).code).toBe('internal');
  });

  it('forwards signals from the installed transport', () => {
    let emit: (signal: BridgeSignal) => void = () => {};
    uninstall = installConsoleTransport({
      invoke: () => Promise.reject(new Error('unused')),
      onSignal: (listener) => {
        emit = listener;
        return () => {};
      },
    });
    const received: BridgeSignal[] = [];
    onConsoleSignal((signal) => received.push(signal));
    emit({ kind: 'profiles-changed' });
    expect(received).toEqual([{ kind: 'profiles-changed' }]);
  });
});
