import { describe, expect, it } from 'vitest';
import { normaliseBaseUrl } from '../../../electron/profiles/base-url';

const ok = (input: string) => {
  const result = normaliseBaseUrl(input);
  if (!result.ok) throw new Error(`expected ok for ${input}: ${result.message}`);
  return result.url;
};
const message = (input: string) => {
  const result = normaliseBaseUrl(input);
  if (result.ok) throw new Error(`expected a refusal for ${input}, got ${result.url}`);
  return result.message;
};

describe('normaliseBaseUrl', () => {
  it.each([
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:8000/', 'http://127.0.0.1:8000'],
    ['  https://localhost:8000  ', 'https://localhost:8000'],
    ['https://your-server:8000/api', 'https://your-server:8000'],
    ['https://your-server:8000/api/', 'https://your-server:8000'],
    ['HTTPS://Memory.Example.COM/api', 'https://memory.example.com'],
    ['https://memory.example.com:443/', 'https://memory.example.com'],
    ['http://[::1]:8000/api', 'http://[::1]:8000'],
    ['https://proxy.example.com/memory/', 'https://proxy.example.com/memory'],
    ['https://proxy.example.com/team/memory/api', 'https://proxy.example.com/team/memory'],
  ])('%s → %s', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it('asks for a scheme when there is none', () => {
    expect(message('localhost:8000')).toMatch(/Start the address with http:\/\/ or https:\/\//);
    expect(message('memory.example.com')).toMatch(/http:\/\//);
  });

  it('refuses other schemes by name', () => {
    expect(message('ftp://example.com')).toMatch(/not ftp:\/\//);
    expect(message('ws://example.com:8000')).toMatch(/Only http:\/\/ and https:\/\//);
  });

  it('refuses credentials in the URL without repeating them', () => {
    const text = message('https://admin:hunter2@example.com:8000');
    expect(text).toMatch(/user name and password/);
    expect(text).not.toContain('hunter2');
  });

  it('refuses a query or fragment, even an empty one', () => {
    expect(message('https://example.com/api?api_key=abc')).toMatch(/query/);
    expect(message('https://example.com/?')).toMatch(/query/);
    expect(message('https://example.com/#top')).toMatch(/fragment/);
  });

  it('refuses an endpoint below /api, like a pasted health URL', () => {
    expect(message('http://localhost:8000/api/health')).toMatch(/ending at \/api.*\/api\/health/);
  });

  it('refuses empty, garbage and port 0', () => {
    expect(message('   ')).toMatch(/Enter the server/);
    expect(message('http://exa mple.com')).toMatch(/spaces/);
    expect(message('http://example.com:0')).toMatch(/port/);
    expect(message('http://example.com:99999')).toMatch(/not a valid address/);
  });

  it('warns about plain http to another machine, not to this one', () => {
    const remote = normaliseBaseUrl('http://memory.lan:8000');
    expect(remote.ok && remote.warnings[0]).toMatch(/unencrypted/);
    const local = normaliseBaseUrl('http://127.0.0.1:8000');
    expect(local.ok && local.warnings).toEqual([]);
  });
});
