import { describe, expect, it } from 'vitest';
import { generateKey, keyFormatInfo, keyFormats } from '../../../electron/keys/key-generator';
import { checkKey } from '../../../electron/keys/key-policy';

const shapes: Record<(typeof keyFormats)[number], RegExp> = {
  'base64-32': /^[A-Za-z0-9+/]{43}=$/,
  'base64-48': /^[A-Za-z0-9+/]{64}$/,
  'hex-32': /^[0-9a-f]{64}$/,
  'base64url-32': /^[A-Za-z0-9_-]{43}$/,
  'mcp-hex': /^mcp-[0-9a-f]{32}$/,
};

describe('generateKey', () => {
  it.each(keyFormats)('%s has the documented shape and length and passes the policy cleanly', (format) => {
    const key = generateKey(format);
    expect(key).toMatch(shapes[format]);
    expect(key).toHaveLength(keyFormatInfo[format].length);
    const check = checkKey(key);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
  });

  it.each(keyFormats)('%s uses the full random input (decodes back to the bytes drawn)', (format) => {
    const bytes = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37 + 11) & 0xff));
    const key = generateKey(format, (size) => bytes.subarray(0, size));
    const decoded =
      format === 'hex-32' ? Buffer.from(key, 'hex')
      : format === 'mcp-hex' ? Buffer.from(key.slice(4), 'hex')
      : format === 'base64url-32' ? Buffer.from(key, 'base64url')
      : Buffer.from(key, 'base64');
    expect(decoded.length * 8).toBe(keyFormatInfo[format].entropyBits);
    expect(decoded.equals(bytes.subarray(0, decoded.length))).toBe(true);
  });

  it('never repeats and spreads over the whole alphabet', () => {
    const keys = Array.from({ length: 2000 }, () => generateKey('hex-32'));
    expect(new Set(keys).size).toBe(keys.length);
    // 128,000 hex digits: each of the 16 should appear about 8,000 times.
    const counts = new Map<string, number>();
    for (const char of keys.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(16);
    for (const count of counts.values()) expect(Math.abs(count - 8000)).toBeLessThan(600);
  });
});
