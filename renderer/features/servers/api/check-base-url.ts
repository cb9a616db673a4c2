import { queryOptions, useQuery } from '@tanstack/react-query';
import type { BaseUrlCheck } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { baseUrlCheckKeys } from './profile-keys';

export function checkBaseUrl(baseUrl: string): Promise<BaseUrlCheck> {
  return callConsole('profiles.checkBaseUrl', { baseUrl });
}

export function baseUrlCheckQueryOptions(text: string) {
  return queryOptions({
    queryKey: baseUrlCheckKeys.check(text),
    queryFn: () => checkBaseUrl(text),
    // The answer depends on the text only.
    staleTime: Infinity,
  });
}

// An address with a user name or password is refused anyway; saying so here keeps it out of the
// query cache, where the text would otherwise be kept as a cache key.
const credentials = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export type LiveBaseUrlCheck =
  | { readonly state: 'empty' }
  | { readonly state: 'checking' }
  | { readonly state: 'checked'; readonly check: BaseUrlCheck }
  | { readonly state: 'failed'; readonly error: unknown };

/** How the address being typed will be stored, checked by the privileged side after a pause. */
export function useBaseUrlCheck(text: string, delayMs = 250): LiveBaseUrlCheck {
  const settled = useDebouncedValue(text.trim(), delayMs);
  const hasCredentials = credentials.test(settled);
  const query = useQuery({ ...baseUrlCheckQueryOptions(settled), enabled: settled !== '' && !hasCredentials });
  if (text.trim() === '') return { state: 'empty' };
  if (hasCredentials) {
    return {
      state: 'checked',
      check: { ok: false, message: 'Remove the user name and password from the address; the API key is stored separately, in the keychain.' },
    };
  }
  if (settled !== text.trim() || query.isPending) return { state: 'checking' };
  if (query.isError) return { state: 'failed', error: query.error };
  return { state: 'checked', check: query.data };
}
