import { BrowserWindow } from 'electron';
import type { RendererLocation } from './renderer-location';
import { secureWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly location: RendererLocation;
  readonly onLoadFailed: (error: unknown) => void;
}

export const WINDOW_TITLE = 'Memory Console';

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK (the tool cannot follow secureWebPreferences(): contextIsolation and sandbox are on there, test/unit/shell/web-preferences.test.ts; a middle-click's new window is denied by setWindowOpenHandler in navigation.ts)
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  // The title is the product's, whatever the document's <title> says.
  window.on('page-title-updated', (event) => event.preventDefault());
  const loading =
    options.location.kind === 'file'
      ? window.loadFile(options.location.path)
      : window.loadURL(options.location.url);
  loading.catch(options.onLoadFailed);
  return window;
}
