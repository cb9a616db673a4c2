import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureEnv, secretsEnv } from './support/capture';

/**
 * Before any spec: a fresh .artifacts/e2e-capture for the leak check, and an empty registry of
 * the keys in play (outside .artifacts). Workers inherit both through the environment.
 */
export default function globalSetup(): void {
  const root = path.resolve('.artifacts', 'e2e-capture');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const registry = path.join(tmpdir(), `memory-console-e2e-keys-${process.pid}.txt`);
  writeFileSync(registry, '', { mode: 0o600 });
  process.env[captureEnv] = root;
  process.env[secretsEnv] = registry;
}
