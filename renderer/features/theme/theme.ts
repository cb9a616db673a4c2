export type ThemeChoice = 'system' | 'light' | 'dark';

/** Only this preference is kept in localStorage: it is not a secret and needs no privileged side. */
const storageKey = 'memory-console.theme';

export function readThemeChoice(storage: Pick<Storage, 'getItem'> = window.localStorage): ThemeChoice {
  try {
    const value = storage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function storeThemeChoice(choice: ThemeChoice, storage: Pick<Storage, 'setItem' | 'removeItem'> = window.localStorage): void {
  try {
    if (choice === 'system') storage.removeItem(storageKey);
    else storage.setItem(storageKey, choice);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

/** Sets `data-theme` on <html>; theme.css holds both palettes. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  root.dataset['theme'] = resolveTheme(choice, darkQuery()?.matches ?? false);
  root.dataset['themeChoice'] = choice;
}

/** Before the first render, and again whenever the OS switches while "system" is chosen. */
export function installTheme(): void {
  applyTheme(readThemeChoice());
  darkQuery()?.addEventListener('change', () => applyTheme(readThemeChoice()));
}
