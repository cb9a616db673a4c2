import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyForMeta,
  withContentSecurityPolicy,
} from '../../../electron/shell/csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy());

  it('is the agreed policy', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('never allows inline or evaluated script, anywhere', () => {
    expect(policy.get('script-src')).toBe("'self'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*/);
  });

  it('refuses framing, plugins, base rewrites and form posts', () => {
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'none'");
    expect(policy.get('default-src')).toBe("'none'");
  });

  it('has a meta-tag form without frame-ancestors (ignored in meta) and otherwise identical', () => {
    const meta = directives(contentSecurityPolicyForMeta());
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(new Map([...policy].filter(([name]) => name !== 'frame-ancestors'))).toEqual(meta);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces a policy in any header casing and keeps other headers', () => {
    expect(
      withContentSecurityPolicy({
        'content-security-policy': ["default-src *"],
        'CONTENT-SECURITY-POLICY': 'script-src * ',
        'Content-Type': 'text/html',
        'X-Many': ['a', 'b'],
      }),
    ).toEqual({
      'Content-Type': ['text/html'],
      'X-Many': ['a', 'b'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
  });

  it('adds the policy when the response has no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy()] });
  });
});
