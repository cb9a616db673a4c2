export { callConsole, installConsoleTransport, onConsoleSignal } from './call-console';
export { chooseTransport } from './choose-transport';
export { createHttpTransport } from './http-transport';
export { createPreloadTransport } from './preload-transport';
export {
  ConsoleApiError,
  isConsoleApiError,
  type BridgeErrorCode,
  type ConsoleApiErrorCode,
} from './console-api-error';
export type { BridgeSignal, ConsoleTransport, Unsubscribe } from './transport';
export type { PreloadApi } from './memory-console';
