// Crash-safe storage in the data directory:
//   memories.snapshot.jsonl  header line, one memory per line, footer line; replaced only by
//                            write-temp + fsync + rename + fsync(dir), so it is always whole.
//   memories.journal.jsonl   one JSON line per mutation, appended and fsynced before the HTTP
//                            answer; a torn last line (crash mid-write) is ignored and cut off.
// Journal lines carry a sequence number and the snapshot records the last one it contains, so a
// crash between "new snapshot renamed in" and "journal rewritten" replays nothing twice.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { MemoryJson } from './memory-model';

export const SNAPSHOT_FILE = 'memories.snapshot.jsonl';
export const JOURNAL_FILE = 'memories.journal.jsonl';
const SNAPSHOT_FORMAT = 'mcp-memory-local-snapshot';

export type JournalOp =
  | { readonly op: 'put'; readonly m: MemoryJson }
  | { readonly op: 'del'; readonly h: string }
  | { readonly op: 'acc'; readonly h: readonly string[]; readonly q: string; readonly t: number };

export type JournalEntry = JournalOp & { readonly s: number };

export interface LoadedState {
  readonly memories: MemoryJson[];
  readonly entries: JournalEntry[];
  readonly lastSeq: number;
  readonly tornBytes: number;
}

function fsyncDir(dir: string): void {
  // Directory fsync makes the rename itself durable; some platforms refuse it, which is harmless.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported here */
  }
}

function readSnapshot(path: string): { memories: MemoryJson[]; seq: number } {
  if (!existsSync(path)) return { memories: [], seq: 0 };
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = JSON.parse(lines[0] ?? 'null') as { format?: string; seq?: number; count?: number } | null;
  const footer = JSON.parse(lines[lines.length - 1] ?? 'null') as { end?: boolean; count?: number } | null;
  if (!header || header.format !== SNAPSHOT_FORMAT || !footer || footer.end !== true || footer.count !== lines.length - 2) {
    throw new Error(`Snapshot ${path} is not a complete ${SNAPSHOT_FORMAT} file`);
  }
  const memories: MemoryJson[] = new Array(lines.length - 2);
  for (let i = 1; i < lines.length - 1; i++) memories[i - 1] = JSON.parse(lines[i] as string) as MemoryJson;
  return { memories, seq: header.seq ?? 0 };
}

function readJournal(path: string, afterSeq: number): { entries: JournalEntry[]; lastSeq: number; validBytes: number; tornBytes: number } {
  if (!existsSync(path)) return { entries: [], lastSeq: afterSeq, validBytes: 0, tornBytes: 0 };
  const buf = readFileSync(path);
  const entries: JournalEntry[] = [];
  let lastSeq = afterSeq;
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break; // no newline: the write of this line never finished
    const line = buf.toString('utf8', start, nl);
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      // Only the last line can be torn. A bad line followed by good ones means damage a crash
      // cannot cause, so refuse to guess.
      if (buf.indexOf(0x0a, nl + 1) >= 0) throw new Error(`Journal ${path} is corrupt at byte ${start}`);
      break;
    }
    if (entry.s > afterSeq) entries.push(entry);
    lastSeq = Math.max(lastSeq, entry.s);
    start = nl + 1;
  }
  return { entries, lastSeq, validBytes: start, tornBytes: buf.length - start };
}

export class Persistence {
  private fd: number | undefined;
  private seq = 0;
  private entriesSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  /** While a compaction runs: journal lines written after its cut-off, to carry over. */
  private carryOver: string[] | undefined;

  constructor(readonly dir: string) {}

  get snapshotPath(): string {
    return join(this.dir, SNAPSHOT_FILE);
  }

  get journalPath(): string {
    return join(this.dir, JOURNAL_FILE);
  }

  get pendingEntries(): number {
    return this.entriesSinceSnapshot;
  }

  get pendingBytes(): number {
    return this.bytesSinceSnapshot;
  }

  get compacting(): boolean {
    return this.carryOver !== undefined;
  }

  /** Reads snapshot + journal, cuts a torn tail off the journal, and opens it for appending. */
  load(): LoadedState {
    const snap = readSnapshot(this.snapshotPath);
    const journal = readJournal(this.journalPath, snap.seq);
    if (journal.tornBytes > 0) truncateSync(this.journalPath, journal.validBytes);
    this.seq = journal.lastSeq;
    this.entriesSinceSnapshot = journal.entries.length;
    this.bytesSinceSnapshot = journal.validBytes;
    this.fd = openSync(this.journalPath, 'a');
    return { memories: snap.memories, entries: journal.entries, lastSeq: journal.lastSeq, tornBytes: journal.tornBytes };
  }

  /**
   * Appends one mutation. `durable` fsyncs before returning (every create/update/delete); access
   * counters from searches skip the fsync — losing them to a power cut is acceptable, and a
   * killed process still leaves them in the OS cache.
   */
  append(op: JournalOp, durable: boolean): void {
    if (this.fd === undefined) throw new Error('Persistence is closed');
    this.seq += 1;
    const line = JSON.stringify({ s: this.seq, ...op }) + '\n';
    writeSync(this.fd, line);
    if (durable) fsyncSync(this.fd);
    this.entriesSinceSnapshot += 1;
    this.bytesSinceSnapshot += Buffer.byteLength(line);
    this.carryOver?.push(line);
  }

  /**
   * Writes a snapshot of `memories` (the state after journal entry `this.seq`), then rewrites the
   * journal to hold only what was appended meanwhile. `memories` must be immutable objects: the
   * store replaces, never mutates, a memory, so the array is a consistent view while we write.
   */
  async compact(memories: readonly MemoryJson[]): Promise<void> {
    if (this.carryOver) throw new Error('A compaction is already running');
    const cutoff = this.seq;
    this.carryOver = [];
    try {
      const tmp = `${this.snapshotPath}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        const chunk: string[] = [JSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, seq: cutoff, count: memories.length })];
        for (const m of memories) {
          chunk.push(JSON.stringify(m));
          if (chunk.length >= 2000) {
            await handle.write(chunk.join('\n') + '\n');
            chunk.length = 0;
          }
        }
        chunk.push(JSON.stringify({ end: true, count: memories.length }));
        await handle.write(chunk.join('\n') + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.snapshotPath);
      fsyncDir(this.dir);
      this.rewriteJournal(this.carryOver);
    } finally {
      this.carryOver = undefined;
    }
  }

  /** Synchronous so no append can slip between writing the new journal and switching to it. */
  private rewriteJournal(lines: readonly string[]): void {
    const tmp = `${this.journalPath}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      if (lines.length > 0) writeSync(fd, lines.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (this.fd !== undefined) closeSync(this.fd);
    renameSync(tmp, this.journalPath);
    fsyncDir(this.dir);
    this.fd = openSync(this.journalPath, 'a');
    this.entriesSinceSnapshot = lines.length;
    this.bytesSinceSnapshot = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
  }

  /** Bytes used on disk, for the health and analytics answers. */
  sizeBytes(): number {
    let total = 0;
    for (const path of [this.snapshotPath, this.journalPath]) {
      try {
        total += statSync(path).size;
      } catch {
        /* missing file */
      }
    }
    return total;
  }

  close(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
