/** Enough characters to fill the row's two clamped lines; memories can be whole documents. */
const previewChars = 320;

/** Row text: whitespace collapsed so the first lines show words, not blank lines. Plain text only. */
export function contentPreview(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return '(empty)';
  return flat.length > previewChars ? `${flat.slice(0, previewChars)}…` : flat;
}
