import type { ChangeSignal } from '../contract';

export interface SignalHub {
  emit(signal: ChangeSignal): void;
  subscribe(listener: (signal: ChangeSignal) => void): () => void;
  clear(): void;
}

export function createSignalHub(): SignalHub {
  const listeners = new Set<(signal: ChangeSignal) => void>();
  return {
    emit: (signal) => {
      for (const listener of listeners) {
        try {
          listener(signal);
        } catch {
          // One broken transport must not stop the others from hearing about the change.
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
