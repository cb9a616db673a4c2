import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` whose bytes contain `needle` (symlinks are not followed). */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (await stat(full)).size < 64 * 1024 * 1024 && (await readFile(full)).includes(needle)) hits.push(full);
    }
  };
  await walk(dir);
  return hits;
}
