/**
 * What electron-builder.yml promises, read with electron-builder's own YAML parser: the four
 * installers, the fuses, the asar with keytar's addon unpacked, and a file list of built output
 * only. test/integration/packaging/packed-layout.test.ts checks what a real pack produces.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };

interface Config {
  readonly asar?: boolean;
  readonly asarUnpack?: readonly string[];
  readonly files?: readonly string[];
  readonly npmRebuild?: boolean;
  readonly electronFuses?: Record<string, boolean>;
  readonly linux?: { readonly target?: readonly (string | { target: string })[] };
  readonly mac?: { readonly target?: readonly (string | { target: string })[]; readonly hardenedRuntime?: boolean };
  readonly win?: { readonly target?: readonly (string | { target: string })[] };
  readonly deb?: { readonly depends?: readonly string[] };
}

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Config;
const targets = (list: readonly (string | { target: string })[] | undefined) => (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.target));

describe('electron-builder.yml', () => {
  it('builds an AppImage and a deb for Linux, a dmg for macOS and an NSIS installer for Windows', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    // keytar reaches the Secret Service through libsecret.
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('flips every fuse the issue names, each the safe way', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packs into an asar, unpacking only native addons of keytar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/build/Release/*.node']);
    // A rebuild would download Electron headers; keytar is N-API, one binary for Node and Electron.
    expect(config.npmRebuild).toBe(false);
  });

  it('selects built output only: no sources, no maps, of node_modules only keytar’s runtime files', () => {
    const files = config.files ?? [];
    expect(files).toContain('dist/**');
    expect(files).toContain('!dist/**/*.map');
    expect(files).toContain('!**/*.{ts,tsx,mts,cts}');
    expect(files).toContain('!node_modules/**');
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.filter((pattern) => !['package.json', 'dist/**'].includes(pattern)).every((pattern) => pattern.startsWith('node_modules/keytar/'))).toBe(true);
    for (const source of ['electron', 'renderer', 'test', 'scripts']) expect(included.some((pattern) => pattern.startsWith(source))).toBe(false);
  });
});
