import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every file under `dir` whose bytes contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (await stat(full)).size < 64 * 1024 * 1024) {
        if ((await readFile(full)).includes(needle)) hits.push(full);
      }
    }
  };
  await walk(dir);
  return hits;
}

/** The secrets the OS keychain holds under a service name, as `secret-tool` shows them. */
export async function keychainSecrets(service: string): Promise<string> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', service]);
  return `${stdout}\n${stderr}`;
}
