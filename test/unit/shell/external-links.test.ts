import { describe, expect, it } from 'vitest';
import { allowedExternalUrl } from '../../../electron/shell/external-links';

describe('allowedExternalUrl', () => {
  it.each([
    'https://github.com/doobidoo/mcp-memory-service',
    'https://github.com/doobidoo/mcp-memory-service/',
    'https://github.com/doobidoo/mcp-memory-service/wiki/Authentication',
    'https://github.com/doobidoo/mcp-memory-service/issues?q=api+key#top',
    'https://pypi.org/project/mcp-memory-service/',
  ])('opens %s', (url) => {
    expect(allowedExternalUrl(url)).toBe(new URL(url).href);
  });

  it.each([
    ['plain http', 'http://github.com/doobidoo/mcp-memory-service'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a lookalike host', 'https://github.com.evil.io/doobidoo/mcp-memory-service'],
    ['a host suffix', 'https://evilgithub.com/doobidoo/mcp-memory-service'],
    ['a subdomain', 'https://gist.github.com/doobidoo/mcp-memory-service'],
    ['credentials before the host', 'https://github.com@evil.io/doobidoo/mcp-memory-service'],
    ['credentials on the host', 'https://user:pw@github.com/doobidoo/mcp-memory-service'],
    ['another port', 'https://github.com:8443/doobidoo/mcp-memory-service'],
    ['a path that only starts like ours', 'https://github.com/doobidoo/mcp-memory-service-evil'],
    ['another repository on the host', 'https://github.com/evil/repo'],
    ['a dot-dot escape', 'https://github.com/doobidoo/mcp-memory-service/../../evil/repo'],
    ['an encoded dot-dot escape', 'https://github.com/doobidoo/mcp-memory-service/%2e%2e/%2e%2e/evil'],
    ['a relative URL', '/doobidoo/mcp-memory-service'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(allowedExternalUrl(url)).toBeNull();
  });
});
