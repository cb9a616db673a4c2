import type { ContractMethod } from '../contract';

/**
 * IPC channel names, shared by main and preload. Each contract method gets its own channel so
 * the main side can register exactly the contract and nothing else (no generic "invoke").
 */
const METHOD_CHANNEL_PREFIX = 'console:';

export const SIGNAL_CHANNEL = 'console:signal';

/** The name under which the preload exposes the bridge: `window.memoryConsole`. */
export const BRIDGE_KEY = 'memoryConsole';

export type MethodChannel = `console:${ContractMethod}`;

export function methodChannel<M extends ContractMethod>(method: M): `console:${M}` {
  return `${METHOD_CHANNEL_PREFIX}${method}`;
}
