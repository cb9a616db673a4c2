import type { ContractMethod, ErrorCode } from '../../electron/contract';

/**
 * Failures only the renderer's side of the bridge can see: the contract's codes describe what
 * happened behind the bridge, these describe the bridge itself.
 * - `session-ended`: browser mode's host answered 401 (launch-token cookie missing or expired).
 * - `host-unreachable`: the browser-mode host did not answer at all (its process stopped).
 */
export type BridgeErrorCode = 'session-ended' | 'host-unreachable';
export type ConsoleApiErrorCode = ErrorCode | BridgeErrorCode;

/** The one error type the renderer throws for console calls, so TanStack Query sees failures. */
export class ConsoleApiError extends Error {
  readonly code: ConsoleApiErrorCode;
  readonly detail: string | undefined;
  readonly method: ContractMethod | undefined;

  constructor(code: ConsoleApiErrorCode, message: string, detail?: string, method?: ContractMethod) {
    super(message);
    this.name = 'ConsoleApiError';
    this.code = code;
    this.detail = detail;
    this.method = method;
  }
}

export function isConsoleApiError(error: unknown): error is ConsoleApiError {
  return error instanceof ConsoleApiError;
}

/**
 * The contract's codes, restated so a code this renderer does not know (a newer host) is caught
 * at runtime; the Record type makes the compiler flag any code added to the contract.
 * The renderer may import only types from the contract, hence no shared runtime list.
 */
const knownErrorCodes: Readonly<Record<ErrorCode, true>> = {
  'invalid-input': true,
  'keychain-unavailable': true,
  'server-unreachable': true,
  'auth-missing': true,
  'auth-rejected': true,
  'auth-forbidden': true,
  'tls-untrusted': true,
  'server-error': true,
  'bad-response': true,
  'not-found': true,
  conflict: true,
  internal: true,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(knownErrorCodes, value);
}
