import type { ExportFormat, Memory } from '../../../electron/contract';

export interface ExportHeader {
  readonly serverName: string;
  /** What was exported, in words: "all memories", "tag search: a, b"… */
  readonly view: string;
  readonly exportedAt: Date;
}

/** JSON: the memories exactly as the server returned them, with a small header. Never a key. */
export function toJson(header: ExportHeader, memories: readonly Memory[]): string {
  return `${JSON.stringify(
    {
      exported_from: header.serverName,
      view: header.view,
      exported_at: header.exportedAt.toISOString(),
      count: memories.length,
      memories,
    },
    null,
    2,
  )}\n`;
}

/** Markdown: one section per memory; content in a fence long enough that no line inside can close it. */
export function toMarkdown(header: ExportHeader, memories: readonly Memory[]): string {
  const lines: string[] = [
    `# Memories from ${inline(header.serverName)}`,
    '',
    `- View: ${inline(header.view)}`,
    `- Exported: ${header.exportedAt.toISOString()}`,
    `- Count: ${memories.length}`,
    '',
  ];
  for (const memory of memories) {
    lines.push(`## ${memory.created_at_iso} · ${inline(memory.memory_type ?? 'no type')}`, '');
    lines.push(`- Hash: \`${memory.content_hash}\``);
    lines.push(`- Tags: ${memory.tags.length > 0 ? memory.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(', ') : '(none)'}`);
    if (memory.updated_at_iso !== memory.created_at_iso) lines.push(`- Updated: ${memory.updated_at_iso}`);
    const fence = fenceFor(memory.content);
    lines.push('', `${fence}text`, memory.content, fence, '');
    if (Object.keys(memory.metadata).length > 0) {
      const metaFence = fenceFor(JSON.stringify(memory.metadata));
      lines.push('Metadata:', '', `${metaFence}json`, JSON.stringify(memory.metadata, null, 2), metaFence, '');
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatExport(format: ExportFormat, header: ExportHeader, memories: readonly Memory[]): string {
  return format === 'json' ? toJson(header, memories) : toMarkdown(header, memories);
}

export function exportFileName(serverName: string, format: ExportFormat, at: Date): string {
  const safe = serverName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'memories';
  const stamp = at.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${safe}-memories-${stamp}.${format === 'json' ? 'json' : 'md'}`;
}

function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(longest + 1);
}

function inline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
