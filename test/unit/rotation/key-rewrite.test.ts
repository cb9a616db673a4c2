import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { parseDotEnv, parseLaunchdPlist, parseServiceConfig, parseSystemdUnit } from '../../../electron/keys/key-file-parsers';
import { formatForPath, locateKey, rewriteKey } from '../../../electron/rotation/key-rewrite';
import { displayLine, redact, redactedDiff } from '../../../electron/rotation/redacted-diff';
import { fakeKey } from './harness';

const OLD = fakeKey('old');
const NEW = fakeKey('new');
const NEW_B64 = 'q3zJ+8xv/9tVwW0e5yOVm2S1P6mEo1l0b7oQyH5c3kA=';

const rewrite = (format: Parameters<typeof rewriteKey>[0], text: string, to = NEW) => {
  const result = rewriteKey(format, text, OLD, to);
  if (!result.ok) throw new Error(result.problem);
  return result;
};

describe('formatForPath', () => {
  it.each([
    ['/home/u/.config/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['/Users/u/Library/Application Support/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['/home/u/.claude/hooks/config.json', 'claude-hooks'],
    ['/home/u/other/hooks/config.json', 'json'],
    ['/home/u/.mcp_memory_service/service_config.json', 'service-config'],
    ['/srv/app/settings.json', 'json'],
    ['/home/u/.config/systemd/user/mcp-memory.service', 'systemd-unit'],
    ['/Users/u/Library/LaunchAgents/com.mcp.memory-service.plist', 'launchd-plist'],
    ['/srv/app/.env', 'dotenv'],
    ['/srv/app/.env.production', 'dotenv'],
    ['/srv/app/memory.env', 'dotenv'],
    ['/srv/app/run.sh', 'text'],
  ] as const)('%s → %s', (file, format) => {
    expect(formatForPath(file)).toBe(format);
  });
});

describe('Claude Desktop and Claude Code hooks configurations', () => {
  const desktop = `{
    "mcpServers": {
        "memory": {
            "command": "node",
            "env": { "MCP_MEMORY_HTTP_ENDPOINT": "https://memory.local:8000/api", "MCP_MEMORY_API_KEY": "${OLD}" }
        },
        "remote": { "url": "https://memory.local:8000/mcp", "headers": { "Authorization": "Bearer ${OLD}" } },
        "other": { "env": { "OTHER_TOKEN": "keep-this-value" } }
    }
}`;

  it('finds the key in env.MCP_MEMORY_API_KEY and headers.Authorization, and changes only those values, layout kept', () => {
    expect(locateKey('claude-desktop', desktop, OLD)).toEqual({ ok: true, fields: ['mcpServers.memory.env.MCP_MEMORY_API_KEY', 'mcpServers.remote.headers.Authorization'] });
    const result = rewrite('claude-desktop', desktop);
    expect(result.text).toBe(desktop.split(OLD).join(NEW));
    const parsed = JSON.parse(result.text);
    expect(parsed.mcpServers.remote.headers.Authorization).toBe(`Bearer ${NEW}`);
    expect(parsed.mcpServers.other.env.OTHER_TOKEN).toBe('keep-this-value');
  });

  it('finds memoryService.http.apiKey in ~/.claude/hooks/config.json', () => {
    const hooks = JSON.stringify({ memoryService: { http: { endpoint: 'https://m:8000', apiKey: OLD }, other: 1 } }, null, 2);
    expect(locateKey('claude-hooks', hooks, OLD)).toEqual({ ok: true, fields: ['memoryService.http.apiKey'] });
    expect(JSON.parse(rewrite('claude-hooks', hooks).text).memoryService.http.apiKey).toBe(NEW);
  });

  it('re-serialises when the key is written with unusual escapes, keeping the indentation', () => {
    const escaped = `{\n    "memoryService": { "http": { "apiKey": "${OLD.replace('t', '\\u0074')}" } }\n}\n`;
    const result = rewrite('claude-hooks', escaped, NEW_B64);
    expect(JSON.parse(result.text).memoryService.http.apiKey).toBe(NEW_B64);
    expect(result.text).toMatch(/^\{\n {4}"memoryService"/);
    expect(result.text.endsWith('\n')).toBe(true);
  });

  it('refuses invalid JSON and a file without the key', () => {
    expect(rewriteKey('claude-desktop', '{ "mcpServers": ', OLD, NEW)).toMatchObject({ ok: false, problem: expect.stringContaining('Not valid JSON') });
    expect(rewriteKey('json', '{"a": "b"}', OLD, NEW)).toMatchObject({ ok: false, problem: expect.stringContaining('not a value') });
  });
});

describe('server files, read back with the service’s own parsers', () => {
  it('service_config.json: api_key and environment.MCP_API_KEY', () => {
    const text = JSON.stringify({ service_name: 'mcp-memory', api_key: OLD, environment: { MCP_API_KEY: OLD, MCP_HTTP_PORT: '8000' } }, null, 2);
    const result = rewrite('service-config', text, NEW_B64);
    expect(result.fields).toEqual(['api_key', 'environment.MCP_API_KEY']);
    expect(parseServiceConfig(result.text).keys.map((key) => key.value)).toEqual([NEW_B64]);
  });

  it('.env: quoting and comments kept', () => {
    const text = `# server\nexport MCP_API_KEY="${OLD}"  # rotated quarterly\nMCP_HTTP_PORT=8000\n`;
    const result = rewrite('dotenv', text, NEW_B64);
    expect(result.fields).toEqual(['line 2 (MCP_API_KEY)']);
    expect(result.text).toBe(`# server\nexport MCP_API_KEY="${NEW_B64}"  # rotated quarterly\nMCP_HTTP_PORT=8000\n`);
    expect(parseDotEnv(result.text).keys[0]?.value).toBe(NEW_B64);
  });

  it('.env: refuses a new key that would need quoting where the old one had none', () => {
    expect(rewriteKey('dotenv', `MCP_API_KEY=${OLD}\n`, OLD, 'has a space #and-a-comment-0123456789')).toMatchObject({ ok: false, problem: expect.stringContaining('quoted') });
  });

  it('systemd unit: Environment=MCP_API_KEY=… in [Service]', () => {
    const text = `[Unit]\nDescription=MCP Memory\n\n[Service]\nEnvironment=MCP_API_KEY=${OLD}\nEnvironment=MCP_HTTP_PORT=8000\nExecStart=/usr/bin/python run.py\n`;
    const result = rewrite('systemd-unit', text);
    expect(result.fields).toEqual(['line 5 (MCP_API_KEY)']);
    expect(parseSystemdUnit(result.text).keys[0]?.value).toBe(NEW);
  });

  it('systemd unit: a new key with % is refused rather than turned into a specifier', () => {
    expect(rewriteKey('systemd-unit', `[Service]\nEnvironment=MCP_API_KEY=${OLD}\n`, OLD, 'percent%sign-0123456789abcdef')).toMatchObject({ ok: false });
  });

  it('LaunchAgent plist: XML-escaped', () => {
    const text = `<plist><dict><key>EnvironmentVariables</key><dict>\n<key>MCP_API_KEY</key>\n<string>${OLD}</string>\n</dict></dict></plist>\n`;
    const result = rewrite('launchd-plist', text, 'amp&lt-key-0123456789abcdef');
    expect(result.text).toContain('<string>amp&amp;lt-key-0123456789abcdef</string>');
    expect(parseLaunchdPlist(result.text).keys[0]?.value).toBe('amp&lt-key-0123456789abcdef');
  });

  it('plain text: every occurrence, by line', () => {
    const text = `one ${OLD}\ntwo\nthree Bearer ${OLD} and ${OLD}\n`;
    const result = rewrite('text', text);
    expect(result.fields).toEqual(['line 1', 'line 3']);
    expect(result.text).not.toContain(OLD);
  });

  it('refuses to "rotate" to the same key', () => {
    expect(rewriteKey('text', OLD, OLD, OLD)).toMatchObject({ ok: false });
  });

  it('a key with $ in it is written literally (no replacement patterns)', () => {
    const dollar = 'dollar$&$1$`-0123456789abcdefgh';
    const hooks = JSON.stringify({ memoryService: { http: { apiKey: OLD } } });
    expect(JSON.parse(rewrite('claude-hooks', hooks, dollar).text).memoryService.http.apiKey).toBe(dollar);
  });
});

describe('redaction', () => {
  const secrets = [
    { value: OLD, name: 'old key' },
    { value: NEW_B64, name: 'new key' },
  ];

  it('replaces raw, JSON-escaped, XML-escaped and URL-encoded forms by a label with the fingerprint', () => {
    const text = `${OLD} ${NEW_B64} ${encodeURIComponent(NEW_B64)} ${JSON.stringify('a"b-0123456789abcdef').slice(1, -1)}`;
    const redacted = redact(text, [...secrets, { value: 'a"b-0123456789abcdef', name: 'old key' }]);
    expect(redacted).not.toContain(OLD);
    expect(redacted).not.toContain(NEW_B64);
    expect(redacted).not.toContain(encodeURIComponent(NEW_B64));
    expect(redacted).toContain(`‹new key ${keyFingerprint(NEW_B64)}›`);
  });

  it('cuts long lines around the key and hides control characters', () => {
    const line = `{"a":"${'x'.repeat(500)}","apiKey":"${OLD}","b":"${'y'.repeat(500)}\u0007"}`;
    expect(displayLine(line, secrets)).toBe(`…"apiKey":"‹old key ${keyFingerprint(OLD)}›"…`);
    expect(displayLine(`tab\there \u0007 ${OLD}`, secrets)).toBe(`tab  here \uFFFD ‹old key ${keyFingerprint(OLD)}›`);
  });

  it('a diff shows changed lines only, no context lines (which may hold other secrets)', () => {
    const before = `A=1\nSECRET_OTHER=hunter2\nMCP_API_KEY=${OLD}\nB=2\nX=${OLD}\n`;
    const after = before.split(OLD).join(NEW_B64);
    const diff = redactedDiff(before, after, secrets);
    expect(diff.map((line) => [line.kind, line.line])).toEqual([
      ['removed', 3],
      ['added', 3],
      ['gap', null],
      ['removed', 5],
      ['added', 5],
    ]);
    expect(JSON.stringify(diff)).not.toContain('hunter2');
    expect(JSON.stringify(diff)).not.toContain(OLD);
  });

  it('a re-serialised file shows only the lines with a key', () => {
    const before = `{"memoryService":{"http":{"apiKey":"${OLD}","token":"other-secret"}}}`;
    const after = JSON.stringify({ memoryService: { http: { apiKey: NEW_B64, token: 'other-secret' } } }, null, 2);
    const diff = redactedDiff(before, after, secrets);
    expect(diff.filter((line) => line.kind === 'added').map((line) => line.text)).toEqual([`      "apiKey": "‹new key ${keyFingerprint(NEW_B64)}›"…`]);
    expect(JSON.stringify(diff)).not.toContain('other-secret');
    expect(diff[0]).toEqual({ kind: 'removed', line: 1, text: `…"apiKey":"‹old key ${keyFingerprint(OLD)}›"…` });
  });
});
