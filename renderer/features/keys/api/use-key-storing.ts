import { useState } from 'react';
import type { KeySetResult } from '../../../../electron/contract';
import { useStoreKey, type KeyToStore } from './key-mutations';

/**
 * Stores a key and keeps what the user must see afterwards. The answer's facts (warnings,
 * duplicates) are copied out and the mutation reset at once, so the pasted key in its variables
 * is dropped; a generated key stays in the mutation's data until `finish()`, and no longer.
 */
export function useKeyStoring() {
  const store = useStoreKey();
  const [outcome, setOutcome] = useState<KeySetResult | null>(null);
  return {
    isPending: store.isPending,
    error: store.error,
    outcome,
    generatedKey: store.data?.generatedKey ?? null,
    store: async (profileId: string, choice: KeyToStore): Promise<KeySetResult> => {
      const { result, generatedKey } = await store.mutateAsync({ profileId, choice });
      if (generatedKey === null) store.reset();
      setOutcome(result);
      return result;
    },
    finish: () => {
      store.reset();
      setOutcome(null);
    },
  };
}

export type KeyStoring = ReturnType<typeof useKeyStoring>;
