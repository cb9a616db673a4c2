/**
 * Runs electron-builder's real file selection, asar packing and fuse flipping against a stand-in
 * Electron binary (the real one cannot be downloaded here): `--linux dir` with `electronDist`
 * pointing at a directory holding a file named `electron` that carries the fuse sentinel.
 * The app is packed from a scratch project so dist/ of the working tree is never rewritten.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const asarBin = path.join(repoRoot, 'node_modules', '.bin', 'asar');

// The fuse wire as @electron/fuses reads it: sentinel, wire version 1, wire length, then one
// byte per fuse ('0' off, '1' on), in FuseV1Options order. Start from Electron's defaults.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseNames = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const electronDefaults = '10110001';

let scratch = '';
let unpacked = '';
let entries: string[] = [];
let rendererBuilt = false;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'memory-console-pack-'));
  const project = path.join(scratch, 'project');
  const electronDist = path.join(scratch, 'electron-dist');
  const output = path.join(scratch, 'release');
  for (const dir of [project, electronDist]) mkdirSync(dir, { recursive: true });

  copyFileSync(path.join(repoRoot, 'package.json'), path.join(project, 'package.json'));
  copyFileSync(path.join(repoRoot, 'package-lock.json'), path.join(project, 'package-lock.json'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs'), '--out-dir', path.join(project, 'dist', 'electron')], {
    cwd: repoRoot,
  });
  if (existsSync(path.join(repoRoot, 'vite.config.ts'))) {
    await run('npx', ['vite', 'build', '--outDir', path.join(project, 'dist', 'renderer'), '--emptyOutDir'], {
      cwd: repoRoot,
      timeout: 120_000,
    });
    rendererBuilt = existsSync(path.join(project, 'dist', 'renderer', 'index.html'));
  }

  writeFileSync(
    path.join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('stand-in electron binary\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, fuseNames.length]),
      Buffer.from(electronDefaults),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  );

  await run(
    'npx',
    [
      'electron-builder',
      '--projectDir',
      project,
      '--config',
      path.join(repoRoot, 'electron-builder.yml'),
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: project, timeout: 180_000, env: { ...process.env, CI: 'true' } },
  );
  unpacked = path.join(output, 'linux-unpacked');
  const { stdout } = await run(asarBin, ['list', path.join(unpacked, 'resources', 'app.asar')], {
    maxBuffer: 16 * 1024 * 1024,
  });
  entries = stdout.split('\n').filter((line) => line !== '');
}, 300_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('holds package.json and the three bundles inside app.asar', () => {
    for (const file of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/browser-host.cjs']) {
      expect(entries).toContain(file);
    }
  });

  it('points package.json "main" at the packed main bundle', async () => {
    const { stdout } = await run(asarBin, ['extract-file', path.join(unpacked, 'resources', 'app.asar'), 'package.json'], {
      cwd: scratch,
    });
    expect(stdout).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(scratch, 'package.json'), 'utf8')) as { main?: string };
    expect(manifest.main).toBe('dist/electron/main.cjs');
    expect(entries).toContain(`/${manifest.main}`);
  });

  it('holds the built renderer', ({ skip }) => {
    if (!rendererBuilt) skip('the renderer could not be built (no vite.config.ts)');
    expect(entries).toContain('/dist/renderer/index.html');
  });

  it('ships no sources, tests, source maps or bundled-away dependencies', () => {
    expect(entries.filter((entry) => /\.(ts|tsx|mts|cts|map)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /^\/(electron|renderer|test|scripts|src)(\/|$)/.test(entry))).toEqual([]);
    const modules = new Set(entries.map((entry) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(entry)?.[1]).filter(Boolean));
    expect([...modules]).toEqual(['keytar']);
  });

  it('holds nothing but package.json, dist/electron, dist/renderer and keytar’s runtime files', () => {
    const outside = entries.filter((entry) => !/^\/(package\.json$|dist(\/|$)|node_modules(\/|$))/.test(entry));
    expect(outside).toEqual([]);
    const distParts = new Set(entries.map((entry) => /^\/dist\/([^/]+)/.exec(entry)?.[1]).filter(Boolean));
    expect([...distParts].filter((part) => part !== 'electron' && part !== 'renderer' && part !== '.built')).toEqual([]);
    const keytar = entries.filter((entry) => entry.startsWith('/node_modules/keytar/') && !/\/node_modules\/keytar\/(package\.json|lib(\/.*)?|build|build\/Release|build\/Release\/keytar\.node)$/.test(entry));
    expect(keytar).toEqual([]);
  });

  it('unpacks keytar alone (its addon, and the files electron-builder puts beside a native module), none of the app', () => {
    const unpackedRoot = path.join(unpacked, 'resources', 'app.asar.unpacked');
    const files = readdirSync(unpackedRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(unpackedRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    expect(files).toContain('node_modules/keytar/build/Release/keytar.node');
    expect(files.filter((file) => !/^node_modules\/keytar\/(package\.json|lib\/[^/]+\.js|build\/Release\/keytar\.node)$/.test(file))).toEqual([]);
  });

  it("unpacks keytar's native addon next to the archive", () => {
    expect(
      existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node')),
    ).toBe(true);
  });

  it('flips the fuses in the Electron binary', () => {
    const binary = readFileSync(path.join(unpacked, 'memory-console'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    expect(binary[at]).toBe(1);
    const wire = binary.subarray(at + 2, at + 2 + fuseNames.length).toString('latin1');
    const fuses = Object.fromEntries(fuseNames.map((name, index) => [name, wire[index] === '1']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
