import path from 'node:path';
import type { ConfigFormat } from '../contract/rotation';
import { parseDotEnv, parseLaunchdPlist, parseServiceConfig, parseSystemdUnit } from '../keys/key-file-parsers';

/**
 * Finding and replacing one key in a configuration file, as pure functions over text so every
 * format is unit-tested. The rule for every format: replace the old key where it stands, keep
 * everything else byte for byte, then read the result back with the format's own parser and refuse
 * the change unless every place that held the old key now holds the new one.
 */

export type Located = { readonly ok: true; readonly fields: readonly string[] } | { readonly ok: false; readonly problem: string };
export type Rewritten = { readonly ok: true; readonly text: string; readonly fields: readonly string[] } | { readonly ok: false; readonly problem: string };

const jsonFormats: ReadonlySet<ConfigFormat> = new Set(['service-config', 'claude-desktop', 'claude-hooks', 'json']);

/** The format a file is read as, from its name (and its folder, for Claude Code's hooks config). */
export function formatForPath(file: string): ConfigFormat {
  const name = path.basename(file).toLowerCase();
  const parent = path.basename(path.dirname(file)).toLowerCase();
  const grandParent = path.basename(path.dirname(path.dirname(file))).toLowerCase();
  if (name === 'claude_desktop_config.json') return 'claude-desktop';
  if (name === 'config.json' && parent === 'hooks' && grandParent === '.claude') return 'claude-hooks';
  if (name === 'service_config.json') return 'service-config';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.service')) return 'systemd-unit';
  if (name.endsWith('.plist')) return 'launchd-plist';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  return 'text';
}

export function isJsonFormat(format: ConfigFormat): boolean {
  return jsonFormats.has(format);
}

/** Where the key sits: JSON paths for JSON files, `line N` (with the variable, if any) otherwise. */
export function locateKey(format: ConfigFormat, text: string, key: string): Located {
  if (isJsonFormat(format)) {
    const parsed = parseJson(text);
    if (!parsed.ok) return parsed;
    const fields = jsonPathsHolding(parsed.value, key);
    return fields.length > 0 ? { ok: true, fields } : { ok: false, problem: 'The old key is not a value in this file.' };
  }
  const fields = lineFields(text, key);
  return fields.length > 0 ? { ok: true, fields } : { ok: false, problem: 'The old key does not appear in this file.' };
}

export function rewriteKey(format: ConfigFormat, text: string, oldKey: string, newKey: string): Rewritten {
  if (oldKey === newKey) return { ok: false, problem: 'The new key is the same as the old one.' };
  const before = locateKey(format, text, oldKey);
  if (!before.ok) return before;
  return isJsonFormat(format) ? rewriteJson(text, oldKey, newKey, before.fields) : rewriteLines(format, text, oldKey, newKey, before.fields);
}

function rewriteJson(text: string, oldKey: string, newKey: string, fields: readonly string[]): Rewritten {
  // Inside a JSON string the key is written escaped; replacing the escaped form keeps the layout.
  const inner = (value: string) => JSON.stringify(value).slice(1, -1);
  let after = text.split(inner(oldKey)).join(inner(newKey));
  if (!sameJsonPaths(after, oldKey, newKey, fields)) {
    // The key was written with other escapes (\u00xx, \/): set the values and re-serialise.
    const parsed = parseJson(text);
    if (!parsed.ok) return parsed;
    const replaced = replaceInJson(parsed.value, oldKey, newKey);
    const indent = /^[ \t]*\{\s*\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    after = `${JSON.stringify(replaced, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
    if (!sameJsonPaths(after, oldKey, newKey, fields)) return { ok: false, problem: 'The file could not be rewritten so that it holds the new key; change it by hand.' };
  }
  return { ok: true, text: after, fields };
}

function sameJsonPaths(after: string, oldKey: string, newKey: string, fields: readonly string[]): boolean {
  const parsed = parseJson(after);
  if (!parsed.ok) return false;
  if (jsonPathsHolding(parsed.value, oldKey).length > 0) return false;
  const now = jsonPathsHolding(parsed.value, newKey);
  return now.length === fields.length && now.every((field, index) => field === fields[index]);
}

function rewriteLines(format: ConfigFormat, text: string, oldKey: string, newKey: string, fields: readonly string[]): Rewritten {
  const encode = format === 'launchd-plist' ? escapeXml : (value: string) => value;
  const after = text.split(encode(oldKey)).join(encode(newKey));
  if (after.includes(oldKey)) return { ok: false, problem: 'The old key is written in a form the console cannot replace safely; change it by hand.' };
  // Read back the way the server (or its service manager) will read it.
  const parsedBefore = readServerKey(format, text);
  const parsedAfter = readServerKey(format, after);
  if (parsedBefore === oldKey && parsedAfter !== newKey) {
    return { ok: false, problem: 'The new key has characters that this file would need quoted or escaped; change it by hand.' };
  }
  return { ok: true, text: after, fields };
}

/** MCP_API_KEY as the server would read it from the file, for the read-back check. */
function readServerKey(format: ConfigFormat, text: string): string | null {
  switch (format) {
    case 'dotenv':
      return parseDotEnv(text).keys[0]?.value ?? null;
    case 'systemd-unit':
      return parseSystemdUnit(text).keys[0]?.value ?? null;
    case 'launchd-plist':
      return parseLaunchdPlist(text).keys[0]?.value ?? null;
    case 'service-config':
      return parseServiceConfig(text).keys[0]?.value ?? null;
    case 'claude-desktop':
    case 'claude-hooks':
    case 'json':
    case 'text':
      return null;
  }
}

function lineFields(text: string, key: string): string[] {
  const fields: string[] = [];
  const forms = new Set([key, escapeXml(key)]);
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (![...forms].some((form) => line.includes(form))) return;
    const variable = /^\s*(?:export\s+)?(?:Environment\s*=\s*"?)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    const plistKey = /<key>\s*([^<]+?)\s*<\/key>/.exec(line)?.[1];
    const name = variable ?? plistKey;
    fields.push(name ? `line ${index + 1} (${name})` : `line ${index + 1}`);
  });
  return fields;
}

type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown };
  } catch (error) {
    return { ok: false, problem: `Not valid JSON (${(error as Error).message}); it was not changed.` };
  }
}

/** A value holds the key when it is the key, or `Bearer <key>` (an Authorization header). */
function holdsKey(value: string, key: string): boolean {
  return value === key || (/^bearer\s+/i.test(value) && value.replace(/^bearer\s+/i, '') === key);
}

export function jsonPathsHolding(value: unknown, key: string, at = ''): string[] {
  if (typeof value === 'string') return holdsKey(value, key) ? [at || '(the whole file)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => jsonPathsHolding(item, key, `${at}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, item]) => jsonPathsHolding(item, key, at ? `${at}.${name}` : name));
  }
  return [];
}

function replaceInJson(value: unknown, oldKey: string, newKey: string): unknown {
  if (typeof value === 'string') return holdsKey(value, oldKey) ? value.replace(oldKey, () => newKey) : value;
  if (Array.isArray(value)) return value.map((item) => replaceInJson(item, oldKey, newKey));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, replaceInJson(item, oldKey, newKey)]));
  }
  return value;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
