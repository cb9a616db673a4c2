import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App } from '../../../../../renderer/app/app';
import { createConsoleQueryClient } from '../../../../../renderer/app/query-client';
import { createPreloadTransport, installConsoleTransport } from '../../../../../renderer/bridge';
import type { ProfilesFake } from './profiles-fake';

/** The whole console against the stateful fake, with its QueryClient at hand to inspect the caches. */
export function renderConsole(fake: ProfilesFake) {
  let client: QueryClient | undefined;
  const uninstall = installConsoleTransport(createPreloadTransport(fake.api));
  const view = render(
    <App
      createQueryClient={(options) => {
        client = createConsoleQueryClient({ ...options, retryDelay: 0 });
        return client;
      }}
    />,
  );
  return {
    ...view,
    client: () => {
      if (client === undefined) throw new Error('the console has not created its QueryClient yet');
      return client;
    },
    /** Everything TanStack Query holds: query data and keys, mutation variables and data. */
    cachedText: () => {
      const queryClient = client;
      if (queryClient === undefined) return '';
      const queries = queryClient.getQueryCache().getAll().map((query) => ({ key: query.queryKey, data: query.state.data }));
      const mutations = queryClient.getMutationCache().getAll().map((mutation) => ({ variables: mutation.state.variables, data: mutation.state.data }));
      return JSON.stringify({ queries, mutations });
    },
    unmount: () => {
      view.unmount();
      uninstall();
    },
  };
}
