import { createHttpTransport } from './http-transport';
import { createPreloadTransport } from './preload-transport';
import type { ConsoleTransport } from './transport';

/** Electron's preload defines `window.memoryConsole`; without it we are in browser mode. */
export function chooseTransport(target: Window = window): ConsoleTransport {
  return target.memoryConsole ? createPreloadTransport(target.memoryConsole) : createHttpTransport();
}
