import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { deriveKeyInfo, keyComparisonHash, keyFingerprint, keyPrefix } from '../../../electron/keys/key-fingerprint';

describe('key fingerprints', () => {
  it('shows the first 8 characters of a normal-length key, like the guide’s script', () => {
    expect(keyPrefix('mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe('mcp-a1b2…');
  });

  it('never shows more than a quarter of a short key', () => {
    expect(keyPrefix('a1B2c3D4e5F6g7H8')).toBe('a1B2…');
    expect(keyPrefix('a1B2c3D4e5F6g7H8i9J0k1L2m3N4')).toBe('a1B2c3D…');
  });

  it('matches what `sha256sum` prints for the same key', () => {
    const key = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const shell = execFileSync('sha256sum', { input: key }).toString().slice(0, 12);
    expect(keyFingerprint(key)).toBe(`sha256:${shell}`);
    expect(keyFingerprint('abc')).toBe('sha256:ba7816bf8f01');
  });

  it('compares keys with a per-installation salt: equal keys match, other salts do not', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const other = Buffer.alloc(16, 2).toString('base64');
    const key = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';
    expect(keyComparisonHash(key, salt)).toBe(keyComparisonHash(key, salt));
    expect(keyComparisonHash(key, salt)).not.toBe(keyComparisonHash(key, other));
    expect(keyComparisonHash(key, salt)).not.toBe(keyComparisonHash(`${key}x`, salt));
    expect(keyComparisonHash(key, salt)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it('derived info never contains the key', () => {
    const key = 'q3zJ+8xv/9tVwW0e5yOVm2S1P6mEo1l0b7oQyH5c3kA=';
    const info = deriveKeyInfo(key, Buffer.alloc(16).toString('base64'));
    expect(JSON.stringify(info)).not.toContain(key.slice(8));
  });
});
