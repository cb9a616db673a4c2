import type { z } from 'zod';
import {
  contract,
  isContractMethod,
  type ContractMethod,
  type ContractOutput,
  type Result,
  type ValidatedInput,
} from '../contract';
import { ConsoleFailure } from './console-failure';

export type Handlers = {
  readonly [M in ContractMethod]: (input: ValidatedInput<M>) => Promise<ContractOutput<M>>;
};

/** Both transports (IPC and browser-mode HTTP) call this one function. */
export type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Called with unexpected errors; must not log payloads (they may hold a key being pasted). */
  readonly onInternalError?: (method: string, error: unknown) => void;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (method, payload) => {
    if (!isContractMethod(method)) {
      return fail('invalid-input', `Unknown method "${truncate(method, 80)}".`);
    }
    const shapeProblem = excessiveShape(payload);
    if (shapeProblem !== null) return fail('invalid-input', `Invalid input. ${shapeProblem}`);
    const parsed = contract[method].safeParse(payload ?? {});
    if (!parsed.success) {
      return fail('invalid-input', describeIssues(parsed.error));
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ConsoleFailure) return { ok: false, error: error.toError() };
      options.onInternalError?.(method, error);
      return fail('internal', `Something went wrong in ${method}. The console log has the details.`);
    }
  };
}

/**
 * No contract input nests more than a few levels, but free-form metadata is `unknown` all the way
 * down, and a payload thousands of levels deep passes zod and then overflows the stack where it is
 * serialised again (JSON.stringify on its way to the server). Over IPC a payload can even be
 * cyclic. Judged iteratively, before zod, so hostile shapes cost no more than their size.
 */
export const maxPayloadDepth = 64;
export const maxPayloadNodes = 200_000;

function excessiveShape(payload: unknown): string | null {
  const seen = new Set<object>();
  const stack: { readonly value: unknown; readonly depth: number }[] = [{ value: payload, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxPayloadDepth) return `The input is nested more than ${maxPayloadDepth} levels deep.`;
    if (seen.has(value)) return 'The input refers to itself (or shares parts), which no contract input does.';
    seen.add(value);
    if (seen.size > maxPayloadNodes) return `The input has more than ${maxPayloadNodes} objects and arrays.`;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

function fail(code: 'invalid-input' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Names the field and the rule, never echoes the value (it may be a key being pasted). */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
    return `${truncate(where, 60)}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `Invalid input. ${parts.join('; ')}${more}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
