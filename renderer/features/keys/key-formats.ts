import type { KeyFileKind, KeyFormat, KeySource } from '../../../electron/contract';

export interface KeyFormatLabel {
  readonly label: string;
  /** The same kind of key made outside the console, as the service guide shows it. */
  readonly equivalent: string;
}

// A Record, so a format added to the contract does not compile until it has words here.
export const keyFormatLabels: Readonly<Record<KeyFormat, KeyFormatLabel>> = {
  'base64-32': { label: 'Base64, 32 bytes (recommended)', equivalent: 'openssl rand -base64 32' },
  'base64-48': { label: 'Base64, 48 bytes', equivalent: 'openssl rand -base64 48' },
  'hex-32': { label: 'Hex, 32 bytes', equivalent: 'openssl rand -hex 32' },
  'base64url-32': { label: 'URL-safe base64, 32 bytes', equivalent: 'secrets.token_urlsafe(32)' },
  'mcp-hex': { label: 'Service installer style (mcp- + 32 hex)', equivalent: 'install_service.py' },
};

export const keyFormatOrder: readonly KeyFormat[] = ['base64-32', 'base64-48', 'hex-32', 'base64url-32', 'mcp-hex'];

export const keyFileKindLabels: Readonly<Record<KeyFileKind, string>> = {
  'service-config': 'service config (JSON)',
  dotenv: '.env file',
  'systemd-unit': 'systemd unit',
  'launchd-plist': 'LaunchAgent plist',
};

export const keySourceLabels: Readonly<Record<KeySource, string>> = {
  pasted: 'Pasted',
  generated: 'Generated here',
  imported: 'Imported',
};
