/**
 * Parsers for the places the MCP Memory Service's key lives (memory-service-api.md §1.4). Pure
 * functions over text so every quoting rule is unit-tested; file access is in key-import.ts.
 */
import type { KeyFileKind } from '../contract';

export interface FoundKey {
  /** Where in the file: `api_key`, `environment.MCP_API_KEY` or `MCP_API_KEY`. */
  readonly field: string;
  readonly value: string;
}

export interface ParsedKeyFile {
  readonly keys: readonly FoundKey[];
  /** Explanations for keys that were present but unusable (empty, variable reference…). */
  readonly problems: readonly string[];
  /** systemd `EnvironmentFile=` paths, which may hold the key instead of the unit. */
  readonly environmentFiles: readonly string[];
}

const variable = 'MCP_API_KEY';
const emptyKeyProblem = `${variable} is set but empty: the server runs without authentication.`;

export function parseKeyFile(kind: KeyFileKind, text: string): ParsedKeyFile {
  switch (kind) {
    case 'service-config':
      return parseServiceConfig(text);
    case 'dotenv':
      return parseDotEnv(text);
    case 'systemd-unit':
      return parseSystemdUnit(text);
    case 'launchd-plist':
      return parseLaunchdPlist(text);
  }
}

/** `~/.mcp_memory_service/service_config.json`: `api_key`, and on Windows also `environment.MCP_API_KEY`. */
export function parseServiceConfig(text: string): ParsedKeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return result([], [`Not valid JSON (${(error as Error).message}).`]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return result([], ['Not a JSON object.']);
  const record = json as Record<string, unknown>;
  const keys: FoundKey[] = [];
  const problems: string[] = [];
  const take = (field: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') problems.push(`${field} is not a string.`);
    else if (value.trim() === '') problems.push(`${field} is empty.`);
    else if (!keys.some((key) => key.value === value)) keys.push({ field, value });
  };
  take('api_key', record['api_key']);
  const environment = record['environment'];
  if (typeof environment === 'object' && environment !== null && !Array.isArray(environment)) {
    take(`environment.${variable}`, (environment as Record<string, unknown>)[variable]);
  }
  if (keys.length === 0 && problems.length === 0) problems.push(`No api_key or environment.${variable} in this file.`);
  return result(keys, problems);
}

/** python-dotenv rules (the service loads .env with it): `export`, quotes, escapes, `#` comments; the last assignment wins. */
export function parseDotEnv(text: string): ParsedKeyFile {
  const lines = text.split(/\r\n|\n|\r/);
  let found: { value: string } | { problem: string } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(lines[index] ?? '');
    if (!match) continue;
    let rest = match[2] ?? '';
    const quote = rest[0];
    let value: string;
    let expands = true;
    if (quote === '"' || quote === "'") {
      // A quoted value may continue on the following lines until its closing quote.
      let closing = findClosingQuote(rest, quote);
      while (closing < 0 && index + 1 < lines.length) {
        index++;
        rest += `\n${lines[index]}`;
        closing = findClosingQuote(rest, quote);
      }
      const inner = closing < 0 ? rest.slice(1) : rest.slice(1, closing);
      value = quote === '"' ? unescapeDoubleQuoted(inner) : inner;
      expands = quote === '"';
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    if (match[1] !== variable) continue;
    if (expands && /\$\{[^}]*\}/.test(value)) {
      found = { problem: `${variable} refers to another variable (\${…}); its value cannot be read from this file alone.` };
    } else if (value.trim() === '') {
      found = { problem: emptyKeyProblem };
    } else {
      found = { value };
    }
  }
  if (found === null) return result([], []);
  return 'value' in found ? result([{ field: variable, value: found.value }], []) : result([], [found.problem]);
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDoubleQuoted(text: string): string {
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return text.replace(/\\(.)/g, (whole, char: string) => map[char] ?? whole);
}

/**
 * systemd unit: `Environment=MCP_API_KEY=…`, `Environment="MCP_API_KEY=…"`, several assignments
 * per line, C escapes, `%%` specifier, continuation lines, an empty `Environment=` resets the list.
 */
export function parseSystemdUnit(text: string): ParsedKeyFile {
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r\n|\n|\r/);
  let section = '';
  let found: { value: string } | { problem: string } | null = null;
  let environmentFiles: string[] = [];
  for (const rawLine of logical) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    if (section !== 'Service') continue;
    const setting = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(line);
    if (!setting) continue;
    const [, name, value = ''] = setting;
    if (name === 'EnvironmentFile') {
      if (value === '') environmentFiles = [];
      else environmentFiles.push(value.replace(/^-/, ''));
      continue;
    }
    if (name !== 'Environment') continue;
    if (value === '') {
      found = null;
      continue;
    }
    for (const word of splitSystemdWords(value)) {
      const eq = word.indexOf('=');
      if (eq < 0 || word.slice(0, eq) !== variable) continue;
      const assigned = word.slice(eq + 1);
      if (/%[^%]/.test(assigned.replace(/%%/g, ''))) {
        found = { problem: `${variable} uses a systemd specifier (%…) that only systemd can expand.` };
      } else {
        const expanded = assigned.replace(/%%/g, '%');
        found = expanded.trim() === '' ? { problem: emptyKeyProblem } : { value: expanded };
      }
    }
  }
  if (found === null) return result([], [], environmentFiles);
  return 'value' in found
    ? result([{ field: variable, value: found.value }], [], environmentFiles)
    : result([], [found.problem], environmentFiles);
}

/** Whitespace-separated words with single/double quotes and C escapes, as systemd's extract_first_word. */
export function splitSystemdWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", ' ': ' ' };
      current += escapes[next] ?? next;
      inWord = true;
    } else if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** macOS LaunchAgent (XML plist): `<key>MCP_API_KEY</key><string>…</string>` inside EnvironmentVariables. */
export function parseLaunchdPlist(text: string): ParsedKeyFile {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const start = /<key>\s*EnvironmentVariables\s*<\/key>\s*<dict>/.exec(xml);
  if (!start) return result([], []);
  const body = dictBody(xml, start.index + start[0].length);
  const entry = /<key>\s*MCP_API_KEY\s*<\/key>\s*(?:<string>([\s\S]*?)<\/string>|<string\s*\/>|<(\w+))/.exec(body);
  if (!entry) return result([], []);
  if (entry[2] !== undefined) return result([], [`${variable} is a <${entry[2]}>, not a <string>.`]);
  const value = decodeXmlEntities(entry[1] ?? '');
  if (value.trim() === '') return result([], [emptyKeyProblem]);
  return result([{ field: variable, value }], []);
}

function dictBody(xml: string, from: number): string {
  let depth = 1;
  const tag = /<(\/?)dict\s*(\/?)>/g;
  tag.lastIndex = from;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    if (match[2] === '/') continue;
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return xml.slice(from, match.index);
  }
  return xml.slice(from);
}

function decodeXmlEntities(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, entity: string) => {
      if (entity.startsWith('#x')) return safeCodePoint(Number.parseInt(entity.slice(2), 16)) ?? whole;
      if (entity.startsWith('#')) return safeCodePoint(Number.parseInt(entity.slice(1), 10)) ?? whole;
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? whole;
    });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function result(keys: readonly FoundKey[], problems: readonly string[], environmentFiles: readonly string[] = []): ParsedKeyFile {
  return { keys, problems, environmentFiles };
}
