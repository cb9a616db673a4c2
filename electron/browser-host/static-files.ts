import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Resolves a URL path inside the built renderer folder. Paths that escape the folder (`..`,
 * encoded slashes, symlinks pointing out) resolve to nothing rather than to a file elsewhere.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = await realpath(rootDir);
  const candidate = path.resolve(root, relative);
  if (!candidate.startsWith(root + path.sep)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + path.sep) || !(await stat(real)).isFile()) return undefined;
    const contentType = contentTypes[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    return { body: await readFile(real), contentType };
  } catch {
    return undefined;
  }
}
