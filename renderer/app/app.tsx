import { ConsoleLayout } from './console-layout';
import { AppProviders, type QueryClientFactory } from './providers';
import './styles/theme.css';
// The console's shared form styles (buttons, fields): first-screen parts use them too (the
// sidebar's server actions), and the screens that import them load on demand.
import '../ui/form.css';

export function App({ createQueryClient }: { readonly createQueryClient?: QueryClientFactory }) {
  return (
    <AppProviders {...(createQueryClient ? { createQueryClient } : {})}>
      <ConsoleLayout />
    </AppProviders>
  );
}
