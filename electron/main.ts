import path from 'node:path';
import { app, dialog, ipcMain, session, shell, type BrowserWindow } from 'electron';
import { createConsoleCore } from './core/console-core';
import { consoleHome } from './settings/paths';
import { installContentSecurityPolicy } from './shell/csp';
import { forwardSignals, registerConsoleIpc } from './shell/ipc';
import { applyNavigationRules } from './shell/navigation';
import { denyAllPermissions } from './shell/permissions';
import { RENDERER_INDEX, fileRendererLocation, parseDevServerUrl, type RendererLocation } from './shell/renderer-location';
import { TrustedContents, isTrustedSender, senderFacts } from './shell/sender-check';
import { createMainWindow } from './shell/window';

/**
 * Electron entry: window, security rules, IPC. Everything the console does lives behind
 * `createConsoleCore`, which browser mode uses too.
 */

// Must run before `ready`: every renderer, including ones we did not create, is sandboxed.
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  const appRoot = app.getAppPath();
  const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
  const location = rendererLocation(appRoot);
  const trusted = new TrustedContents();
  let mainWindow: BrowserWindow | null = null;

  const openExternal = (url: string): void => {
    const failed = (error: unknown) => console.error('Could not open an external link:', error);
    shell.openExternal(url).catch(failed); // eng-disable OPEN_EXTERNAL_JS_CHECK (only URLs that passed allowedExternalUrl(), https on an allowlist, reach here: shell/navigation.ts)
  };
  app.on('web-contents-created', (_event, contents) => applyNavigationRules(contents, openExternal));

  const showWindow = (): void => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    mainWindow = createMainWindow({
      preloadPath,
      location,
      onLoadFailed: (error) => console.error('The console window could not load its page:', error),
    });
    trusted.add(mainWindow.webContents);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    installContentSecurityPolicy(session.defaultSession);

    // The same directory browser mode uses, so both modes see the same profiles.
    const core = createConsoleCore({
      mode: 'electron',
      homeDir: consoleHome(process.env, process.platform),
      packaged: app.isPackaged,
      // Exports are written only where the user chose in the system's save dialog.
      chooseSavePath: async (suggestedName) => {
        const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName) };
        const choice = mainWindow !== null && !mainWindow.isDestroyed() ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      },
    });
    core.catch((error: unknown) => console.error('The console core failed to start:', error));
    // Registered synchronously, before the window exists, so no renderer call can race a missing handler.
    registerConsoleIpc(ipcMain, {
      core,
      isTrustedSender: (event) => isTrustedSender(senderFacts(event), trusted.ids(), location),
      onRefused: (channel, senderUrl) => console.warn(`Refused ${channel} from untrusted sender ${senderUrl}`),
    });
    void core.then((started) => forwardSignals(started, () => trusted.live())).catch(() => undefined);
    closeCoreOnQuit(core);

    showWindow();
    app.on('second-instance', showWindow);
    app.on('activate', showWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function rendererLocation(appRoot: string): RendererLocation {
  const devUrl = process.env['MEMORY_CONSOLE_DEV_URL'];
  if (devUrl !== undefined && devUrl !== '') {
    const dev = app.isPackaged ? null : parseDevServerUrl(devUrl);
    if (dev !== null) return dev;
    console.warn('Ignoring MEMORY_CONSOLE_DEV_URL: only http://localhost URLs in an unpackaged app are used.');
  }
  return fileRendererLocation(path.join(appRoot, ...RENDERER_INDEX));
}

/** Quitting waits for the core to close (it may be persisting a rotation step). */
function closeCoreOnQuit(core: Promise<{ close(): Promise<void> }>): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    core
      // A core that never started has nothing to close (its failure was logged at start).
      .then((started) => started.close(), () => undefined)
      .catch((error: unknown) => console.error('The console core did not close cleanly:', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
