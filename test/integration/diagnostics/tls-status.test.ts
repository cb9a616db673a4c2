// HTTPS against real servers: a self-signed certificate is never accepted silently, trusting it
// pins that exact certificate, a changed certificate is refused again (and receives nothing), and
// an expired certificate or one for another host are told apart under a CA this machine trusts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendHttpRequest, TransportFailure } from '../../../electron/memory-service/http-transport';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server/index';
import { makeCa, selfSigned, signedLeaf, type CertFiles, type TestCa } from './support/certs';
import { createHarness, testKey, type DiagnosticsHarness } from './support/harness';
import { startHttpsRecordingServer, type TestServer } from './support/servers';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

let dir: string;
let certA: CertFiles;
let certB: CertFiles;
let harness: DiagnosticsHarness;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mc-tls-'));
  certA = selfSigned(dir, 'server-a');
  certB = selfSigned(dir, 'server-b');
  harness = createHarness({ timeoutMs: 3_000 });
});
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});
afterAll(() => {
  harness.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function httpsMemoryServer(cert: CertFiles, options: { apiKey: string; port?: number; dataDir?: string }): Promise<RunningMemoryServer> {
  const server = await startMemoryServer({ ...options, seed: 4, https: { certFile: cert.certFile, keyFile: cert.keyFile } });
  cleanup.push(() => server.stop());
  return server;
}

describe('a self-signed certificate', () => {
  it('is refused with its fingerprint; trusting it pins exactly that one; a replaced certificate is refused again', async () => {
    const key = testKey('tls');
    const data = mkdtempSync(path.join(dir, 'data-'));
    const first = await httpsMemoryServer(certA, { apiKey: key, dataDir: data });
    const profile = await harness.addProfile('TLS server', first.url, { key });

    const untrusted = await harness.call('status.check', { profileId: profile.id });
    // The same fingerprint openssl prints for the certificate file.
    expect(untrusted.status).toEqual({ kind: 'tls-problem', reason: 'self-signed', certSha256: certA.sha256, trustedCertSha256: null });
    expect(untrusted.label).toBe('Certificate not trusted');
    expect(untrusted.checks).toHaveLength(1);
    expect(untrusted.checks[0]!.outcome).toMatchObject({ kind: 'failed', failure: 'tls-self-signed' });
    // Memory calls are refused the same way.
    expect((await harness.failure('memories.list', { profileId: profile.id })).code).toBe('tls-untrusted');

    // A fingerprint the server is not presenting cannot be trusted through this method.
    const wrongPin = await harness.failure('status.trustCertificate', { profileId: profile.id, sha256: certB.sha256 });
    expect(wrongPin.code).toBe('conflict');

    // Colon-separated upper case, as browsers show it, is accepted.
    const shown = certA.sha256.toUpperCase().match(/../g)!.join(':');
    expect(await harness.call('status.trustCertificate', { profileId: profile.id, sha256: shown })).toEqual({ profileId: profile.id, trustedCertSha256: certA.sha256 });
    const trusted = await harness.call('status.check', { profileId: profile.id });
    expect(trusted.status).toMatchObject({ kind: 'key-accepted', server: { memoryCount: 4 } });
    expect(trusted.trustedCertSha256).toBe(certA.sha256);
    const page = await harness.call('memories.list', { profileId: profile.id });
    expect(page.total).toBe(4);

    // Same address, another certificate (say, someone in between): refused again, with the new fingerprint.
    await first.stop();
    await httpsMemoryServer(certB, { apiKey: key, port: first.port, dataDir: data });
    const changed = await harness.call('status.check', { profileId: profile.id });
    expect(changed.status).toEqual({ kind: 'tls-problem', reason: 'pin-mismatch', certSha256: certB.sha256, trustedCertSha256: certA.sha256 });
    expect(changed.label).toBe('Certificate changed');
    expect((await harness.failure('memories.list', { profileId: profile.id })).code).toBe('tls-untrusted');
    // Trusting the old one again changes nothing: it is still not what the server presents.
    await harness.call('status.trustCertificate', { profileId: profile.id, sha256: certA.sha256 });
    expect((await harness.call('status.check', { profileId: profile.id })).status).toMatchObject({ kind: 'tls-problem', reason: 'pin-mismatch' });

    // Trusting the new one is a deliberate step, recorded in the audit log.
    await harness.call('status.trustCertificate', { profileId: profile.id, sha256: certB.sha256 });
    expect((await harness.call('status.check', { profileId: profile.id })).status.kind).toBe('key-accepted');
    const audit = await harness.call('audit.list', { profileId: profile.id });
    expect(audit.entries.filter((e) => e.event === 'certificate-trusted').map((e) => e.detail)).toEqual([
      expect.stringContaining(`${certB.sha256} for ${first.url} (replacing ${certA.sha256})`),
      expect.stringContaining(`${certA.sha256} for ${first.url}.`),
    ]);

    await harness.call('status.distrustCertificate', { profileId: profile.id });
    expect((await harness.call('status.check', { profileId: profile.id })).status).toMatchObject({ kind: 'tls-problem', reason: 'self-signed' });
  });

  it('with another certificate pinned, the server receives no request at all, so never the key', async () => {
    const recorder: TestServer = await startHttpsRecordingServer(certB);
    cleanup.push(() => recorder.stop());
    const key = testKey('pinned');
    const direct = await sendHttpRequest({
      method: 'GET',
      url: new URL(`${recorder.url}/api/health/detailed`),
      headers: { Authorization: `Bearer ${key}` },
      timeoutMs: 3_000,
      maxBytes: 1024,
      pinnedCertSha256: `sha256:${certA.sha256}`,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(direct).toBeInstanceOf(TransportFailure);
    expect(direct).toMatchObject({ kind: 'tls-pin-mismatch', certSha256: `sha256:${certB.sha256}` });
    expect(recorder.seen).toEqual([]);

    // And the right pin goes through, hostname notwithstanding (the certificate names localhost).
    const ok = await sendHttpRequest({ method: 'GET', url: new URL(`${recorder.url}/api/health`), timeoutMs: 3_000, maxBytes: 1024, pinnedCertSha256: certB.sha256 });
    expect(ok.status).toBe(200);
    expect(ok.certSha256).toBe(`sha256:${certB.sha256}`);
    expect(recorder.seen).toHaveLength(1);
  });

  it('only an https:// profile has a certificate to trust', async () => {
    const profile = await harness.addProfile('plain', 'http://127.0.0.1:9');
    const error = await harness.failure('status.trustCertificate', { profileId: profile.id, sha256: certA.sha256 });
    expect(error.code).toBe('invalid-input');
    expect((await harness.failure('status.trustCertificate', { profileId: profile.id, sha256: 'abc' })).code).toBe('invalid-input');
  });
});

describe('under a certificate authority this machine trusts', () => {
  let ca: TestCa;
  let good: CertFiles;
  let expired: CertFiles;
  let otherHost: CertFiles;

  beforeAll(() => {
    ca = makeCa(dir);
    good = signedLeaf(ca, dir, 'good', { san: 'DNS:localhost,IP:127.0.0.1' });
    expired = signedLeaf(ca, dir, 'expired', { san: 'DNS:localhost,IP:127.0.0.1', expired: true });
    otherHost = signedLeaf(ca, dir, 'other', { san: 'DNS:memory.other.example' });
  });

  /** The probes in a child whose trust store includes the test CA (NODE_EXTRA_CA_CERTS). */
  async function probeInChild(baseUrl: string, apiKey: string): Promise<{ status: { kind: string; reason?: string; certSha256?: string | null } }> {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const { stdout } = await run(process.execPath, ['--import', tsx, path.join(here, 'fixtures', 'probe-child.ts'), baseUrl, apiKey], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.certFile },
      timeout: 30_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: { kind: string; reason?: string; certSha256?: string | null } };
  }

  it('a valid certificate is accepted without any pin', async () => {
    const key = testKey('ca');
    const server = await httpsMemoryServer(good, { apiKey: key });
    expect((await probeInChild(server.url, key)).status.kind).toBe('key-accepted');
  });

  it('an expired certificate: tls problem, expired, with its fingerprint', async () => {
    const key = testKey('ca');
    const server = await httpsMemoryServer(expired, { apiKey: key });
    expect((await probeInChild(server.url, key)).status).toEqual({ kind: 'tls-problem', reason: 'expired', certSha256: expired.sha256, trustedCertSha256: null });
  });

  it('a certificate for another host: tls problem, wrong host', async () => {
    const key = testKey('ca');
    const server = await httpsMemoryServer(otherHost, { apiKey: key });
    expect((await probeInChild(server.url, key)).status).toEqual({ kind: 'tls-problem', reason: 'wrong-host', certSha256: otherHost.sha256, trustedCertSha256: null });
  });
});
