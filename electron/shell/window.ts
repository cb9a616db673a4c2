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
  const window = new BrowserWindow({
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
