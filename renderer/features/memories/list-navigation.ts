/** Where a key press moves the focused row, or null when the key is not a list key. */
export function nextRowIndex(key: string, current: number, count: number, rowsPerPage: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return clamp(current + 1);
    case 'ArrowUp':
    case 'k':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + rowsPerPage);
    case 'PageUp':
      return clamp(current - rowsPerPage);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
