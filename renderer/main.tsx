// First, so its requests are sent before everything below is evaluated (it installs the transport).
import { earlyStart } from './app/early-start';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { prefetchFirstScreen } from './app/first-screen-prefetch';
import { createConsoleQueryClient } from './app/query-client';
import { installTheme } from './features/theme/theme';

installTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
// The first screen's answers usually arrive while the code above is evaluated: waiting briefly for
// them renders the memories in the first pass instead of a loading shell, a render and a layout later.
// A promise, not a top-level await: the bundler turns its chunk merging off for modules with one,
// and the dialogs loaded on demand would then split the first screen's code into a dozen files.
void earlyStart.ready(100).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App
        createQueryClient={(options) => {
          const client = createConsoleQueryClient(options);
          prefetchFirstScreen(client, earlyStart);
          return client;
        }}
      />
    </StrictMode>,
  );
});
