import { isConsoleApiError, type ConsoleApiErrorCode } from '../bridge';
import { assertNever } from '../lib/assert-never';

export interface ErrorAdvice {
  /** What went wrong, in a few plain words. */
  readonly title: string;
  /** What the user can do about it. */
  readonly nextStep: string;
}

/** The one place that turns an error code into words; every screen uses it. */
export function adviceFor(code: ConsoleApiErrorCode): ErrorAdvice {
  switch (code) {
    case 'server-unreachable':
      return {
        title: 'The memory server is unreachable',
        nextStep: 'Check that the memory service is running and that the server’s URL is right, then retry.',
      };
    case 'auth-missing':
      return {
        title: 'This server needs an API key',
        nextStep: 'The server does not allow anonymous access. Store its API key (MCP_API_KEY) in this server’s profile.',
      };
    case 'auth-rejected':
      return {
        title: 'The server refused the API key',
        nextStep: 'Check the key stored for this server. If the key was changed on the server, store the new one or rotate it.',
      };
    case 'auth-forbidden':
      return {
        title: 'The key is not allowed to do this',
        nextStep: 'The key was accepted but lacks the permission (scope) this needs. Use a key with that scope.',
      };
    case 'tls-untrusted':
      return {
        title: 'The server’s certificate is not trusted',
        nextStep: 'Use a certificate your system trusts, or open Fleet status → Troubleshoot for this server, compare the certificate’s fingerprint with the server’s and trust that one certificate.',
      };
    case 'server-error':
      return {
        title: 'The memory server reported an error',
        nextStep: 'Retry. If it keeps failing, the memory service’s log says why.',
      };
    case 'bad-response':
      return {
        title: 'The server’s answer made no sense',
        nextStep: 'Check that the URL points at an MCP Memory Service and not at another app or a proxy page.',
      };
    case 'keychain-unavailable':
      return {
        title: 'The OS keychain is unavailable',
        nextStep: 'Follow the fix in the keychain banner. Until then, keys you enter are kept for this session only.',
      };
    case 'not-found':
      return {
        title: 'It is no longer there',
        nextStep: 'It may have been deleted meanwhile. Refresh the list.',
      };
    case 'conflict':
      return {
        title: 'Something changed meanwhile',
        nextStep: 'Refresh to see the current state, then try again.',
      };
    case 'invalid-input':
      return {
        title: 'The console sent a request that was refused',
        nextStep: 'This is a bug in the console. The message below names the field; please report it.',
      };
    case 'internal':
      return {
        title: 'Something went wrong inside the console',
        nextStep: 'Retry. If it keeps happening, the console’s log has the details.',
      };
    case 'session-ended':
      return {
        title: 'This console session has ended',
        nextStep: 'Open the URL printed in the terminal again.',
      };
    case 'host-unreachable':
      return {
        title: 'The console’s host is not answering',
        nextStep: 'Check the terminal where the console was started; start it again if it has stopped.',
      };
    default:
      return assertNever(code);
  }
}

export interface DescribedError extends ErrorAdvice {
  readonly code: ConsoleApiErrorCode;
  /** The privileged side's own, more specific message (it names the server, the status, …). */
  readonly message: string | undefined;
  readonly detail: string | undefined;
}

export function describeError(error: unknown): DescribedError {
  if (isConsoleApiError(error)) {
    return { code: error.code, ...adviceFor(error.code), message: error.message, detail: error.detail };
  }
  // Not from the bridge: a bug in the renderer itself.
  return {
    code: 'internal',
    ...adviceFor('internal'),
    message: undefined,
    detail: error instanceof Error ? error.message : undefined,
  };
}
