import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contractMethods, type ChangeSignal, type Result } from '../../../electron/contract';
import type { ConsoleCore } from '../../../electron/core/console-core';
import { forwardSignals, registerConsoleIpc, type SignalTarget } from '../../../electron/shell/ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle(channel: string, listener: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  } as unknown as Pick<IpcMain, 'handle'>;
  return { ipcMain, handlers };
}

function fakeCore(dispatch: ConsoleCore['dispatch'] = async (method) => ({ ok: true, value: method })) {
  let listener: ((signal: ChangeSignal) => void) | null = null;
  const core: ConsoleCore = {
    dispatch: vi.fn(dispatch),
    subscribe(next) {
      listener = next;
      return () => {
        listener = null;
      };
    },
    close: async () => undefined,
  };
  return { core, emit: (signal: ChangeSignal) => listener?.(signal), listening: () => listener !== null };
}

const trustedEvent = { senderFrame: { url: 'file:///app/index.html' } } as unknown as IpcMainInvokeEvent;
const evilEvent = { senderFrame: { url: 'http://evil.example/' } } as unknown as IpcMainInvokeEvent;

describe('registerConsoleIpc', () => {
  function setUp(core: Promise<ConsoleCore>) {
    const { ipcMain, handlers } = fakeIpcMain();
    const refused: [string, string][] = [];
    const channels = registerConsoleIpc(ipcMain, {
      core,
      isTrustedSender: (event) => event === trustedEvent,
      onRefused: (channel, url) => refused.push([channel, url]),
    });
    return { handlers, refused, channels };
  }

  it('registers one console:<method> channel per contract method and nothing else', () => {
    const { handlers, channels } = setUp(Promise.resolve(fakeCore().core));
    const expected = contractMethods.map((method) => `console:${method}`);
    expect([...handlers.keys()]).toEqual(expected);
    expect(channels).toEqual(expected);
  });

  it('dispatches a trusted call with its method and payload only', async () => {
    const { core } = fakeCore();
    const { handlers } = setUp(Promise.resolve(core));
    for (const method of contractMethods) {
      const answer = await handlers.get(`console:${method}`)?.(trustedEvent, { probe: 1 }, 'ignored extra');
      expect(answer).toEqual({ ok: true, value: method });
      expect(core.dispatch).toHaveBeenLastCalledWith(method, { probe: 1 });
    }
  });

  it('refuses an untrusted call with auth-forbidden, never dispatching, and reports channel and URL only', async () => {
    const { core } = fakeCore();
    const { handlers, refused } = setUp(Promise.resolve(core));
    const answer = await handlers.get('console:app.info')?.(evilEvent, { apiKey: 'secret-key-being-pasted' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'auth-forbidden' } });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(refused).toEqual([['console:app.info', 'http://evil.example/']]);
    expect(JSON.stringify(answer)).not.toContain('secret-key');
  });

  it('refuses before waiting for the core', async () => {
    const { handlers } = setUp(new Promise<ConsoleCore>(() => undefined));
    await expect(handlers.get('console:app.info')?.(evilEvent, {})).resolves.toMatchObject({
      error: { code: 'auth-forbidden' },
    });
  });

  it('answers internal (without the cause) when the core failed to start', async () => {
    const failed = Promise.reject(new Error('keychain exploded with key sk-123'));
    failed.catch(() => undefined);
    const { handlers } = setUp(failed);
    const answer = await handlers.get('console:app.info')?.(trustedEvent, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('sk-123');
  });

  it('answers internal when dispatch itself throws', async () => {
    const { core } = fakeCore(async () => {
      throw new Error('boom sk-123');
    });
    const { handlers } = setUp(Promise.resolve(core));
    const answer = await handlers.get('console:app.info')?.(trustedEvent, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('sk-123');
  });
});

describe('forwardSignals', () => {
  it('sends each signal on console:signal to live targets only, and stops on unsubscribe', () => {
    const { core, emit, listening } = fakeCore();
    const sent: [string, string, unknown[]][] = [];
    const target = (name: string, destroyed: boolean): SignalTarget => ({
      isDestroyed: () => destroyed,
      send: (channel, ...args) => sent.push([name, channel, args]),
    });
    const stop = forwardSignals(core, () => [target('live', false), target('gone', true)]);
    emit({ kind: 'profiles-changed' });
    expect(sent).toEqual([['live', 'console:signal', [{ kind: 'profiles-changed' }]]]);
    stop();
    expect(listening()).toBe(false);
  });
});
