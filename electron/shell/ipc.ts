import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { contractMethods, type ChangeSignal, type ContractMethod, type Result } from '../contract';
import type { ConsoleCore } from '../core/console-core';
import { SIGNAL_CHANNEL, methodChannel } from './channels';

export interface ConsoleIpcOptions {
  /** Settled after `app.whenReady`; handlers are registered before it settles and wait for it. */
  readonly core: Promise<ConsoleCore>;
  readonly isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Receives the channel and the sender's URL only: payloads may hold a key being pasted. */
  readonly onRefused: (channel: string, senderUrl: string) => void;
}

/**
 * Untrusted callers get a Result rather than a thrown error, so every channel keeps the contract's
 * promise (always resolves to a Result) and a refusal never reaches the dispatcher or a service.
 */
const refused: Result<never> = {
  ok: false,
  error: { code: 'auth-forbidden', message: 'Only the Memory Console window may call the console.' },
};

const unavailable: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The console could not start. The console log has the details.' },
};

const crashed: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong. The console log has the details.' },
};

/** One `console:<method>` handler per contract method, each behind the sender check. Returns the channels. */
export function registerConsoleIpc(ipcMain: Pick<IpcMain, 'handle'>, options: ConsoleIpcOptions): readonly string[] {
  return contractMethods.map((method) => registerMethod(ipcMain, method, options));
}

function registerMethod(ipcMain: Pick<IpcMain, 'handle'>, method: ContractMethod, options: ConsoleIpcOptions): string {
  const channel = methodChannel(method);
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
    if (!options.isTrustedSender(event)) {
      options.onRefused(channel, event.senderFrame?.url ?? '(no frame)');
      return refused;
    }
    let core: ConsoleCore;
    try {
      core = await options.core;
    } catch {
      return unavailable;
    }
    try {
      return await core.dispatch(method, payload);
    } catch {
      return crashed;
    }
  });
  return channel;
}

export interface SignalTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Change signals go only to our own windows; they carry no data, so nothing else is checked. */
export function forwardSignals(core: ConsoleCore, targets: () => readonly SignalTarget[]): () => void {
  return core.subscribe((signal: ChangeSignal) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(SIGNAL_CHANNEL, signal);
    }
  });
}
