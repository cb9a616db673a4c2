import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { chooseTransport, installConsoleTransport } from './bridge';
import { installTheme } from './features/theme/theme';

installConsoleTransport(chooseTransport());
installTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
