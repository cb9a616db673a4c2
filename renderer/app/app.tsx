import { ConsoleLayout } from './console-layout';
import { AppProviders, type QueryClientFactory } from './providers';
import './styles/theme.css';

export function App({ createQueryClient }: { readonly createQueryClient?: QueryClientFactory }) {
  return (
    <AppProviders {...(createQueryClient ? { createQueryClient } : {})}>
      <ConsoleLayout />
    </AppProviders>
  );
}
