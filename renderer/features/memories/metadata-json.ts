/** Metadata typed as JSON: must be an object. Returns what is wrong in the user's words. */
export type ParsedMetadata =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

export function parseMetadataJson(text: string): ParsedMetadata {
  if (text.trim() === '') return { ok: true, value: {}, notes: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Metadata is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Metadata must be a JSON object, like {"source": "console"}.' };
  }
  const record = value as Record<string, unknown>;
  const notes: string[] = [];
  // The server removes these keys from metadata on create (memory-service-api.md §4.4).
  if ('tags' in record) notes.push('The server moves "tags" from metadata into the tag list.');
  if ('type' in record) notes.push('The server drops a "type" key from metadata; use the type field.');
  return { ok: true, value: record, notes };
}

/** Keys present before but missing now: a PUT merges metadata, so they would stay on the server. */
export function removedKeys(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(before).filter((key) => !(key in after));
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
