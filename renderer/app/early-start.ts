// Imported first by main.tsx. ES modules run in import order, so this body runs before React and
// the rest of the console are evaluated (on a slow machine that evaluation, the first Intl
// formatter loading ICU data, and the first render keep the main thread busy for a few hundred
// milliseconds): the first screen's requests travel meanwhile instead of after it.
import type { MemoryPage, ProfileList } from '../../electron/contract';
import { callConsole, chooseTransport, installConsoleTransport } from '../bridge';
import { getMemoryPage } from '../features/memories/api/get-memory-pages';
import { pickSelectedProfile } from '../features/servers/use-selected-profile';

export interface EarlyFirstPage {
  readonly profileId: string;
  /** Wrapped, not awaited: the query client adopts it while it is still in flight. */
  readonly page: Promise<MemoryPage>;
}

export interface EarlyStart {
  readonly profiles: Promise<ProfileList>;
  /** Settles one step after `profiles`: the server the console opens on and its first page, if any. */
  readonly firstPage: Promise<EarlyFirstPage | null>;
  /** The answers that have already arrived, so the first render can show them instead of a spinner. */
  readonly arrived: { profiles?: ProfileList; firstPage?: { readonly profileId: string; readonly page: MemoryPage } | null };
  /** Resolves when both answers are in (or failed), or after `ms`, whichever comes first. */
  ready(ms: number): Promise<void>;
}

/** Not a secret: which server the console opened on last time, so its first page can be asked for at once. */
const openedOnKey = 'memory-console:opened-on';

function readOpenedOn(): string | null {
  try {
    return window.localStorage.getItem(openedOnKey);
  } catch {
    return null;
  }
}

function writeOpenedOn(profileId: string | null): void {
  try {
    if (profileId === null) window.localStorage.removeItem(openedOnKey);
    else window.localStorage.setItem(openedOnKey, profileId);
  } catch {
    // Storage may be unavailable; the first page is then asked for after the server list.
  }
}

function firstPageOf(profileId: string): EarlyFirstPage {
  const page = getMemoryPage({ profileId, page: 1 });
  // Failures are reported by the query that adopts the request, not as unhandled rejections.
  page.catch(() => undefined);
  return { profileId, page };
}

installConsoleTransport(chooseTransport());

const profiles = callConsole('profiles.list', {});
// Usually the console opens on the server it opened on last time: ask for its first page in
// parallel with the server list rather than after it. A wrong guess costs one unused list request.
const openedOn = readOpenedOn();
const guessed = openedOn === null ? null : firstPageOf(openedOn);
const firstPage = profiles.then((list): EarlyFirstPage | null => {
  const profile = pickSelectedProfile(list, null);
  writeOpenedOn(profile?.id ?? null);
  if (profile === null) return null;
  return guessed?.profileId === profile.id ? guessed : firstPageOf(profile.id);
});
const arrived: EarlyStart['arrived'] = {};
profiles.then((list) => (arrived.profiles = list), () => undefined);
const bothIn = firstPage.then(
  async (first) => {
    if (first === null) arrived.firstPage = null;
    else arrived.firstPage = { profileId: first.profileId, page: await first.page };
  },
  () => undefined,
);

export const earlyStart: EarlyStart = {
  profiles,
  firstPage,
  arrived,
  ready: (ms) => Promise.race([bothIn.catch(() => undefined), new Promise<void>((resolve) => window.setTimeout(resolve, ms))]),
};
