import type { ConsoleError, ErrorCode } from '../contract';

/**
 * The one error type services throw. The dispatcher turns it into an `{ ok: false }` value;
 * anything else thrown is reported as `internal` without its message, which might carry a secret.
 */
export class ConsoleFailure extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'ConsoleFailure';
    this.code = code;
    this.detail = detail;
  }

  toError(): ConsoleError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}
