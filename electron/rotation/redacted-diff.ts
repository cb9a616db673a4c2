import type { DiffLine } from '../contract/rotation';
import { keyFingerprint } from '../keys/key-fingerprint';

/**
 * What a file change looks like without any key in it: only the changed lines (no context, which
 * could hold other secrets of the same file), every key replaced by a label with its fingerprint,
 * and long lines (minified JSON) cut to the part around the key.
 */

export interface Secret {
  readonly value: string;
  /** `old key` or `new key`. */
  readonly name: string;
}

const maxLineChars = 160;
const windowChars = 60;
const maxDiffLines = 200;

export function redactionLabel(secret: Secret): string {
  return `‹${secret.name} ${keyFingerprint(secret.value)}›`;
}

/** Replaces every form a key may take in a file (raw, JSON-escaped, XML-escaped, URL-encoded). */
export function redact(text: string, secrets: readonly Secret[]): string {
  let result = text;
  // Longest first, so a key that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    if (secret.value.length < 4) continue;
    const label = redactionLabel(secret);
    const forms = new Set([
      secret.value,
      JSON.stringify(secret.value).slice(1, -1),
      secret.value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      encodeURIComponent(secret.value),
    ]);
    for (const form of forms) result = result.split(form).join(label);
  }
  return result;
}

/** One display line: redacted, control characters shown as `�`, cut around the first label if long. */
export function displayLine(line: string, secrets: readonly Secret[], keyOnly = false): string {
  // eslint-disable-next-line no-control-regex
  const clean = redact(line, secrets).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD').replace(/\t/g, '  ');
  if (clean.length <= maxLineChars && !keyOnly) return clean;
  // A long line is usually minified JSON with other values beside the key: show only the key's
  // own entry, from the separator before it to the one after it.
  const at = clean.indexOf('‹');
  if (at < 0) return `${clean.slice(0, windowChars)}…`;
  const labelEnd = clean.indexOf('›', at) + 1;
  let start = at;
  while (start > 0 && at - start < windowChars && !/[,{[;]/.test(clean[start - 1] ?? '')) start--;
  let end = labelEnd;
  while (end < clean.length && end - labelEnd < windowChars && !/[,}\];]/.test(clean[end] ?? '')) end++;
  return `${start > 0 ? '…' : ''}${clean.slice(start, end)}${end < clean.length ? '…' : ''}`;
}

export function redactedDiff(before: string, after: string, secrets: readonly Secret[]): DiffLine[] {
  const a = before.split(/\r\n|\n|\r/);
  const b = after.split(/\r\n|\n|\r/);
  const lines: DiffLine[] = [];
  if (a.length === b.length) {
    // Replacing a key never adds or removes lines: compare line by line.
    let previous = -2;
    for (let index = 0; index < a.length; index++) {
      if (a[index] === b[index]) continue;
      if (previous >= 0 && index > previous + 1) lines.push({ kind: 'gap', line: null, text: '…' });
      lines.push({ kind: 'removed', line: index + 1, text: displayLine(a[index] ?? '', secrets) });
      lines.push({ kind: 'added', line: index + 1, text: displayLine(b[index] ?? '', secrets) });
      previous = index;
    }
  } else {
    // A re-serialised file: the block between the common start and the common end.
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length - 1;
    let endB = b.length - 1;
    while (endA >= start && endB >= start && a[endA] === b[endB]) {
      endA--;
      endB--;
    }
    // Only the lines with a key: the others merely changed layout and may hold other secrets.
    const keyLines = (from: readonly string[], first: number, last: number, kind: 'removed' | 'added') => {
      for (let index = first; index <= last; index++) {
        const text = displayLine(from[index] ?? '', secrets, true);
        if (text.includes('‹')) lines.push({ kind, line: index + 1, text });
      }
    };
    keyLines(a, start, endA, 'removed');
    keyLines(b, start, endB, 'added');
    lines.push({ kind: 'gap', line: null, text: '… the rest of the file was re-formatted (same content)' });
  }
  if (lines.length <= maxDiffLines) return lines;
  return [...lines.slice(0, maxDiffLines), { kind: 'gap', line: null, text: `… ${lines.length - maxDiffLines} more changed lines` }];
}
