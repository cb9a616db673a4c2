/**
 * THE console API: the single source of truth shared by the privileged side (which validates
 * every input with the schemas below), the two transports (Electron IPC, browser-mode HTTP) and
 * the renderer (which imports types only).
 *
 * Each feature declares its methods (input schemas) and outputs in electron/contract/<feature>.ts;
 * this file composes them. All of it must stay free of Node and DOM APIs: it is compiled into both
 * worlds.
 */
import type { z } from 'zod';
import { analyticsMethods, type AnalyticsOutputs } from './contract/analytics';
import { appMethods, type AppOutputs } from './contract/app';
import type { Result } from './contract/common';
import { exportMethods, type ExportOutputs } from './contract/export';
import { keyMethods, type KeyOutputs } from './contract/keys';
import { liveMethods, type LiveOutputs } from './contract/live';
import { memoryMethods, type MemoryOutputs } from './contract/memories';
import { profileMethods, type ProfileOutputs } from './contract/profiles';
import { rotationMethods, type RotationOutputs } from './contract/rotation';
import { auditMethods, statusMethods, type StatusOutputs } from './contract/status';

export * from './contract/analytics';
export * from './contract/app';
export * from './contract/common';
export * from './contract/export';
export * from './contract/keys';
export * from './contract/live';
export * from './contract/memories';
export * from './contract/profiles';
export * from './contract/rotation';
export * from './contract/status';

// ---------------------------------------------------------------------------------------------
// The methods. Each entry is the input schema; the output type is in `ContractOutputs`.

export const contract = {
  ...appMethods,
  ...profileMethods,
  ...keyMethods,
  ...memoryMethods,
  ...analyticsMethods,
  ...liveMethods,
  ...exportMethods,
  ...statusMethods,
  ...auditMethods,
  ...rotationMethods,
} as const;

export type ContractOutputs = AppOutputs &
  ProfileOutputs &
  KeyOutputs &
  MemoryOutputs &
  AnalyticsOutputs &
  LiveOutputs &
  ExportOutputs &
  StatusOutputs &
  RotationOutputs;

export type ContractMethod = keyof typeof contract;
export const contractMethods = Object.keys(contract) as readonly ContractMethod[];

/** What a caller passes (defaults may be omitted). */
export type ContractInput<M extends ContractMethod> = z.input<(typeof contract)[M]>;
/** What a handler receives after validation (defaults filled in). */
export type ValidatedInput<M extends ContractMethod> = z.output<(typeof contract)[M]>;
export type ContractOutput<M extends ContractMethod> = ContractOutputs[M];

/** The API as the renderer sees it: `window.memoryConsole` in Electron, HTTP in browser mode. */
export type ConsoleApi = {
  readonly [M in ContractMethod]: (input: ContractInput<M>) => Promise<Result<ContractOutput<M>>>;
};

// ---------------------------------------------------------------------------------------------
// Push from the privileged side carries no data, only "something changed" signals.

export type ChangeSignal =
  | { readonly kind: 'profiles-changed' }
  | { readonly kind: 'keychain-changed' }
  | { readonly kind: 'memories-changed'; readonly profileId: string }
  | { readonly kind: 'live-status'; readonly profileId: string; readonly connected: boolean };

/**
 * What the renderer finds on `window.memoryConsole` in Electron: one function per method (never a
 * generic invoke) plus a subscription to change signals that returns its unsubscribe function.
 */
export type MemoryConsoleBridge = ConsoleApi & {
  readonly onSignal: (listener: (signal: ChangeSignal) => void) => () => void;
};

export function isContractMethod(name: string): name is ContractMethod {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
