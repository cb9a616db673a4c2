import { randomBytes as secureRandomBytes } from 'node:crypto';

import type { KeyFormat } from '../contract';

/** The formats the service guide and installer use (listed in the contract), all from a CSPRNG. */
export { keyFormats, type KeyFormat } from '../contract';

export interface KeyFormatInfo {
  readonly format: KeyFormat;
  readonly label: string;
  /** What the same key would come from outside the console. */
  readonly equivalent: string;
  readonly length: number;
  readonly entropyBits: number;
}

export const keyFormatInfo: Readonly<Record<KeyFormat, KeyFormatInfo>> = {
  'base64-32': { format: 'base64-32', label: 'Base64, 32 bytes', equivalent: 'openssl rand -base64 32', length: 44, entropyBits: 256 },
  'base64-48': { format: 'base64-48', label: 'Base64, 48 bytes', equivalent: 'openssl rand -base64 48', length: 64, entropyBits: 384 },
  'hex-32': { format: 'hex-32', label: 'Hex, 32 bytes', equivalent: 'openssl rand -hex 32', length: 64, entropyBits: 256 },
  'base64url-32': { format: 'base64url-32', label: 'URL-safe base64, 32 bytes', equivalent: "python -c 'import secrets; print(secrets.token_urlsafe(32))'", length: 43, entropyBits: 256 },
  'mcp-hex': { format: 'mcp-hex', label: 'Service installer style (mcp- + 32 hex)', equivalent: "install_service.py: 'mcp-' + secrets.token_hex(16)", length: 36, entropyBits: 128 },
};

export type RandomBytes = (size: number) => Buffer;

export function generateKey(format: KeyFormat, randomBytes: RandomBytes = secureRandomBytes): string {
  switch (format) {
    case 'base64-32':
      return randomBytes(32).toString('base64');
    case 'base64-48':
      return randomBytes(48).toString('base64');
    case 'hex-32':
      return randomBytes(32).toString('hex');
    case 'base64url-32':
      return randomBytes(32).toString('base64url');
    case 'mcp-hex':
      return `mcp-${randomBytes(16).toString('hex')}`;
  }
}
