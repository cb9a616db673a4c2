import { describe, expect, it } from 'vitest';
import { parseDotEnv, parseLaunchdPlist, parseServiceConfig, parseSystemdUnit } from '../../../electron/keys/key-file-parsers';

const K = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';
const values = (parsed: { keys: readonly { value: string }[] }) => parsed.keys.map((key) => key.value);

describe('service_config.json', () => {
  it('reads api_key as the installer writes it', () => {
    const text = JSON.stringify({ service_name: 'mcp-memory', api_key: K, command: ['python'], environment: { MCP_HTTP_PORT: '8000' }, user_level: true });
    expect(parseServiceConfig(text).keys).toEqual([{ field: 'api_key', value: K }]);
  });
  it('reads environment.MCP_API_KEY (Windows) and does not list the same key twice', () => {
    expect(parseServiceConfig(JSON.stringify({ api_key: K, environment: { MCP_API_KEY: K } })).keys).toHaveLength(1);
    expect(parseServiceConfig(JSON.stringify({ environment: { MCP_API_KEY: K } })).keys).toEqual([{ field: 'environment.MCP_API_KEY', value: K }]);
  });
  it('lists both when they differ, so the user can choose', () => {
    expect(values(parseServiceConfig(JSON.stringify({ api_key: K, environment: { MCP_API_KEY: 'other-key-0123456789' } })))).toEqual([K, 'other-key-0123456789']);
  });
  it('explains bad JSON and missing keys instead of throwing', () => {
    expect(parseServiceConfig('{"api_key": ').problems[0]).toMatch(/Not valid JSON/);
    expect(parseServiceConfig('{"service_name":"x"}').problems[0]).toMatch(/No api_key/);
    expect(parseServiceConfig('{"api_key": 42}').problems[0]).toMatch(/not a string/);
  });
});

describe('.env', () => {
  it.each([
    ['plain', `MCP_API_KEY=${K}`],
    ['double quotes', `MCP_API_KEY="${K}"`],
    ['single quotes', `MCP_API_KEY='${K}'`],
    ['export prefix', `export MCP_API_KEY=${K}`],
    ['spaces around =', `MCP_API_KEY = ${K}`],
    ['inline comment', `MCP_API_KEY=${K}  # the server key`],
    ['CRLF line endings', `OTHER=1\r\nMCP_API_KEY=${K}\r\n`],
  ])('%s', (_label, text) => {
    expect(values(parseDotEnv(text))).toEqual([K]);
  });

  it('skips comments and other variables; the last assignment wins', () => {
    const text = [`# MCP_API_KEY=commented-out-0123456789`, 'MCP_HTTP_PORT=8000', 'MCP_API_KEY=old-key-0123456789', `MCP_API_KEY=${K}`].join('\n');
    expect(values(parseDotEnv(text))).toEqual([K]);
  });

  it('keeps # inside quotes and decodes escapes in double quotes only', () => {
    expect(values(parseDotEnv('MCP_API_KEY="abc#def\\"ghi0123456789"'))).toEqual(['abc#def"ghi0123456789']);
    expect(values(parseDotEnv("MCP_API_KEY='abc\\ndef0123456789'"))).toEqual(['abc\\ndef0123456789']);
  });

  it('reports an empty key (authentication off) and a ${VAR} reference', () => {
    expect(parseDotEnv('MCP_API_KEY=').problems[0]).toMatch(/empty/);
    expect(parseDotEnv('MCP_API_KEY=${SECRET_FROM_ELSEWHERE}').problems[0]).toMatch(/another variable/);
  });

  it('finds nothing in a file without the variable', () => {
    expect(parseDotEnv('A=1\nB=2')).toEqual({ keys: [], problems: [], environmentFiles: [] });
  });
});

describe('systemd unit', () => {
  const unit = (line: string) => `[Unit]\nDescription=MCP Memory Service\n\n[Service]\nType=simple\n${line}\nExecStart=/usr/bin/python run.py\n\n[Install]\nWantedBy=default.target\n`;
  it.each([
    ['unquoted', `Environment=MCP_API_KEY=${K}`],
    ['quoted assignment', `Environment="MCP_API_KEY=${K}"`],
    ['among other assignments', `Environment=MCP_HTTP_PORT=8000 MCP_API_KEY=${K} MCP_HTTPS_ENABLED=true`],
    ['quoted among others', `Environment="PYTHONPATH=/opt/a b" "MCP_API_KEY=${K}"`],
    ['continuation line', `Environment=MCP_HTTP_PORT=8000 \\\n  MCP_API_KEY=${K}`],
  ])('%s', (_label, line) => {
    expect(values(parseSystemdUnit(unit(line)))).toEqual([K]);
  });

  it('turns %% into % and the last assignment wins', () => {
    expect(values(parseSystemdUnit(unit('Environment=MCP_API_KEY=old-0123456789abcdef\nEnvironment=MCP_API_KEY=abc%%def0123456789')))).toEqual(['abc%def0123456789']);
  });

  it('ignores Environment= outside [Service] and in comments; an empty Environment= resets', () => {
    expect(parseSystemdUnit(`[Unit]\nEnvironment=MCP_API_KEY=${K}\n[Service]\n# Environment=MCP_API_KEY=${K}\n`).keys).toEqual([]);
    expect(parseSystemdUnit(unit(`Environment=MCP_API_KEY=${K}\nEnvironment=`)).keys).toEqual([]);
  });

  it('collects EnvironmentFile= paths (the key may live there)', () => {
    expect(parseSystemdUnit(unit('EnvironmentFile=-/opt/mcp-memory-service/.env')).environmentFiles).toEqual(['/opt/mcp-memory-service/.env']);
  });
});

describe('LaunchAgent plist', () => {
  const plist = (env: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>com.mcp.memory-service</string>
  <key>EnvironmentVariables</key>
  <dict>
    <key>MCP_HTTP_PORT</key>
    <string>8000</string>
    ${env}
  </dict>
  <key>RunAtLoad</key>
  <true/>
</dict>
</plist>`;

  it('reads MCP_API_KEY from EnvironmentVariables', () => {
    expect(values(parseLaunchdPlist(plist(`<key>MCP_API_KEY</key>\n    <string>${K}</string>`)))).toEqual([K]);
  });
  it('decodes XML entities', () => {
    expect(values(parseLaunchdPlist(plist('<key>MCP_API_KEY</key><string>a&amp;b&lt;c&#x41;0123456789</string>')))).toEqual(['a&b<cA0123456789']);
  });
  it('ignores the key outside EnvironmentVariables and in comments', () => {
    const text = plist(`<!-- <key>MCP_API_KEY</key><string>${K}</string> -->`).replace('<key>Label</key>', `<key>MCP_API_KEY</key><string>${K}</string><key>Label</key>`);
    expect(parseLaunchdPlist(text).keys).toEqual([]);
  });
  it('reports an empty key', () => {
    expect(parseLaunchdPlist(plist('<key>MCP_API_KEY</key><string></string>')).problems[0]).toMatch(/empty/);
  });
});
