import type { ChangeSignal, ConsoleApi } from '../../electron/contract';

/**
 * What Electron's preload exposes as `window.memoryConsole`: one function per contract method
 * (never a generic invoke, DESIGN rule 5) plus a subscription to change signals.
 */
export type PreloadApi = ConsoleApi & {
  readonly onSignal: (listener: (signal: ChangeSignal) => void) => () => void;
};

declare global {
  interface Window {
    /** Present only inside Electron; browser mode talks HTTP to its host instead. */
    readonly memoryConsole?: PreloadApi;
  }
}
