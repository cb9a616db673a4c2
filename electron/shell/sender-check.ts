import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isRendererDocument, type RendererLocation } from './renderer-location';

/** The parts of an IPC event the trust decision looks at. */
export interface SenderFacts {
  readonly webContentsId: number;
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly frame: { readonly url: string; readonly isMainFrame: boolean } | null;
}

/**
 * Every IPC handler asks this first (Electron security checklist: validate the sender of all IPC
 * messages). A message is trusted only from the main frame of one of our own windows, while that
 * frame shows our renderer document. A sub-frame, a popup, or our window after a navigation it
 * should never have been allowed to make are all refused.
 */
export function isTrustedSender(
  facts: SenderFacts,
  trustedContents: ReadonlySet<number>,
  location: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!trustedContents.has(facts.webContentsId)) return false;
  if (facts.frame === null || !facts.frame.isMainFrame) return false;
  return isRendererDocument(facts.frame.url, location, platform);
}

export function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  if (frame === null || frame.detached) return { webContentsId: event.sender.id, frame: null };
  const mainFrame = event.sender.mainFrame;
  const isMainFrame = frame.parent === null && frame.frameTreeNodeId === mainFrame.frameTreeNodeId;
  return { webContentsId: event.sender.id, frame: { url: frame.url, isMainFrame } };
}

/** The webContents of the windows we created; an id leaves the set when its contents is destroyed. */
export class TrustedContents {
  readonly #contents = new Map<number, WebContents>();

  add(contents: WebContents): void {
    const id = contents.id;
    this.#contents.set(id, contents);
    contents.once('destroyed', () => this.#contents.delete(id));
  }

  ids(): ReadonlySet<number> {
    return new Set(this.#contents.keys());
  }

  live(): readonly WebContents[] {
    return [...this.#contents.values()].filter((contents) => !contents.isDestroyed());
  }
}
