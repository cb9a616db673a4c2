import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  fileRendererLocation,
  isRendererDocument,
  parseDevServerUrl,
  type RendererLocation,
} from '../../../electron/shell/renderer-location';
import { isTrustedSender, senderFacts, type SenderFacts } from '../../../electron/shell/sender-check';

const index = '/opt/Memory Console/resources/app.asar/dist/renderer/index.html';
const location = fileRendererLocation(index);
const ourUrl = 'file:///opt/Memory%20Console/resources/app.asar/dist/renderer/index.html';
const trusted = new Set([7]);

const facts = (url: string, overrides: Partial<SenderFacts> = {}): SenderFacts => ({
  webContentsId: 7,
  frame: { url, isMainFrame: true },
  ...overrides,
});

describe('isTrustedSender with the packaged renderer', () => {
  it('builds the file URL of the renderer', () => {
    expect(location.url).toBe(ourUrl);
  });

  it.each([ourUrl, `${ourUrl}#/profiles/home`, 'file:///opt/Memory Console/resources/app.asar/dist/renderer/index.html'])(
    'accepts our main frame showing %s',
    (url) => {
      expect(isTrustedSender(facts(url), trusted, location, 'linux')).toBe(true);
    },
  );

  it.each([
    ['a remote page', 'http://evil.example/'],
    ['a remote page with our path', 'https://evil.example/opt/Memory%20Console/resources/app.asar/dist/renderer/index.html'],
    ['another local file', 'file:///other/path/index.html'],
    ['a file next to ours', 'file:///opt/Memory%20Console/resources/app.asar/dist/renderer/evil.html'],
    ['our path with a suffix', `${ourUrl}.evil.html`],
    ['our path as a prefix of a directory', 'file:///opt/Memory%20Console/resources/app.asar/dist/renderer/index.html/x'],
    ['a dot-dot detour to elsewhere', 'file:///opt/Memory%20Console/resources/app.asar/dist/renderer/../../../../../etc/index.html'],
    ['a file URL on another host', 'file://evil-host/opt/Memory%20Console/resources/app.asar/dist/renderer/index.html'],
    ['our file with a query', `${ourUrl}?inject=1`],
    ['a different case on Linux', ourUrl.replace('Memory', 'memory')],
    ['about:blank', 'about:blank'],
    ['an empty URL', ''],
    ['a data URL', 'data:text/html,hi'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(facts(url), trusted, location, 'linux')).toBe(false);
  });

  it('refuses a sub-frame even when it shows our document', () => {
    expect(isTrustedSender(facts(ourUrl, { frame: { url: ourUrl, isMainFrame: false } }), trusted, location, 'linux')).toBe(false);
  });

  it('refuses a sender whose frame is gone', () => {
    expect(isTrustedSender(facts(ourUrl, { frame: null }), trusted, location, 'linux')).toBe(false);
  });

  it('refuses a webContents that is not one of our windows', () => {
    expect(isTrustedSender(facts(ourUrl, { webContentsId: 8 }), trusted, location, 'linux')).toBe(false);
  });

  it('ignores case only where the file system does (Windows, macOS)', () => {
    const windows: RendererLocation = {
      kind: 'file',
      path: 'C:\\Program Files\\Memory Console\\resources\\app.asar\\dist\\renderer\\index.html',
      url: 'file:///C:/Program%20Files/Memory%20Console/resources/app.asar/dist/renderer/index.html',
    };
    const reported = 'file:///c:/program%20files/memory%20console/resources/app.asar/dist/renderer/index.html';
    expect(isRendererDocument(reported, windows, 'win32')).toBe(true);
    expect(isRendererDocument(reported, windows, 'linux')).toBe(false);
    expect(isRendererDocument('file:///c:/program%20files/memory%20console/evil.html', windows, 'win32')).toBe(false);
  });
});

describe('isTrustedSender with a dev server', () => {
  const dev = parseDevServerUrl('http://localhost:5173/') as RendererLocation;

  it('accepts any page of the dev server origin', () => {
    expect(isTrustedSender(facts('http://localhost:5173/'), trusted, dev)).toBe(true);
    expect(isTrustedSender(facts('http://localhost:5173/src/main.tsx#x'), trusted, dev)).toBe(true);
  });

  it.each(['http://localhost:5174/', 'https://localhost:5173/', 'http://localhost:5173.evil.io/', 'http://127.0.0.1:5173/', ourUrl])(
    'refuses %s',
    (url) => {
      expect(isTrustedSender(facts(url), trusted, dev)).toBe(false);
    },
  );
});

describe('parseDevServerUrl', () => {
  it.each(['http://localhost:5173/', 'http://127.0.0.1:5173', 'http://[::1]:5173/'])('accepts %s', (url) => {
    expect(parseDevServerUrl(url)).toEqual({ kind: 'dev-server', url: new URL(url).href });
  });

  it.each([
    'https://localhost:5173/',
    'http://evil.example/',
    'http://localhost.evil.example/',
    'http://user:pw@localhost:5173/',
    'file:///app/index.html',
    'javascript:alert(1)',
    'localhost:5173',
    '',
  ])('refuses %s', (url) => {
    expect(parseDevServerUrl(url)).toBeNull();
  });
});

describe('senderFacts', () => {
  const mainFrame = { url: ourUrl, parent: null, frameTreeNodeId: 1, detached: false };

  const event = (senderFrame: unknown) =>
    ({ sender: { id: 7, mainFrame }, senderFrame }) as unknown as IpcMainInvokeEvent;

  it('reports the main frame as such', () => {
    expect(senderFacts(event(mainFrame))).toEqual({ webContentsId: 7, frame: { url: ourUrl, isMainFrame: true } });
  });

  it('reports a child frame as not main', () => {
    const child = { url: ourUrl, parent: mainFrame, frameTreeNodeId: 2, detached: false };
    expect(senderFacts(event(child))).toEqual({ webContentsId: 7, frame: { url: ourUrl, isMainFrame: false } });
  });

  it('reports another top-level frame (not this contents main frame) as not main', () => {
    const other = { url: ourUrl, parent: null, frameTreeNodeId: 3, detached: false };
    expect(senderFacts(event(other)).frame?.isMainFrame).toBe(false);
  });

  it('reports a missing or detached frame as no frame', () => {
    expect(senderFacts(event(null)).frame).toBeNull();
    expect(senderFacts(event({ ...mainFrame, detached: true })).frame).toBeNull();
  });
});
