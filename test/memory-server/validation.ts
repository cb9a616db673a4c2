// Request validation with FastAPI/pydantic v2 error bodies: 422 {"detail":[{type,loc,msg,input,ctx}]}.
// Only the field kinds the implemented routes need, with pydantic's lax-mode coercions.

export type Loc = readonly (string | number)[];

export interface ValidationIssue {
  readonly type: string;
  readonly loc: Loc;
  readonly msg: string;
  readonly input: unknown;
  readonly ctx?: Readonly<Record<string, unknown>>;
}

export class RequestValidationError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super('Request validation failed');
  }
}

interface Bounds {
  readonly ge?: number;
  readonly le?: number;
}

export type FieldSpec =
  | ({ readonly kind: 'int'; readonly optional?: boolean; readonly nullable?: boolean; readonly default?: number | null } & Bounds)
  | ({ readonly kind: 'float'; readonly optional?: boolean; readonly nullable?: boolean; readonly default?: number | null } & Bounds)
  | { readonly kind: 'str'; readonly optional?: boolean; readonly nullable?: boolean; readonly default?: string | null }
  | { readonly kind: 'bool'; readonly optional?: boolean; readonly default?: boolean }
  | { readonly kind: 'str_list'; readonly optional?: boolean; readonly nullable?: boolean; readonly default?: readonly string[] | null }
  | { readonly kind: 'dict'; readonly optional?: boolean; readonly nullable?: boolean; readonly default?: Record<string, unknown> | null };

const INT_RE = /^\s*[+-]?\d+\s*$/;
const FLOAT_RE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i;
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

function checkBounds(value: number, spec: Bounds, loc: Loc, input: unknown, issues: ValidationIssue[]): boolean {
  if (spec.ge !== undefined && !(value >= spec.ge)) {
    issues.push({ type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${spec.ge}`, input, ctx: { ge: spec.ge } });
    return false;
  }
  if (spec.le !== undefined && !(value <= spec.le)) {
    issues.push({ type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${spec.le}`, input, ctx: { le: spec.le } });
    return false;
  }
  return true;
}

function coerceInt(input: unknown, spec: Bounds, loc: Loc, issues: ValidationIssue[]): number | undefined {
  let value: number;
  if (typeof input === 'boolean') value = input ? 1 : 0;
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      issues.push({ type: 'finite_number', loc, msg: 'Input should be a finite number', input });
      return undefined;
    }
    if (!Number.isInteger(input)) {
      issues.push({ type: 'int_from_float', loc, msg: 'Input should be a valid integer, got a number with a fractional part', input });
      return undefined;
    }
    value = input;
  } else if (typeof input === 'string') {
    if (!INT_RE.test(input)) {
      issues.push({ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input });
      return undefined;
    }
    value = Number(input.trim());
  } else {
    issues.push({ type: 'int_type', loc, msg: 'Input should be a valid integer', input });
    return undefined;
  }
  return checkBounds(value, spec, loc, input, issues) ? value : undefined;
}

function coerceFloat(input: unknown, spec: Bounds, loc: Loc, issues: ValidationIssue[]): number | undefined {
  let value: number;
  if (typeof input === 'boolean') value = input ? 1 : 0;
  else if (typeof input === 'number') value = input;
  else if (typeof input === 'string') {
    if (!FLOAT_RE.test(input)) {
      issues.push({ type: 'float_parsing', loc, msg: 'Input should be a valid number, unable to parse string as a number', input });
      return undefined;
    }
    value = Number(input.trim());
  } else {
    issues.push({ type: 'float_type', loc, msg: 'Input should be a valid number', input });
    return undefined;
  }
  return checkBounds(value, spec, loc, input, issues) ? value : undefined;
}

function coerceBool(input: unknown, loc: Loc, issues: ValidationIssue[]): boolean | undefined {
  if (typeof input === 'boolean') return input;
  if (typeof input === 'number' && (input === 0 || input === 1)) return input === 1;
  if (typeof input === 'string') {
    const word = input.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  if (typeof input === 'string' || typeof input === 'number') {
    issues.push({ type: 'bool_parsing', loc, msg: 'Input should be a valid boolean, unable to interpret input', input });
  } else {
    issues.push({ type: 'bool_type', loc, msg: 'Input should be a valid boolean', input });
  }
  return undefined;
}

function coerceField(input: unknown, spec: FieldSpec, loc: Loc, issues: ValidationIssue[]): unknown {
  if (input === null && 'nullable' in spec && spec.nullable) return null;
  switch (spec.kind) {
    case 'int':
      return coerceInt(input, spec, loc, issues);
    case 'float':
      return coerceFloat(input, spec, loc, issues);
    case 'bool':
      return coerceBool(input, loc, issues);
    case 'str':
      if (typeof input === 'string') return input;
      issues.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input });
      return undefined;
    case 'str_list': {
      if (!Array.isArray(input)) {
        issues.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input });
        return undefined;
      }
      const before = issues.length;
      input.forEach((item, i) => {
        if (typeof item !== 'string') issues.push({ type: 'string_type', loc: [...loc, i], msg: 'Input should be a valid string', input: item });
      });
      return issues.length === before ? (input as string[]) : undefined;
    }
    case 'dict':
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input;
      issues.push({ type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input });
      return undefined;
  }
}

/** Validates a JSON body against a model; pushes issues and returns the coerced object. */
export function validateBody<T>(body: unknown, model: Readonly<Record<string, FieldSpec>>, issues: ValidationIssue[]): T {
  if (body === undefined || body === null) {
    issues.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null });
    return {} as T;
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    issues.push({
      type: 'model_attributes_type',
      loc: ['body'],
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input: body,
    });
    return {} as T;
  }
  const source = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(model)) {
    if (!Object.prototype.hasOwnProperty.call(source, name)) {
      if (spec.optional) out[name] = spec.default ?? (spec.kind === 'bool' ? false : null);
      else issues.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input: body });
      continue;
    }
    out[name] = coerceField(source[name], spec, ['body', name], issues);
  }
  return out as T;
}

/** One query parameter (last occurrence wins, as in Starlette). Absent → the default. */
export function queryInt(query: URLSearchParams, name: string, def: number, bounds: Bounds, issues: ValidationIssue[]): number {
  const all = query.getAll(name);
  const raw = all[all.length - 1];
  if (raw === undefined) return def;
  return coerceInt(raw, bounds, ['query', name], issues) ?? def;
}

export function queryStr(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  return all[all.length - 1];
}

export function throwIfIssues(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new RequestValidationError(issues);
}

/** FastAPI's answer for a body that is not JSON: the position and Python's decoder message. */
export function jsonInvalidIssue(text: string, error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  const posMatch = /position (\d+)/.exec(message);
  let pos = posMatch ? Number(posMatch[1]) : 0;
  let pyError = 'Expecting value';
  if (/non-whitespace character after JSON/i.test(message)) pyError = 'Extra data';
  else if (/Expected property name|Expected double-quoted property name/i.test(message)) {
    pyError = 'Expecting property name enclosed in double quotes';
  } else if (/Unterminated string/i.test(message)) {
    pyError = 'Unterminated string starting at';
    const quote = text.lastIndexOf('"', pos > 0 ? pos - 1 : undefined);
    if (quote >= 0) pos = quote;
  } else if (/Expected ',' or '}'/i.test(message)) pyError = "Expecting ',' delimiter";
  else if (/Expected ',' or ']'/i.test(message)) pyError = "Expecting ',' delimiter";
  else if (/Expected ':'/i.test(message)) pyError = "Expecting ':' delimiter";
  else if (/Unexpected end of JSON input/i.test(message)) pos = text.length;
  return { type: 'json_invalid', loc: ['body', pos], msg: 'JSON decode error', input: {}, ctx: { error: pyError } };
}
