import type { ContractInput, ContractMethod, ContractOutput, Result } from '../../electron/contract';
import { ConsoleApiError, isConsoleApiError, isErrorCode } from './console-api-error';
import type { BridgeSignal, ConsoleTransport, Unsubscribe } from './transport';

let installed: ConsoleTransport | null = null;

/**
 * Chooses how the renderer reaches the privileged side: once at startup, or per test with a fake.
 * Returns a function that uninstalls this transport (and only this one).
 */
export function installConsoleTransport(transport: ConsoleTransport): () => void {
  installed = transport;
  return () => {
    if (installed === transport) installed = null;
  };
}

function activeTransport(): ConsoleTransport {
  if (installed === null) {
    throw new ConsoleApiError('internal', 'The console bridge was used before a transport was installed.');
  }
  return installed;
}

/** Calls one contract method; resolves with its value or throws a ConsoleApiError. */
export async function callConsole<M extends ContractMethod>(
  method: M,
  input: ContractInput<M>,
): Promise<ContractOutput<M>> {
  let result: unknown;
  try {
    result = await activeTransport().invoke(method, input);
  } catch (error) {
    if (isConsoleApiError(error)) throw error;
    // An IPC failure outside the dispatcher (no handler, sender refused) lands here.
    throw new ConsoleApiError(
      'internal',
      `The call to ${method} failed inside the console.`,
      error instanceof Error ? error.message : undefined,
      method,
    );
  }
  const checked = checkResult(result, method);
  if (checked.ok) return checked.value as ContractOutput<M>;
  throw new ConsoleApiError(checked.error.code, checked.error.message, checked.error.detail, method);
}

export function onConsoleSignal(listener: (signal: BridgeSignal) => void): Unsubscribe {
  return activeTransport().onSignal(listener);
}

/**
 * The value crossed a process (and in browser mode, a network) boundary: trust only its shape.
 * The payload itself is typed by the contract and validated on the privileged side.
 */
function checkResult(value: unknown, method: ContractMethod): Result<unknown> {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (record['ok'] === true && 'value' in record) return { ok: true, value: record['value'] };
    const error = record['error'];
    if (record['ok'] === false && typeof error === 'object' && error !== null) {
      const { code, message, detail } = error as Record<string, unknown>;
      const text = typeof message === 'string' && message.length > 0 ? message : `${method} failed.`;
      const extra = typeof detail === 'string' ? detail : undefined;
      if (isErrorCode(code)) {
        return { ok: false, error: extra === undefined ? { code, message: text } : { code, message: text, detail: extra } };
      }
      return { ok: false, error: { code: 'internal', message: text, detail: `Unknown error code ${String(code)}.` } };
    }
  }
  return { ok: false, error: { code: 'internal', message: `The answer to ${method} was not a console result.` } };
}
