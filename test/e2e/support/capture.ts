import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the end-to-end run keeps what the leak check (test/e2e/leaks.spec.ts) searches, and the
 * list of keys it searches for. Set up by test/e2e/global-setup.ts; every worker inherits the two
 * environment variables. The registry of keys lives outside .artifacts, so the searched tree never
 * holds the keys merely because they were registered.
 */
export const captureEnv = 'MEMORY_CONSOLE_E2E_CAPTURE';
export const secretsEnv = 'MEMORY_CONSOLE_E2E_SECRETS';

export function captureRoot(): string | null {
  return process.env[captureEnv] ?? null;
}

export function captureDir(...parts: string[]): string | null {
  const root = captureRoot();
  if (root === null) return null;
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Adds a key to the list the leak check searches for. */
export function registerSecret(secret: string): void {
  const file = process.env[secretsEnv];
  if (file) appendFileSync(file, `${secret}\n`, { mode: 0o600 });
}

/** File-name safe and short: `memories-spec-ts/browse-to-the-end-3f2a`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
