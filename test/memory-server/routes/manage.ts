// /api/manage: bulk delete by tag, with the real server's validation order and messages.
import type { Route, RouteContext } from '../app-state';
import { HttpError, type JsonReply } from '../http-kit';
import { throwIfIssues, validateBody, type FieldSpec, type ValidationIssue } from '../validation';

const BULK_MODEL: Readonly<Record<string, FieldSpec>> = {
  tag: { kind: 'str', optional: true, nullable: true },
  before_date: { kind: 'str', optional: true, nullable: true },
  memory_type: { kind: 'str', optional: true, nullable: true },
  confirm_count: { kind: 'int', optional: true, nullable: true },
};

interface BulkBody {
  tag: string | null;
  before_date: string | null;
  memory_type: string | null;
  confirm_count: number | null;
}

/** Python's datetime.fromisoformat() accepts at least YYYY-MM-DD and YYYY-MM-DDTHH:MM[:SS]. */
function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function bulkDelete(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  const body = validateBody<BulkBody>(ctx.body, BULK_MODEL, issues);
  throwIfIssues(issues);
  if (!body.tag && !body.before_date && !body.memory_type) {
    throw new HttpError(400, 'At least one filter (tag, before_date, or memory_type) must be specified');
  }
  let affected = 0;
  let operation = '';
  if (body.tag) {
    affected = ctx.app.store.countTag(body.tag);
    operation = `Delete memories with tag '${body.tag}'`;
  } else if (body.before_date) {
    if (!isIsoDate(body.before_date)) throw new HttpError(400, 'Invalid date format. Use YYYY-MM-DD');
    operation = `Delete memories before ${body.before_date}`;
  } else if (body.memory_type) {
    affected = ctx.app.store.countType(body.memory_type);
    operation = `Delete memories of type '${body.memory_type}'`;
  }
  if (body.confirm_count !== null && body.confirm_count !== affected) {
    throw new HttpError(400, `Confirmation count mismatch. Expected ${affected}, got ${body.confirm_count}`);
  }
  if (body.tag) {
    const deleted = ctx.app.store.deleteByTag(body.tag);
    const message = deleted > 0 ? `Successfully deleted ${deleted} memories with tag '${body.tag}'` : `No memories found with tag '${body.tag}'`;
    return { body: { success: deleted > 0, message, affected_count: deleted, operation } };
  }
  if (body.before_date) throw new HttpError(501, 'Date-based bulk deletion not yet implemented');
  throw new HttpError(501, 'Type-based bulk deletion not yet implemented');
}

export const manageRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/manage/bulk-delete', access: 'write', body: true, handle: bulkDelete },
];
