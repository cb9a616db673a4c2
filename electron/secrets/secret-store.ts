import { ConsoleFailure } from '../core/console-failure';

export type SecretStoreKind = 'os-keychain' | 'session-only';

/**
 * Where API keys live. Two implementations: the OS keychain (keytar-secret-store.ts, the only file
 * that touches keytar) and a process-lifetime map (session-secret-store.ts). There is deliberately
 * no file-backed implementation: a key is never written to disk by this app.
 */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  get(account: string): Promise<string | null>;
  /** Replaces any existing secret for the account. Throws InvalidSecretError before touching the store. */
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Account names only: listing never returns secrets. */
  list(): Promise<readonly string[]>;
}

/**
 * A value the store refuses. Its message names the rule, never the value: the value may be a key.
 * Extends ConsoleFailure so the dispatcher reports it as `invalid-input` without extra wiring.
 */
export class InvalidSecretError extends ConsoleFailure {
  readonly rule: 'empty' | 'control-characters' | 'malformed-unicode' | 'too-long' | 'bad-account';

  constructor(rule: InvalidSecretError['rule'], message: string) {
    super('invalid-input', message);
    this.name = 'InvalidSecretError';
    this.rule = rule;
  }
}

/** The keychain failed during an operation (e.g. locked after startup). Reported as `keychain-unavailable`. */
export class SecretStoreError extends ConsoleFailure {
  readonly reason: string;

  constructor(reason: string, message: string, fix: string) {
    super('keychain-unavailable', message, fix);
    this.name = 'SecretStoreError';
    this.reason = reason;
  }
}

// Generous for an API key, small enough that a pasted file is refused before it reaches the OS.
export const maxSecretLength = 16 * 1024;
const maxAccountLength = 200;

// C0/C1 controls (newlines, tabs, NUL…) and the Unicode line/paragraph separators: a key is one line.
const lineBreaking = /[\p{Cc}\u2028\u2029]/u;
// In a `u` regex a well-formed surrogate pair is one code point, so this only matches lone halves,
// which UTF-8 encoding in the keychain would silently turn into U+FFFD (a different key).
const loneSurrogate = /\p{Cs}/u;

export function assertStorableSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new InvalidSecretError('empty', 'The key is empty.');
  }
  if (secret.length > maxSecretLength) {
    throw new InvalidSecretError('too-long', `The key is longer than ${maxSecretLength} characters.`);
  }
  if (lineBreaking.test(secret)) {
    throw new InvalidSecretError(
      'control-characters',
      'The key contains a line break, tab or other control character; a key must be a single line.',
    );
  }
  if (loneSurrogate.test(secret)) {
    throw new InvalidSecretError('malformed-unicode', 'The key contains malformed Unicode (a lone surrogate).');
  }
}

export function assertAccountName(account: string): void {
  if (
    typeof account !== 'string' ||
    account.length === 0 ||
    account.length > maxAccountLength ||
    lineBreaking.test(account) ||
    loneSurrogate.test(account)
  ) {
    throw new InvalidSecretError('bad-account', `Keychain account names must be 1-${maxAccountLength} printable characters.`);
  }
}
