import type { HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { allowedExternalUrl } from './external-links';

/** What to do with a navigation or a new window: never follow it; maybe hand it to the OS browser. */
export type NavigationDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'deny'; readonly openExternally: string | null };

/**
 * The window only ever shows the renderer document. In-page navigation (fragment changes) is fine;
 * any real navigation is refused, and an allowlisted https link goes to the user's browser instead.
 */
export function decideNavigation(url: string, isSameDocument: boolean): NavigationDecision {
  if (isSameDocument) return { action: 'allow' };
  return { action: 'deny', openExternally: allowedExternalUrl(url) };
}

/** `window.open` and `target=_blank` never create a window. */
export function decideWindowOpen(url: string): NavigationDecision & { readonly action: 'deny' } {
  return { action: 'deny', openExternally: allowedExternalUrl(url) };
}

/**
 * Applied to every webContents the app creates (from `web-contents-created`), not only to the
 * main window, so a popup or webview that slips through gets the same rules.
 */
export function applyNavigationRules(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, event.isSameDocument);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.openExternally !== null) openExternal(decision.openExternally);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    const decision = decideWindowOpen(details.url);
    if (decision.openExternally !== null) openExternal(decision.openExternally);
    return { action: 'deny' };
  });
}
