import type { ChangeSignal } from '../contract';
import type { Dispatch } from './dispatcher';

export interface ConsoleCoreOptions {
  readonly mode: 'electron' | 'browser';
  /** The console's settings directory (MEMORY_CONSOLE_HOME or the OS's usual config dir). */
  readonly homeDir: string;
}

export interface ConsoleCore {
  readonly dispatch: Dispatch;
  /** Change signals for the renderer; they carry no data. Returns an unsubscribe function. */
  subscribe(listener: (signal: ChangeSignal) => void): () => void;
  close(): Promise<void>;
}

export async function createConsoleCore(options: ConsoleCoreOptions): Promise<ConsoleCore> {
  throw new Error(`createConsoleCore(${options.mode}) is being written`);
}
