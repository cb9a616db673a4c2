export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

/** The one list: the help overlay shows it, and the handlers below follow it. */
export const shortcuts: readonly Shortcut[] = [
  { keys: ['/'], action: 'Focus the search field' },
  { keys: ['j', '↓'], action: 'Next memory' },
  { keys: ['k', '↑'], action: 'Previous memory' },
  { keys: ['Page Down', 'Page Up', 'Home', 'End'], action: 'Move by a page, to the first, to the last' },
  { keys: ['Enter'], action: 'Open the memory in the detail pane' },
  { keys: ['Delete'], action: 'Delete the memory (asks first)' },
  { keys: ['n'], action: 'New memory' },
  { keys: ['Escape'], action: 'Close the dialog or the detail pane' },
  { keys: ['?'], action: 'Show this list' },
];

/** Single-key shortcuts must not fire while the user types into a field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export type GlobalShortcut = 'focus-search' | 'help' | 'new-memory' | 'focus-list' | 'escape';

/** Keys handled anywhere on the page (list keys are handled by the focused list itself). */
export function globalShortcutFor(event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey'>): GlobalShortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'escape';
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case '/':
      return 'focus-search';
    case '?':
      return 'help';
    case 'n':
      return 'new-memory';
    case 'j':
    case 'k':
      return 'focus-list';
    default:
      return null;
  }
}
