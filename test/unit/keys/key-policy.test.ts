import { describe, expect, it } from 'vitest';
import { checkKey } from '../../../electron/keys/key-policy';

const codes = (issues: readonly { code: string }[]) => issues.map((issue) => issue.code);

describe('checkKey', () => {
  it('accepts the installer format without remarks', () => {
    const check = checkKey('mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(check).toEqual({ key: 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90', errors: [], warnings: [], notes: [] });
  });

  it('trims surrounding whitespace and says so', () => {
    const check = checkKey('  \tmcp-a1b2c3d4e5f60718293a4b5c6d7e8f90\n');
    expect(check.key).toBe('mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(codes(check.notes)).toEqual(['trimmed']);
    expect(check.errors).toEqual([]);
  });

  it('refuses an empty or whitespace-only key', () => {
    expect(codes(checkKey('').errors)).toEqual(['empty']);
    expect(codes(checkKey('   \n ').errors)).toEqual(['empty']);
  });

  it('refuses keys under 16 characters and warns under 32', () => {
    expect(codes(checkKey('a1B2c3D4e5F6g7H').errors)).toContain('too-short'); // 15
    const sixteen = checkKey('a1B2c3D4e5F6g7H8');
    expect(sixteen.errors).toEqual([]);
    expect(codes(sixteen.warnings)).toContain('short');
    expect(codes(checkKey('a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6').warnings)).not.toContain('short'); // 32
  });

  it('refuses a multi-line paste', () => {
    expect(codes(checkKey('a1B2c3D4e5F6g7H8\ni9J0k1L2m3N4o5P6').errors)).toContain('multi-line');
  });

  it('refuses non-ASCII characters (they cannot go in a header reliably)', () => {
    expect(codes(checkKey('clé-a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5').errors)).toContain('non-ascii');
  });

  it('lets openssl -base64 output through with only a note about ?api_key=', () => {
    const check = checkKey('q3zJ+8xv/9tVwW0e5yOVm2S1P6mEo1l0b7oQyH5c3kA=');
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(codes(check.notes)).toEqual(['base64-punctuation']);
  });

  it('warns about characters that break .env files, systemd units or shells', () => {
    expect(codes(checkKey('abc$def#ghi"jkl0123456789ABCDEFG').warnings)).toContain('unsafe-characters');
  });

  it('points out a pasted "Bearer …" header or a whole MCP_API_KEY= line', () => {
    expect(codes(checkKey('Bearer a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6').warnings)).toContain('bearer-prefix');
    expect(codes(checkKey('MCP_API_KEY=a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6').warnings)).toContain('assignment');
    expect(codes(checkKey('"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"').warnings)).toContain('quoted');
  });

  it('warns about an obviously non-random key', () => {
    expect(codes(checkKey('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').warnings)).toContain('low-variety');
  });

  it('never puts the key into a message', () => {
    const key = 'Bearer zz$zz#zz"zz';
    const check = checkKey(key);
    for (const issue of [...check.errors, ...check.warnings, ...check.notes]) expect(issue.message).not.toContain('zz$zz');
  });
});
