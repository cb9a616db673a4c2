import type { z } from 'zod';

/**
 * Deterministic generators of hostile contract payloads. Each payload starts from a plausible
 * input built from the method's own zod schema (so the interesting cases are one field away from
 * valid) and is then bent: wrong types, huge strings, deep nesting, prototype-pollution keys,
 * unicode edge cases, missing and unknown fields, or replaced whole.
 */

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number) => random() < p;

/** Strings that have broken parsers, path checks, logs and terminals before. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  'key\u0000.json',
  '\uD800',
  '\uDFFFtail',
  'x\uD83D',
  '\u202Egnp.exe',
  '\u200B',
  '\u200D\u200C\u2060',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\u0130\u0131\uFB01',
  'مرحبا بالعالم',
  '\u001b[31mred\u001b[0m',
  '../../../../etc/passwd',
  '/etc/passwd',
  '/proc/self/environ',
  '/dev/zero',
  'C:\\Windows\\System32',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'http://user:pass@127.0.0.1:1/',
  'ftp://127.0.0.1/',
  'http://[::1',
  '${process.env.HOME}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  'sha256:0000',
  'a'.repeat(65),
  'UPPER-case',
  'x,y',
  'ok-id',
  "'; DROP TABLE memories; --",
  '\\u0000',
];

export const hostileNumbers: readonly number[] = [0, -0, -1, 1, 1.5, 101, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, 5e-324, Number.MAX_SAFE_INTEGER];

/** An object whose own enumerable key is `name` (a `__proto__` literal would set the prototype instead). */
export function withOwnKey(target: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

export function pollutionObject(random: Random): Record<string, unknown> {
  const marker = { polluted: 'yes', isAdmin: true, toString: 'pwned' };
  switch (Math.floor(random() * 4)) {
    case 0:
      return withOwnKey({}, '__proto__', marker);
    case 1:
      return { constructor: { prototype: marker } };
    case 2:
      return withOwnKey({ a: 1 }, '__proto__', withOwnKey({}, '__proto__', marker));
    default:
      return { prototype: marker, hasOwnProperty: 'no', valueOf: 1 };
  }
}

export function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

export function hugeString(random: Random): string {
  const size = pick(random, [20_000, 200_000, 700_000]);
  const unit = pick(random, ['a', 'é', '😀', '\u200B', '\\"']);
  return unit.repeat(Math.ceil(size / unit.length));
}

export function hostileValue(random: Random, budget = 2): unknown {
  const roll = random();
  if (roll < 0.35) return pick(random, hostileStrings);
  if (roll < 0.5) return pick(random, hostileNumbers);
  if (roll < 0.58) return pick(random, [null, true, false]);
  if (roll < 0.66) return budget > 0 ? Array.from({ length: Math.floor(random() * 4) }, () => hostileValue(random, budget - 1)) : [];
  if (roll < 0.74) {
    if (budget <= 0) return {};
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 4); i > 0; i--) withOwnKey(object, pick(random, hostileStrings), hostileValue(random, budget - 1));
    return object;
  }
  if (roll < 0.82) return pollutionObject(random);
  if (roll < 0.9) return nested(Math.floor(2 + random() * 200), pick(random, ['x', 1, null]), chance(random, 0.5));
  if (roll < 0.93) return nested(Math.floor(2000 + random() * 2000), 'deep', chance(random, 0.5));
  if (roll < 0.945) return hugeString(random);
  return Array.from({ length: 300 }, (_, i) => i);
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export interface Hints {
  /** Plausible values by field name; a function picks one each time. */
  readonly [field: string]: (random: Random) => unknown;
}

/** A plausible input for `schema` (usually valid; the oracle decides), guided by field-name hints. */
export function plausible(schema: z.ZodType, random: Random, hints: Hints, field = ''): unknown {
  const def = defOf(schema);
  const hint = hints[field];
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const value: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(shape)) {
        const childType = defOf(child).type;
        // Optional and defaulted fields are left out half of the time.
        if ((childType === 'optional' || childType === 'default') && chance(random, 0.5)) continue;
        value[key] = plausible(child, random, hints, key);
      }
      return value;
    }
    case 'optional':
    case 'default':
      return plausible(def['innerType'] as z.ZodType, random, hints, field);
    case 'nullable':
      return chance(random, 0.15) ? null : plausible(def['innerType'] as z.ZodType, random, hints, field);
    case 'pipe':
      return plausible(def['in'] as z.ZodType, random, hints, field);
    case 'array':
      return hint ? hint(random) : Array.from({ length: Math.floor(random() * 3) }, () => plausible(def['element'] as z.ZodType, random, hints, `${field}[]`));
    case 'enum':
      return pick(random, Object.values(def['entries'] as Record<string, string>));
    case 'record':
      return hint ? hint(random) : { note: 'fuzz', n: 1 };
    case 'string':
      return hint ? hint(random) : pick(random, ['fuzz', 'memory', 'alpha']);
    case 'number':
      return hint ? hint(random) : pick(random, [1, 2, 10]);
    case 'boolean':
      return chance(random, 0.5);
    default:
      return hint ? hint(random) : 'fuzz';
  }
}

/** Bends a plausible payload one to three ways. Returns the payload to send (any JSON value). */
export function bend(payload: unknown, random: Random): unknown {
  if (chance(random, 0.1)) return hostileValue(random);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return hostileValue(random);
  let current: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
    const keys = Object.keys(current);
    const roll = random();
    if (roll < 0.4 && keys.length > 0) {
      const key = pick(random, keys);
      current[key] = bendValue(current[key], random);
    } else if (roll < 0.55 && keys.length > 0) {
      delete current[pick(random, keys)];
    } else if (roll < 0.75) {
      withOwnKey(current, pick(random, ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '\u0000', '', 'profileId ', 'PROFILEID', '\u202Ekey']), hostileValue(random));
    } else if (roll < 0.85) {
      current = { ...current, ...pollutionObject(random) };
      withOwnKey(current, '__proto__', pollutionObject(random));
    } else if (roll < 0.93 && keys.length > 0) {
      const key = pick(random, keys);
      current[key] = nested(Math.floor(1 + random() * 6), current[key], chance(random, 0.5));
    } else if (keys.length > 0) {
      current[pick(random, keys)] = hugeString(random);
    }
  }
  return current;
}

function bendValue(value: unknown, random: Random): unknown {
  if (typeof value === 'string' && chance(random, 0.5)) {
    const twist = pick(random, ['\u0000', '\uD800', '\u202E', '\u200B', ' ', '\n', '%00', '/..', ',', 'é']);
    return chance(random, 0.5) ? `${value}${twist}` : `${twist}${value}`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && chance(random, 0.5)) return bend(value, random);
  if (Array.isArray(value) && chance(random, 0.5)) return [...value, hostileValue(random)];
  return hostileValue(random);
}

/** Depth of a JSON value, counted iteratively. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}
