// HTTPS material: the configured pair, or — like the real run_http_server.py when
// MCP_HTTPS_ENABLED is on without files — a self-signed one made with the openssl CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpsFiles } from './config';

export function loadTlsMaterial(files: HttpsFiles): { cert: Buffer; key: Buffer } {
  if (files.certFile && files.keyFile) {
    return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
  }
  const dir = join(tmpdir(), 'mcp-memory-certs');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  if (!existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '365', '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    });
  }
  return { cert: readFileSync(cert), key: readFileSync(key) };
}
