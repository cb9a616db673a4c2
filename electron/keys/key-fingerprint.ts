import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What may be shown or persisted about a key, never the key itself.
 *
 * - prefix: the first 8 characters + '…', as the service guide's test script prints them, so a
 *   user can match it against `echo "${API_KEY:0:8}"`. For keys shorter than 32 characters it is
 *   capped at a quarter of the key (16 chars → 4) so a short key is never half disclosed.
 * - fingerprint: `sha256:` + the first 12 hex digits of SHA-256(key). Checkable from a shell
 *   (`printf %s "$MCP_API_KEY" | sha256sum | cut -c1-12`) and the same on every machine.
 * - keyHash (duplicate detection, persisted): HMAC-SHA256 keyed by a random per-installation salt
 *   kept in profiles.json. Not a plain SHA-256 so a leaked profiles.json cannot be matched against
 *   a list of known/leaked key hashes or correlated with another installation's file.
 *
 * Brute force: for a high-entropy key (the generator's 128+ bits, the installer's 128) none of
 * these helps an attacker. For a weak key, the 48-bit fingerprint already confirms a guess, so a
 * slow hash for keyHash would add nothing; the defence is the policy (≥ 16 chars, warning < 32),
 * generated keys, owner-only file permissions, and rotation.
 */
export interface KeyDerivatives {
  readonly prefix: string;
  readonly fingerprint: string;
  readonly keyHash: string;
}

export function keyPrefix(key: string): string {
  const chars = [...key];
  const length = chars.length >= 32 ? 8 : Math.min(8, Math.floor(chars.length / 4));
  return `${chars.slice(0, length).join('')}…`;
}

export function keyFingerprint(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12)}`;
}

export function keyComparisonHash(key: string, salt: string): string {
  return `hmac-sha256:${createHmac('sha256', Buffer.from(salt, 'base64')).update(key, 'utf8').digest('hex')}`;
}

export function deriveKeyInfo(key: string, salt: string): KeyDerivatives {
  return { prefix: keyPrefix(key), fingerprint: keyFingerprint(key), keyHash: keyComparisonHash(key, salt) };
}

/** Constant-time comparison of two derived values (they are hashes, but habits matter). */
export function sameKeyHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
