import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { findKeyCandidates, readKeyFrom } from '../../../electron/keys/key-import';

const K1 = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';
const K2 = 'q3zJ+8xv/9tVwW0e5yOVm2S1P6mEo1l0b7oQyH5c3kA=';
const K3 = 'mcp-00112233445566778899aabbccddeeff';

let root: string;
let home: string;
let system: string;

function put(file: string, content: string | Buffer, mode = 0o600): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mc-import-'));
  home = path.join(root, 'home');
  system = path.join(root, 'sysroot');
  mkdirSync(home);
  mkdirSync(system);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findKeyCandidates', () => {
  it('finds nothing and reports nothing on a machine without the service', async () => {
    expect(await findKeyCandidates({ homeDir: home, systemRoot: system })).toEqual({ candidates: [], problems: [] });
  });

  it('finds the installer’s files and returns fingerprints, never keys', async () => {
    put(path.join(home, '.mcp_memory_service', 'service_config.json'), JSON.stringify({ service_name: 'mcp-memory', api_key: K1 }));
    put(path.join(home, '.config', 'systemd', 'user', 'mcp-memory.service'), `[Service]\nEnvironment=MCP_API_KEY=${K1}\n`);
    put(path.join(home, 'Library', 'LaunchAgents', 'com.mcp.memory-service.plist'), `<plist><dict><key>EnvironmentVariables</key><dict><key>MCP_API_KEY</key><string>${K2}</string></dict></dict></plist>`);
    put(path.join(home, '.mcp-memory', '.env'), `export MCP_API_KEY="${K3}"\n`);

    const scan = await findKeyCandidates({ homeDir: home, systemRoot: system, platform: 'linux' });
    expect(scan.problems).toEqual([]);
    expect(scan.candidates.map((candidate) => [candidate.kind, candidate.field, candidate.fingerprint])).toEqual([
      ['service-config', 'api_key', keyFingerprint(K1)],
      ['systemd-unit', 'MCP_API_KEY', keyFingerprint(K1)],
      ['launchd-plist', 'MCP_API_KEY', keyFingerprint(K2)],
      ['dotenv', 'MCP_API_KEY', keyFingerprint(K3)],
    ]);
    expect(scan.candidates[0]).toMatchObject({
      displayPath: path.join('~', '.mcp_memory_service', 'service_config.json'),
      prefix: 'mcp-a1b2…',
      plaintextWarning: expect.stringMatching(/plain text/),
    });
    expect(scan.candidates[0]?.permissionWarning).toBeUndefined();
    const serialised = JSON.stringify(scan);
    for (const key of [K1, K2, K3]) expect(serialised).not.toContain(key.slice(8));
  });

  it('warns when other users can read the file', async () => {
    put(path.join(home, '.mcp_memory_service', 'service_config.json'), JSON.stringify({ api_key: K1 }), 0o644);
    put(path.join(system, 'etc', 'systemd', 'system', 'mcp-memory.service'), `[Service]\nEnvironment="MCP_API_KEY=${K2}"\n`, 0o640);
    const scan = await findKeyCandidates({ homeDir: home, systemRoot: system, platform: 'linux' });
    expect(scan.candidates[0]?.permissionWarning).toMatch(/every user on this machine \(mode 644\).*chmod 600/);
    expect(scan.candidates[1]?.permissionWarning).toMatch(/other members of its group \(mode 640\)/);
  });

  it('follows a system unit’s EnvironmentFile= to the key', async () => {
    const envFile = put(path.join(root, 'opt', 'mcp-memory-service', '.env'), `MCP_API_KEY=${K3}\n`);
    put(path.join(system, 'etc', 'systemd', 'system', 'mcp-memory.service'), `[Service]\nEnvironmentFile=-${envFile}\nExecStart=/usr/bin/true\n`, 0o644);
    const scan = await findKeyCandidates({ homeDir: home, systemRoot: system, platform: 'linux' });
    expect(scan.candidates.map((candidate) => [candidate.ref.path, candidate.fingerprint])).toEqual([[envFile, keyFingerprint(K3)]]);
  });

  it('reports bad files instead of crashing: symlink, huge, binary, directory, missing, unparsable, empty key', async () => {
    const target = put(path.join(root, 'real.env'), `MCP_API_KEY=${K1}\n`);
    const link = path.join(root, 'linked.env');
    symlinkSync(target, link);
    const huge = put(path.join(root, 'huge.env'), Buffer.alloc(2 * 1024 * 1024, 0x61));
    const binary = put(path.join(root, 'binary.env'), Buffer.from([0x4d, 0x43, 0x00, 0xff, 0xfe]));
    const bplist = put(path.join(root, 'agent.plist'), Buffer.concat([Buffer.from('bplist00'), Buffer.from([0, 1, 2, 0xff])]));
    const directory = path.join(root, 'dir.env');
    mkdirSync(directory);
    const missing = path.join(root, 'missing.env');
    const badJson = put(path.join(root, 'config.json'), '{"api_key":');
    const empty = put(path.join(root, 'empty.env'), 'MCP_API_KEY=\n');

    const scan = await findKeyCandidates({ homeDir: home, systemRoot: null, extraPaths: [link, huge, binary, bplist, directory, missing, badJson, empty] });
    expect(scan.candidates).toEqual([]);
    const byPath = new Map(scan.problems.map((problem) => [problem.path, problem.message]));
    expect(byPath.get(link)).toMatch(/symbolic link to .*real\.env; not followed/);
    expect(byPath.get(huge)).toMatch(/Larger than 1 MiB/);
    expect(byPath.get(binary)).toMatch(/binary file/);
    expect(byPath.get(bplist)).toMatch(/plutil -convert xml1/);
    expect(byPath.get(directory)).toMatch(/Not a regular file/);
    expect(byPath.get(missing)).toMatch(/not found/);
    expect(byPath.get(badJson)).toMatch(/Not valid JSON/);
    expect(byPath.get(empty)).toMatch(/without authentication/);
  });

  it('passes on the key policy’s verdict for a weak key', async () => {
    const file = put(path.join(root, 'weak.env'), 'MCP_API_KEY=short-key-123\n');
    const scan = await findKeyCandidates({ homeDir: home, systemRoot: null, extraPaths: [file] });
    expect(scan.candidates[0]?.issues.map((issue) => issue.code)).toContain('too-short');
  });
});

describe('readKeyFrom', () => {
  it('returns the key of a scanned candidate to the privileged caller', async () => {
    put(path.join(home, '.mcp_memory_service', 'service_config.json'), JSON.stringify({ api_key: `  ${K1}  ` }));
    const [candidate] = (await findKeyCandidates({ homeDir: home, systemRoot: null })).candidates;
    expect(await readKeyFrom(candidate!.ref)).toBe(K1);
  });

  it('refuses when the file changed since the scan', async () => {
    const file = put(path.join(home, '.mcp-memory', '.env'), `MCP_API_KEY=${K1}\n`);
    const [candidate] = (await findKeyCandidates({ homeDir: home, systemRoot: null })).candidates;
    writeFileSync(file, `MCP_API_KEY=${K2}\n`);
    await expect(readKeyFrom(candidate!.ref)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('will not read a file it was not pointed at by a scan result', async () => {
    const file = put(path.join(root, 'x.env'), `MCP_API_KEY=${K1}\n`);
    await expect(readKeyFrom({ path: file, kind: 'dotenv', field: 'MCP_API_KEY', fingerprint: keyFingerprint(K2) })).rejects.toMatchObject({ code: 'conflict' });
    await expect(readKeyFrom({ path: 'relative.env', kind: 'dotenv', field: 'MCP_API_KEY', fingerprint: keyFingerprint(K1) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(readKeyFrom({ path: file, kind: 'nonsense', field: 'x', fingerprint: 'x' } as never)).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('reports a deleted file as not-found', async () => {
    const file = put(path.join(root, 'gone.env'), `MCP_API_KEY=${K1}\n`);
    const [candidate] = (await findKeyCandidates({ homeDir: home, systemRoot: null, extraPaths: [file] })).candidates;
    rmSync(file);
    await expect(readKeyFrom(candidate!.ref)).rejects.toMatchObject({ code: 'not-found' });
  });
});
