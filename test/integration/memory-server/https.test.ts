// HTTPS with a self-signed pair made by the openssl CLI, in-process and as a process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnMemoryServer, startMemoryServer } from '../../memory-server/index';
import { tempDir } from './helpers';

function get(url: string, options: { ca?: Buffer; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: options.ca, headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  const dir = tempDir('ms-tls-');
  const certFile = join(dir.path, 'cert.pem');
  const keyFile = join(dir.path, 'key.pem');
  let ca: Buffer;

  beforeAll(() => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    ca = readFileSync(certFile);
  });
  afterAll(() => dir.remove());

  it('serves https:// with the given pair; a client trusting it gets through, others are refused', async () => {
    const server = await startMemoryServer({ apiKey: 'tls-key', https: { certFile, keyFile } });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ok = await get(`${server.url}/api/health/detailed`, { ca, headers: { 'X-API-Key': 'tls-key' } });
      expect(ok.status).toBe(200);
      const denied = await get(`${server.url}/api/health/detailed`, { ca });
      expect(denied.status).toBe(401);
      await expect(get(`${server.url}/api/health`, {})).rejects.toThrow(/self[- ]signed|unable to verify/i);
      const plain = await fetch(`${server.url.replace('https:', 'http:')}/api/health`).then(
        () => 'answered',
        () => 'failed',
      );
      expect(plain).toBe('failed');
    } finally {
      await server.stop();
    }
  });

  it('the CLI turns HTTPS on from MCP_HTTPS_ENABLED / MCP_SSL_CERT_FILE / MCP_SSL_KEY_FILE', async () => {
    const server = await spawnMemoryServer({ allowAnonymous: true, https: { certFile, keyFile } });
    try {
      expect(server.url).toMatch(/^https:\/\//);
      const res = await get(`${server.url}/api/tags`, { ca });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ tags: [] });
    } finally {
      await server.stop();
    }
  });
});
