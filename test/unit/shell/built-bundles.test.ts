/**
 * Electron cannot run here, so the built bundles are run with a stand-in `electron` module: the
 * checks type-checking cannot make (every contract method registered, the window's security
 * settings, preload and renderer paths that exist in the build output, a preload that needs
 * nothing but `electron`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractMethods } from '../../../electron/contract';
import { contentSecurityPolicy } from '../../../electron/shell/csp';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(__dirname, 'fixtures');
const rendererIndex = path.join(repoRoot, 'dist', 'renderer', 'index.html');

// The bundles are built into a private app root (inside the repo so `keytar` still resolves from
// node_modules): other suites may be reading dist/electron at the same time.
let appRoot = '';
let outDir = '';
let rendererBuilt = false;

beforeAll(async () => {
  const scratch = path.join(repoRoot, 'node_modules', '.tmp');
  mkdirSync(scratch, { recursive: true });
  appRoot = mkdtempSync(path.join(scratch, 'shell-bundles-'));
  outDir = path.join(appRoot, 'dist', 'electron');
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs'), '--out-dir', outDir], {
    cwd: repoRoot,
  });
  const privateRenderer = path.join(appRoot, 'dist', 'renderer');
  if (existsSync(rendererIndex)) {
    symlinkSync(path.dirname(rendererIndex), privateRenderer, 'dir');
  } else if (existsSync(path.join(repoRoot, 'vite.config.ts'))) {
    await run('npx', ['vite', 'build', '--outDir', privateRenderer, '--emptyOutDir'], { cwd: repoRoot, timeout: 120_000 });
  }
  rendererBuilt = existsSync(path.join(privateRenderer, 'index.html'));
}, 180_000);

afterAll(() => {
  if (appRoot !== '') rmSync(appRoot, { recursive: true, force: true });
});

const channelsOf = (methods: readonly string[]): string[] => methods.map((method) => `console:${method}`).sort();

interface IpcAnswer {
  readonly ok?: boolean;
  readonly error?: { readonly code: string };
  readonly timedOut?: boolean;
}

interface MainReport {
  readonly beforeReady: { readonly handles: readonly string[]; readonly windows: number };
  readonly enableSandboxCalls: number;
  readonly enableSandboxBeforeReady: boolean | null;
  readonly singleInstanceLockRequested: number;
  readonly quitCalls: number;
  readonly handles: readonly string[];
  readonly windowCount: number;
  readonly window?: {
    readonly options: Record<string, unknown> & { readonly webPreferences: Record<string, unknown> };
    readonly loadedFile: string | null;
    readonly loadedURL: string | null;
    readonly shownBeforeReadyToShow: boolean;
    readonly shownAfterReadyToShow: boolean;
    readonly titleUpdatePrevented: boolean;
  };
  readonly ipc?: Record<'trusted' | 'untrustedUrl' | 'subFrame' | 'noFrame' | 'otherContents', IpcAnswer>;
  readonly navigation?: Record<string, boolean>;
  readonly webviewPrevented?: boolean;
  readonly windowOpen?: Record<string, { readonly action: string } | null>;
  readonly openedExternally?: readonly string[];
  readonly otherContentsRules?: {
    readonly hasWindowOpenHandler: boolean;
    readonly willNavigateListeners: number;
    readonly willAttachWebviewListeners: number;
  };
  readonly permissions: { readonly request: unknown; readonly check: unknown };
  readonly csp: { readonly file: unknown; readonly http: unknown };
  readonly beforeQuitPrevented: boolean;
  readonly quitCallsAfterBeforeQuit: number;
}

async function runMain(env: Record<string, string> = {}): Promise<MainReport> {
  const home = mkdtempSync(path.join(appRoot, 'home-'));
  const reportPath = path.join(home, 'report.json');
  const { MEMORY_CONSOLE_DEV_URL: _ignored, ...inherited } = process.env;
  await run(
    process.execPath,
    [path.join(fixtures, 'run-main-with-fake-electron.mjs'), path.join(outDir, 'main.cjs'), appRoot, reportPath],
    { cwd: repoRoot, env: { ...inherited, MEMORY_CONSOLE_HOME: home, ...env }, timeout: 60_000 },
  );
  return JSON.parse(readFileSync(reportPath, 'utf8')) as MainReport;
}

describe('build output', () => {
  it('holds the three CommonJS bundles and no source maps', () => {
    const files = readdirSync(outDir).sort();
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files).toContain('main.cjs');
    expect(files).toContain('preload.cjs');
    for (const file of files) {
      expect(readFileSync(path.join(outDir, file), 'utf8')).not.toContain('sourceMappingURL');
    }
  });
});

describe('main bundle with a stand-in electron', () => {
  let report: MainReport;
  beforeAll(async () => {
    report = await runMain();
  }, 90_000);

  it('enables the sandbox before ready and takes the single-instance lock', () => {
    expect(report.enableSandboxCalls).toBe(1);
    expect(report.enableSandboxBeforeReady).toBe(true);
    expect(report.singleInstanceLockRequested).toBe(1);
    expect(report.beforeReady).toEqual({ handles: [], windows: 0 });
  });

  it('registers exactly one console:<method> handler per contract method', () => {
    expect([...report.handles].sort()).toEqual(channelsOf(contractMethods));
    expect(new Set(report.handles).size).toBe(report.handles.length);
  });

  it('creates one hidden window with the security web preferences, shown on ready-to-show', () => {
    expect(report.windowCount).toBe(1);
    const window = report.window;
    expect(window?.options['title']).toBe('Memory Console');
    expect(window?.options['show']).toBe(false);
    expect(window?.shownBeforeReadyToShow).toBe(false);
    expect(window?.shownAfterReadyToShow).toBe(true);
    expect(window?.titleUpdatePrevented).toBe(true);
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('points the window at a preload that exists in the build output and is a .cjs file', () => {
    const preload = report.window?.options.webPreferences['preload'];
    expect(typeof preload).toBe('string');
    expect(path.isAbsolute(preload as string)).toBe(true);
    expect(preload).toMatch(/\.cjs$/);
    expect(preload).toBe(path.join(outDir, 'preload.cjs'));
    expect(existsSync(preload as string)).toBe(true);
  });

  it('loads dist/renderer/index.html with loadFile', () => {
    expect(report.window?.loadedURL).toBeNull();
    expect(report.window?.loadedFile).toBe(path.join(appRoot, 'dist', 'renderer', 'index.html'));
  });

  it('loads a renderer file that exists in the build output', ({ skip }) => {
    if (!rendererBuilt) skip('dist/renderer/index.html is not built yet (no vite.config.ts to build it with)');
    expect(existsSync(report.window?.loadedFile ?? '')).toBe(true);
  });

  it('answers its own window and refuses every other sender without dispatching', () => {
    const ipc = report.ipc;
    expect(ipc?.trusted.timedOut).toBeUndefined();
    expect(typeof ipc?.trusted.ok).toBe('boolean');
    expect(ipc?.trusted.error?.code).not.toBe('auth-forbidden');
    for (const answer of [ipc?.untrustedUrl, ipc?.subFrame, ipc?.noFrame, ipc?.otherContents]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'auth-forbidden' } });
    }
  });

  it('denies navigation and new windows, opening only allowlisted https links outside', () => {
    expect(report.navigation).toEqual({
      remotePrevented: true,
      allowlistedPrevented: true,
      otherFilePrevented: true,
      sameDocumentPrevented: false,
    });
    expect(report.webviewPrevented).toBe(true);
    expect(report.windowOpen).toEqual({
      remote: { action: 'deny' },
      allowlisted: { action: 'deny' },
      javascript: { action: 'deny' },
    });
    expect(report.openedExternally).toEqual([
      'https://github.com/doobidoo/mcp-memory-service',
      'https://github.com/doobidoo/mcp-memory-service/wiki',
    ]);
  });

  it('applies the navigation rules to every webContents, not only the main window', () => {
    expect(report.otherContentsRules).toEqual({
      hasWindowOpenHandler: true,
      willNavigateListeners: 1,
      willAttachWebviewListeners: 1,
    });
  });

  it('denies permission requests and checks', () => {
    expect(report.permissions).toEqual({ request: false, check: false });
  });

  it("replaces the CSP of the app's own file responses and leaves others alone", () => {
    expect(report.csp.file).toEqual({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy()] } });
    expect(report.csp.http).toEqual({});
  });

  it('holds quitting until the core has closed, then quits', () => {
    expect(report.beforeQuitPrevented).toBe(true);
    expect(report.quitCallsAfterBeforeQuit).toBe(1);
  });
});

describe('main bundle edge cases', () => {
  it('quits without registering anything when another instance holds the lock', async () => {
    const report = await runMain({ FAKE_ELECTRON_LOCK: 'denied' });
    expect(report.quitCalls).toBe(1);
    expect(report.handles).toEqual([]);
    expect(report.windowCount).toBe(0);
  }, 60_000);

  it('loads a loopback dev server URL and trusts only that origin', async () => {
    const report = await runMain({ MEMORY_CONSOLE_DEV_URL: 'http://localhost:5173/' });
    expect(report.window?.loadedURL).toBe('http://localhost:5173/');
    expect(report.window?.loadedFile).toBeNull();
    expect(report.ipc?.trusted.error?.code).not.toBe('auth-forbidden');
    expect(report.ipc?.untrustedUrl.error?.code).toBe('auth-forbidden');
  }, 60_000);

  it('ignores a dev server URL that is not http on loopback', async () => {
    const report = await runMain({ MEMORY_CONSOLE_DEV_URL: 'https://evil.example/' });
    expect(report.window?.loadedURL).toBeNull();
    expect(report.window?.loadedFile).toBe(path.join(appRoot, 'dist', 'renderer', 'index.html'));
  }, 60_000);
});

describe('preload bundle in a sandbox-like context', () => {
  interface Invocation {
    readonly channel: string;
    readonly args: readonly unknown[];
  }
  type Listener = (...args: unknown[]) => void;

  function loadPreload() {
    const exposed: { key: string; api: Record<string, unknown> }[] = [];
    const invocations: Invocation[] = [];
    const listeners = new Map<string, Set<Listener>>();
    const required: string[] = [];
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld(key: string, api: Record<string, unknown>) {
          exposed.push({ key, api });
        },
      },
      ipcRenderer: {
        invoke(channel: string, ...args: unknown[]) {
          invocations.push({ channel, args });
          return Promise.resolve({ ok: true, value: channel });
        },
        on(channel: string, listener: Listener) {
          const set = listeners.get(channel) ?? new Set<Listener>();
          set.add(listener);
          listeners.set(channel, set);
        },
        removeListener(channel: string, listener: Listener) {
          listeners.get(channel)?.delete(listener);
        },
      },
    };
    // A sandboxed preload gets a `require` that knows only a few modules; this one knows only electron.
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require "${id}"`);
    };
    const filename = path.join(outDir, 'preload.cjs');
    const source = readFileSync(filename, 'utf8');
    const module = { exports: {} };
    const wrapper = vm.runInNewContext(`(function (require, module, exports) {\n${source}\n})`, {}, { filename }) as (
      require: (id: string) => unknown,
      module: { exports: unknown },
      exports: unknown,
    ) => void;
    wrapper(sandboxRequire, module, module.exports);
    return { exposed, invocations, listeners, required };
  }

  it('requires nothing but electron', () => {
    expect([...new Set(loadPreload().required)]).toEqual(['electron']);
  });

  it('exposes window.memoryConsole with exactly the contract methods plus onSignal, all functions', () => {
    const { exposed } = loadPreload();
    expect(exposed.map((entry) => entry.key)).toEqual(['memoryConsole']);
    const api = exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual([...contractMethods, 'onSignal'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each method on its own channel with only the input', async () => {
    const { exposed, invocations } = loadPreload();
    const api = exposed[0]?.api ?? {};
    for (const method of contractMethods) {
      const call = api[method] as (...args: unknown[]) => Promise<unknown>;
      const input = { probe: method };
      await expect(call(input, 'smuggled second argument')).resolves.toEqual({ ok: true, value: `console:${method}` });
      expect(invocations.at(-1)).toEqual({ channel: `console:${method}`, args: [input] });
    }
    expect(invocations.map((invocation) => invocation.channel)).toEqual(contractMethods.map((method) => `console:${method}`));
  });

  it('onSignal passes only the signal, never the IPC event, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const onSignal = exposed[0]?.api['onSignal'] as (listener: (...args: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const stop = onSignal((...args) => received.push(args));
    const registered = [...(listeners.get('console:signal') ?? [])];
    expect(registered).toHaveLength(1);
    const ipcEvent = { sender: { send() {} }, ports: [] };
    registered[0]?.(ipcEvent, { kind: 'profiles-changed' });
    expect(received).toEqual([[{ kind: 'profiles-changed' }]]);
    stop();
    expect(listeners.get('console:signal')?.size).toBe(0);
    expect([...listeners.keys()]).toEqual(['console:signal']);
  });
});
