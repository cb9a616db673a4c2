import { useEffect } from 'react';
import type { KeyCheckResult } from '../../../../electron/contract';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useCheckKey } from './key-mutations';

export type PastedKeyCheck =
  | { readonly state: 'empty' }
  | { readonly state: 'checking' }
  | { readonly state: 'failed'; readonly error: unknown }
  /** `errors` non-empty blocks saving; warnings and notes are said but do not. */
  | { readonly state: 'checked'; readonly result: KeyCheckResult };

/** The guide's policy applied to what is being pasted, after a pause in typing. */
export function usePastedKeyCheck(raw: string, delayMs = 300): PastedKeyCheck {
  const settled = useDebouncedValue(raw, delayMs);
  const { mutate, reset, data, error, variables, status } = useCheckKey();
  useEffect(() => {
    if (settled === '') reset();
    else mutate(settled);
  }, [settled, mutate, reset]);

  if (raw === '') return { state: 'empty' };
  // An answer counts only for the text as it is now, not for what was there a moment ago.
  if (variables !== raw) return { state: 'checking' };
  if (status === 'error') return { state: 'failed', error };
  if (status === 'success' && data !== undefined) return { state: 'checked', result: data };
  return { state: 'checking' };
}

export function blocksSaving(check: PastedKeyCheck): boolean {
  return check.state !== 'checked' || check.result.errors.length > 0;
}
