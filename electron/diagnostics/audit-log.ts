import { appendFile, chmod, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AuditEntry, AuditEventKind, AuditList } from '../contract/status';
import { withFileLock } from '../settings/file-lock';
import { scrubSecrets } from './body-excerpt';

export const auditFileName = 'audit.log';
/** The guide's compliance section asks for an audit trail; a local one must not grow without bound. */
export const defaultAuditMaxBytes = 1024 * 1024;

export interface AuditRecordInput {
  readonly event: AuditEventKind;
  readonly profileId: string | null;
  readonly profileName: string | null;
  /** `sha256:` + 12 hex digits (keys/key-fingerprint.ts); anything else is dropped, never written. */
  readonly keyFingerprint?: string | null;
  readonly status?: string;
  readonly detail: string;
}

export interface AuditRecordOptions {
  /** Values that must not appear in the entry (the key involved): replaced if they do. */
  readonly secrets?: readonly string[];
}

/** The small service handlers use: `services.audit.record(...)`. */
export interface AuditRecorder {
  /** Never throws: an audit write that fails must not fail the key change it records. */
  record(input: AuditRecordInput, options?: AuditRecordOptions): Promise<void>;
}

export interface AuditLog extends AuditRecorder {
  list(query: { readonly profileId?: string | undefined; readonly limit: number }): Promise<AuditList>;
  readonly file: string;
}

export interface AuditLogOptions {
  readonly homeDir: string;
  readonly maxBytes?: number;
  readonly now?: () => Date;
  /** Told that a write failed (no entry content: it is about keys). */
  readonly onError?: (error: unknown) => void;
}

const auditEvents = [
  'probe-failed',
  'probe-recovered',
  'key-set',
  'key-removed',
  'certificate-trusted',
  'certificate-distrusted',
  'profile-deleted',
  'rotation-started',
  'rotation-step',
  'rotation-committed',
  'rotation-rolled-back',
  'rotation-checklist',
  'rotation-leak-scan',
] as const satisfies readonly AuditEventKind[];

const entrySchema = z.object({
  time: z.string().max(40),
  event: z.enum(auditEvents),
  profileId: z.string().max(64).nullable(),
  profileName: z.string().max(200).nullable(),
  keyFingerprint: z.string().regex(/^sha256:[0-9a-f]{12}$/).nullable(),
  status: z.string().max(100).optional(),
  detail: z.string().max(2000),
});

const fingerprintPattern = /^sha256:[0-9a-f]{12}$/;

/**
 * JSON lines in the console home (`audit.log`, owner-only), rotated to `audit.log.1` when the next
 * line would pass `maxBytes`. Appends and rotation run under a cross-process lock, because the
 * Electron app and a browser-mode host may share one home.
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const file = path.join(options.homeDir, auditFileName);
  const rotated = `${file}.1`;
  const lockPath = `${file}.lock`;
  const maxBytes = options.maxBytes ?? defaultAuditMaxBytes;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  // One writer at a time in this process too: the lock file alone would make them spin.
  let queue: Promise<void> = Promise.resolve();

  const write = async (line: string): Promise<void> => {
    await withFileLock(lockPath, async () => {
      const size = await stat(file).then(
        (info) => info.size,
        () => 0,
      );
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rename(file, rotated);
      await appendFile(file, line, { mode: 0o600 });
      // appendFile's mode applies only when it creates the file; an older file keeps its own.
      await chmod(file, 0o600).catch(() => undefined);
    });
  };

  return {
    file,
    record(input, recordOptions = {}) {
      const secrets = recordOptions.secrets ?? [];
      const entry: AuditEntry = {
        time: now(),
        event: input.event,
        profileId: input.profileId,
        profileName: input.profileName === null ? null : scrubSecrets(input.profileName, secrets).slice(0, 200),
        keyFingerprint: input.keyFingerprint && fingerprintPattern.test(input.keyFingerprint) ? input.keyFingerprint : null,
        ...(input.status ? { status: input.status.slice(0, 100) } : {}),
        detail: scrubSecrets(input.detail, secrets).slice(0, 2000),
      };
      const line = `${JSON.stringify(entry)}\n`;
      const next = queue
        .then(() => write(line))
        .catch((error: unknown) => {
          options.onError?.(error);
        });
      queue = next;
      return next;
    },
    async list({ profileId, limit }) {
      await queue;
      let skippedLines = 0;
      const entries: AuditEntry[] = [];
      // Oldest file first so that reversing gives newest first across both.
      for (const source of [rotated, file]) {
        const text = await readFile(source, 'utf8').catch(() => '');
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          const parsed = entrySchema.safeParse(safeJson(line));
          if (!parsed.success) {
            skippedLines++;
            continue;
          }
          const entry = parsed.data;
          if (profileId !== undefined && entry.profileId !== profileId) continue;
          entries.push(withoutUndefined(entry));
        }
      }
      entries.reverse();
      return { entries: entries.slice(0, limit), skippedLines, more: entries.length > limit };
    },
  };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function withoutUndefined(entry: z.output<typeof entrySchema>): AuditEntry {
  const { status, ...rest } = entry;
  return status === undefined ? rest : { ...rest, status };
}
