// Bundles the privileged side into CommonJS files under dist/electron.
// - preload.cjs: a sandboxed preload can require only `electron`, so everything else is inlined.
// - main.cjs: `electron` comes from the runtime; keytar is a native module loaded from node_modules
//   (unpacked from the asar by electron-builder).
// - browser-host.cjs: the same console over loopback HTTP, run by plain Node; it must never import electron.
// No source maps: they would ship inside the package. Any esbuild warning fails the build (an
// `import.meta` in CommonJS output, for instance, silently becomes `{}`).
// `--out-dir <dir>` builds elsewhere (tests build into their own directory so parallel suites never
// read a half-written dist/electron).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = path.resolve(root, options['out-dir'] ?? path.join('dist', 'electron'));

const forbidElectron = {
  name: 'forbid-electron',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^electron(\/|$)/ }, (args) => ({
      errors: [{ text: `browser mode must not import "${args.path}" (imported by ${args.importer})` }],
    }));
  },
};

const entries = [
  { name: 'main', entry: 'electron/main.ts', out: 'main.cjs', external: ['electron', 'keytar'], required: true },
  { name: 'preload', entry: 'electron/preload.ts', out: 'preload.cjs', external: ['electron'], required: true },
  {
    name: 'browser-host',
    entry: 'electron/browser-host/cli.ts',
    out: 'browser-host.cjs',
    external: ['keytar'],
    plugins: [forbidElectron],
    required: false,
  },
];

await rm(outDir, { recursive: true, force: true });

let failed = false;
for (const item of entries) {
  const entryPath = path.join(root, item.entry);
  if (!existsSync(entryPath)) {
    if (item.required) throw new Error(`${item.entry} is missing`);
    console.warn(`build-electron: skipped ${item.name}: ${item.entry} does not exist yet`);
    continue;
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entryPath],
    outfile: path.join(outDir, item.out),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: item.external,
    plugins: item.plugins ?? [],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  if (result.warnings.length > 0) {
    console.error(`build-electron: ${item.name} produced ${result.warnings.length} warning(s); treating them as errors`);
    failed = true;
  } else {
    console.log(`build-electron: ${path.relative(root, path.join(outDir, item.out))}`);
  }
}
if (failed) process.exit(1);
