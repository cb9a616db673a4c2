import type { MemoryConsoleBridge } from '../../electron/contract';

/** The preload's bridge, typed once in the contract so main, preload and renderer agree. */
export type PreloadApi = MemoryConsoleBridge;

declare global {
  interface Window {
    /** Present only inside Electron; browser mode talks HTTP to its host instead. */
    readonly memoryConsole?: PreloadApi;
  }
}
