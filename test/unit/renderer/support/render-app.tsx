import { render } from '@testing-library/react';
import { App } from '../../../../renderer/app/app';
import { createConsoleQueryClient } from '../../../../renderer/app/query-client';
import { createPreloadTransport, installConsoleTransport, type ConsoleTransport } from '../../../../renderer/bridge';
import type { FakeConsole } from './fake-console';

/** Renders the whole console against a fake privileged side; retries happen without waiting. */
export function renderApp(fake: FakeConsole | { readonly transport: ConsoleTransport }) {
  const transport = 'transport' in fake ? fake.transport : createPreloadTransport(fake.api);
  const uninstall = installConsoleTransport(transport);
  const view = render(<App createQueryClient={(options) => createConsoleQueryClient({ ...options, retryDelay: 0 })} />);
  return {
    ...view,
    unmount: () => {
      view.unmount();
      uninstall();
    },
  };
}
