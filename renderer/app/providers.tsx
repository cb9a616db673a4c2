import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { createConsoleQueryClient, type ConsoleQueryClientOptions } from './query-client';
import { SessionEndedScreen } from './session-ended-screen';
import { useChangeSignals } from './signal-invalidation';

export type QueryClientFactory = (options: ConsoleQueryClientOptions) => QueryClient;

interface AppProvidersProps {
  readonly children: ReactNode;
  readonly createQueryClient?: QueryClientFactory;
}

export function AppProviders({ children, createQueryClient = createConsoleQueryClient }: AppProvidersProps) {
  const [sessionEnded, setSessionEnded] = useState(false);
  const [queryClient] = useState(() => createQueryClient({ onSessionEnded: () => setSessionEnded(true) }));
  return (
    <QueryClientProvider client={queryClient}>
      {/* Unmounting the console stops its queries and its signal stream: they could only fail now. */}
      {sessionEnded ? <SessionEndedScreen /> : <LiveConsole client={queryClient}>{children}</LiveConsole>}
    </QueryClientProvider>
  );
}

function LiveConsole({ client, children }: { readonly client: QueryClient; readonly children: ReactNode }) {
  useChangeSignals(client);
  return children;
}
