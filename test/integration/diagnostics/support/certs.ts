import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Certificates made with the openssl CLI for the TLS cases; fingerprints as openssl prints them. */

export interface CertFiles {
  readonly certFile: string;
  readonly keyFile: string;
  /** SHA-256 of the DER certificate, 64 lower-case hex digits, computed by openssl. */
  readonly sha256: string;
}

function openssl(args: string[], cwd?: string): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
}

export function opensslFingerprint(certFile: string): string {
  const out = openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', certFile]);
  const match = /=([0-9A-F:]+)/i.exec(out);
  if (!match?.[1]) throw new Error(`no fingerprint in ${out}`);
  return match[1].replace(/:/g, '').toLowerCase();
}

/** A self-signed certificate for localhost and 127.0.0.1 (what MCP_HTTPS_ENABLED makes). */
export function selfSigned(dir: string, name: string): CertFiles {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}.key`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile]);
  return { certFile, keyFile, sha256: opensslFingerprint(certFile) };
}

export interface TestCa {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export function makeCa(dir: string): TestCa {
  const caDir = path.join(dir, 'ca');
  mkdirSync(path.join(caDir, 'new'), { recursive: true });
  writeFileSync(path.join(caDir, 'index.txt'), '');
  writeFileSync(path.join(caDir, 'serial'), '1000\n');
  const certFile = path.join(caDir, 'ca.pem');
  const keyFile = path.join(caDir, 'ca.key');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Memory Console Test CA', '-days', '3', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', keyFile, '-out', certFile]);
  writeFileSync(
    path.join(caDir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${caDir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir/new',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'policy = anything',
      'copy_extensions = copy',
      'unique_subject = no',
      '[anything]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  return { dir: caDir, certFile, keyFile };
}

/**
 * A leaf signed by the test CA. `expired` backdates its validity with `openssl ca -startdate/-enddate`
 * (the openssl here has no -not_after for x509).
 */
export function signedLeaf(ca: TestCa, dir: string, name: string, options: { readonly san: string; readonly expired?: boolean }): CertFiles {
  const keyFile = path.join(dir, `${name}.key`);
  const csrFile = path.join(dir, `${name}.csr`);
  const certFile = path.join(dir, `${name}.pem`);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-addext', `subjectAltName=${options.san}`, '-keyout', keyFile, '-out', csrFile]);
  const dates = options.expired ? ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z'] : ['-days', '2'];
  openssl(['ca', '-batch', '-notext', '-config', path.join(ca.dir, 'ca.cnf'), ...dates, '-in', csrFile, '-out', certFile]);
  return { certFile, keyFile, sha256: opensslFingerprint(certFile) };
}
