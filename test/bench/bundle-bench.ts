// bundle_gzip_kb: the renderer's JavaScript as built (dist/renderer/assets), each file gzipped
// with zlib at its default level and the sizes summed. Lazy chunks count too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round1 } from './stats';

export function benchBundle(assetsDir = 'dist/renderer/assets'): Record<string, number> {
  let files: string[];
  try {
    files = readdirSync(assetsDir).filter((name) => name.endsWith('.js'));
  } catch {
    throw new Error(`${assetsDir} is missing: run \`npm run build\` first`);
  }
  if (files.length === 0) throw new Error(`no JavaScript in ${assetsDir}: run \`npm run build\` first`);
  const html = readFileSync(path.join(assetsDir, '..', 'index.html'), 'utf8');
  let total = 0;
  let initial = 0;
  for (const name of files) {
    const gz = gzipSync(readFileSync(path.join(assetsDir, name))).length;
    total += gz;
    // What index.html loads before anything renders (entry and modulepreloads); the rest is lazy.
    if (html.includes(`assets/${name}`)) initial += gz;
  }
  return { bundle_gzip_kb: round1(total / 1024), bundle_initial_gzip_kb: round1(initial / 1024), bundle_js_files: files.length };
}
