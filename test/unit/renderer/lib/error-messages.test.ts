import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../electron/contract';
import { ConsoleApiError, type BridgeErrorCode } from '../../../../renderer/bridge';
import { adviceFor, describeError } from '../../../../renderer/lib/error-messages';

// Typed as records so adding a code to the contract breaks this list until it is added here too.
const contractCodes: Record<ErrorCode, true> = {
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
const bridgeCodes: Record<BridgeErrorCode, true> = { 'session-ended': true, 'host-unreachable': true };
const allCodes = [...Object.keys(contractCodes), ...Object.keys(bridgeCodes)] as (ErrorCode | BridgeErrorCode)[];

describe('error messages', () => {
  it('gives every code its own title and a next step', () => {
    const titles = allCodes.map((code) => adviceFor(code).title);
    expect(new Set(titles).size).toBe(allCodes.length);
    for (const code of allCodes) expect(adviceFor(code).nextStep.length).toBeGreaterThan(10);
  });

  it('tells the user to check or rotate a refused key, and to reopen the URL when the session ended', () => {
    expect(adviceFor('auth-rejected').nextStep).toMatch(/check the key.*rotate/i);
    expect(adviceFor('session-ended').nextStep).toBe('Open the URL printed in the terminal again.');
  });

  it('keeps the privileged side’s message and detail next to the advice', () => {
    const described = describeError(new ConsoleApiError('server-unreachable', 'Connection refused.', 'ECONNREFUSED'));
    expect(described).toMatchObject({ code: 'server-unreachable', message: 'Connection refused.', detail: 'ECONNREFUSED' });
  });

  it('reports anything that is not a console error as internal', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({ code: 'internal', detail: 'x is undefined' });
  });
});
