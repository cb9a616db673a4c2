export type CopyOutcome = 'copied' | 'select-instead';

/**
 * Copies through the async clipboard where the page may use it (Electron, or browser mode on
 * 127.0.0.1, a secure context). Anything else, including a refused permission, tells the caller
 * to select the text for the user to copy by hand.
 */
export async function copyText(text: string, clipboard: Clipboard | undefined = navigator.clipboard): Promise<CopyOutcome> {
  if (clipboard === undefined || typeof clipboard.writeText !== 'function') return 'select-instead';
  try {
    await clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'select-instead';
  }
}

/** Selects a read-only field's whole text so Ctrl+C / Cmd+C copies it. */
export function selectAll(field: HTMLInputElement | null): void {
  if (field === null) return;
  field.focus();
  field.select();
}
