import { describe, expect, it } from 'vitest';
import { createConsoleQueryClient, shouldRetry } from '../../../../renderer/app/query-client';
import { ConsoleApiError } from '../../../../renderer/bridge';

describe('query client', () => {
  it('retries only transient failures, and only twice', () => {
    expect(shouldRetry(0, new ConsoleApiError('server-unreachable', ''))).toBe(true);
    expect(shouldRetry(1, new ConsoleApiError('server-error', ''))).toBe(true);
    expect(shouldRetry(0, new ConsoleApiError('host-unreachable', ''))).toBe(true);
    expect(shouldRetry(2, new ConsoleApiError('server-unreachable', ''))).toBe(false);
    for (const code of ['auth-rejected', 'auth-missing', 'invalid-input', 'session-ended', 'internal'] as const) {
      expect(shouldRetry(0, new ConsoleApiError(code, ''))).toBe(false);
    }
    expect(shouldRetry(0, new Error('bug'))).toBe(false);
  });

  it('reports a session-ended failure once it reaches the cache', async () => {
    let ended = 0;
    const client = createConsoleQueryClient({ onSessionEnded: () => (ended += 1) });
    await client
      .fetchQuery({
        queryKey: ['x'],
        queryFn: () => Promise.reject(new ConsoleApiError('session-ended', 'Ended.')),
      })
      .catch(() => undefined);
    expect(ended).toBe(1);
    expect(client.getDefaultOptions().queries?.staleTime).toBe(30_000);
  });
});
