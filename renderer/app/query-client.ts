import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isConsoleApiError, type ConsoleApiErrorCode } from '../bridge';

/** Failures worth another try: the other side may simply be restarting. Never auth or input. */
const transientCodes: ReadonlySet<ConsoleApiErrorCode> = new Set<ConsoleApiErrorCode>([
  'server-unreachable',
  'server-error',
  'host-unreachable',
]);

const maxRetries = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < maxRetries && isConsoleApiError(error) && transientCodes.has(error.code);
}

export interface ConsoleQueryClientOptions {
  /** Browser mode's host refused the session: nothing will work until the page is reopened. */
  readonly onSessionEnded?: () => void;
  /** Tests set 0 so retried failures settle at once; the default backs off exponentially. */
  readonly retryDelay?: number;
}

export function createConsoleQueryClient(options: ConsoleQueryClientOptions = {}): QueryClient {
  const onError = (error: unknown) => {
    if (isConsoleApiError(error) && error.code === 'session-ended') options.onSessionEnded?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Change signals keep data fresh; time-based refetching would only add load.
        staleTime: 30_000,
        retry: shouldRetry,
        ...(options.retryDelay === undefined ? {} : { retryDelay: options.retryDelay }),
        refetchOnWindowFocus: true,
      },
      mutations: {
        // A retried write could apply twice; the user decides.
        retry: false,
      },
    },
  });
}
