import type { WebContents } from 'electron';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applyNavigationRules, decideNavigation, decideWindowOpen } from '../../../electron/shell/navigation';

describe('decideNavigation', () => {
  it('allows same-document (fragment) navigation only', () => {
    expect(decideNavigation('file:///app/dist/renderer/index.html#/profiles', true)).toEqual({ action: 'allow' });
  });

  it.each([
    'file:///app/dist/renderer/index.html',
    'file:///etc/passwd',
    'http://evil.example/',
    'https://evil.example/',
    'about:blank',
    'javascript:alert(1)',
  ])('denies %s without opening it', (url) => {
    expect(decideNavigation(url, false)).toEqual({ action: 'deny', openExternally: null });
  });

  it('denies an allowlisted link but hands it to the browser', () => {
    expect(decideNavigation('https://github.com/doobidoo/mcp-memory-service', false)).toEqual({
      action: 'deny',
      openExternally: 'https://github.com/doobidoo/mcp-memory-service',
    });
  });
});

describe('decideWindowOpen', () => {
  it('never opens a window', () => {
    expect(decideWindowOpen('https://evil.example/')).toEqual({ action: 'deny', openExternally: null });
    expect(decideWindowOpen('https://github.com/doobidoo/mcp-memory-service/wiki')).toEqual({
      action: 'deny',
      openExternally: 'https://github.com/doobidoo/mcp-memory-service/wiki',
    });
  });
});

describe('applyNavigationRules', () => {
  class FakeContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.windowOpenHandler = handler;
    }
  }
  const event = (fields: Record<string, unknown> = {}) => ({
    ...fields,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  });

  function setUp() {
    const contents = new FakeContents();
    const opened: string[] = [];
    applyNavigationRules(contents as unknown as WebContents, (url) => opened.push(url));
    return { contents, opened };
  }

  it('prevents navigation away, lets fragment changes through, and opens allowlisted links outside', () => {
    const { contents, opened } = setUp();
    const away = event({ url: 'https://evil.example/', isSameDocument: false });
    const allowlisted = event({ url: 'https://github.com/doobidoo/mcp-memory-service', isSameDocument: false });
    const fragment = event({ url: 'file:///app/index.html#/x', isSameDocument: true });
    contents.emit('will-navigate', away);
    contents.emit('will-navigate', allowlisted);
    contents.emit('will-navigate', fragment);
    expect([away.prevented, allowlisted.prevented, fragment.prevented]).toEqual([true, true, false]);
    expect(opened).toEqual(['https://github.com/doobidoo/mcp-memory-service']);
  });

  it('prevents webviews', () => {
    const { contents } = setUp();
    const attach = event();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.prevented).toBe(true);
  });

  it('denies every new window, opening only allowlisted https links outside', () => {
    const { contents, opened } = setUp();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'http://github.com/doobidoo/mcp-memory-service' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://github.com/doobidoo/mcp-memory-service' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/doobidoo/mcp-memory-service']);
  });
});
