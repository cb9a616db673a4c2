import { rmSync } from 'node:fs';
import { secretsEnv } from './support/capture';

/** The registry of keys in play is only for the leak check; it does not outlive the run. */
export default function globalTeardown(): void {
  const registry = process.env[secretsEnv];
  if (registry) rmSync(registry, { force: true });
}
