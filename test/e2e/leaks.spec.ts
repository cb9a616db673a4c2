import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { captureRoot, secretsEnv } from './support/capture';
import type { CaptureEvent } from './support/test';

/**
 * Runs after every other spec (a Playwright project that depends on the others) and searches all
 * they left behind for every key that was in play: the keys the specs made (distinctiveTestKey()),
 * the keys the memory services were started with, the keys the page typed and the keys the
 * console generated or revealed.
 *
 * Searched: the hosts' output, the memory services' output, each console home (settings and audit
 * log, copied at stop), everything else under .artifacts (test results, screenshots), and per test
 * every RPC answer the page received and the page's HTML, visible text, input values and storage at
 * each screenshot and at the end. Allowed, and only there: a key in the one answer that exists to
 * show it (keys.generate, keys.reveal, rotation.newKey, and a revealed rotation.serverRecipe for that
 * rotation's new key) and on the page after it was shown; a key the user is typing in the page until
 * the page has handed it over (its last keys.set or rotation.newKey request).
 */

const distinctive = /e2eLEAKCHECK[0-9a-f]{32}/g;
const minimumKeyLength = 16;

interface Hit {
  readonly where: string;
  readonly keyPrefix: string;
}

function walk(dir: string, skip: (file: string) => boolean, visit: (file: string) => void): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) walk(full, skip, visit);
    else if (entry.isFile() && statSync(full).size < 256 * 1024 * 1024) visit(full);
  }
}

function keyFields(text: string): string[] {
  try {
    const value = JSON.parse(text) as { key?: unknown; value?: { key?: unknown }; source?: { key?: unknown } };
    return [value.key, value.value?.key, value.source?.key].filter((key): key is string => typeof key === 'string');
  } catch {
    return [];
  }
}

// The answers that exist to show a key: a generated key once (keys.generate, and rotation.newKey
// for a rotation's new key), an explicit reveal (keys.reveal). A rotation's step-2 recipe revealed
// on request (rotation.serverRecipe with "revealed":true) shows that rotation's new key inside
// the steps to copy: allowed for the new keys of the rotation in the same test, and nothing else.
const showsKey = (method: string) => method === 'keys.generate' || method === 'keys.reveal' || method === 'rotation.newKey';
// Requests that hand a typed key over: a pasted key (keys.set), a rotation's pasted new key.
const handsOver = (method: string) => method === 'keys.set' || method === 'rotation.newKey';
const revealedRecipe = (event: CaptureEvent) => event.kind === 'answer' && event.method === 'rotation.serverRecipe' && event.body.includes('"revealed":true');

test('no key in play appears in any log, settings dir, audit log, answer, page or storage', async () => {
  const root = captureRoot();
  expect(root, 'run through playwright.config.ts (its global setup prepares the capture)').not.toBeNull();
  const artifacts = path.dirname(root ?? '');
  const pagesDir = path.join(root ?? '', 'pages');

  const perTest: { file: string; events: CaptureEvent[] }[] = [];
  walk(pagesDir, () => false, (file) => {
    if (path.basename(file) !== 'events.jsonl') return;
    const events = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as CaptureEvent);
    perTest.push({ file, events });
  });

  // Every key in play.
  const keys = new Set<string>();
  const registry = process.env[secretsEnv];
  if (registry && existsSync(registry)) for (const line of readFileSync(registry, 'utf8').split('\n')) keys.add(line.trim());
  const shownAnywhere = new Set<string>();
  for (const { events } of perTest) {
    for (const event of events) {
      if (event.kind === 'request' && (handsOver(event.method) || event.method === 'keys.check')) keyFields(event.body).forEach((key) => keys.add(key.trim()));
      if (event.kind === 'answer' && showsKey(event.method)) {
        keyFields(event.body).forEach((key) => (keys.add(key), shownAnywhere.add(key)));
      }
    }
  }
  walk(artifacts, () => false, (file) => {
    for (const match of readFileSync(file, 'latin1').match(distinctive) ?? []) keys.add(match);
  });
  const searched = [...keys].filter((key) => key.length >= minimumKeyLength);

  const hits: Hit[] = [];
  const record = (where: string, text: string, allowed: (key: string) => boolean = () => false) => {
    for (const key of searched) if (text.includes(key) && !allowed(key)) hits.push({ where, keyPrefix: `${key.slice(0, 8)}…` });
  };

  // Logs, homes, results, screenshots: no key at all.
  let logs = 0;
  walk(
    artifacts,
    (file) => file === pagesDir,
    (file) => {
      if (/\.log$/.test(file)) logs += 1;
      record(path.relative(artifacts, file), readFileSync(file, 'latin1'));
    },
  );

  // What each page saw.
  let answers = 0;
  let pages = 0;
  for (const { file, events } of perTest) {
    const where = path.relative(artifacts, file);
    const shown = new Map<string, number>();
    const lastHandover = new Map<string, number>();
    const rotationKeys = new Set<string>();
    for (const event of events) {
      if (event.kind !== 'page' && event.method === 'rotation.newKey') for (const key of keyFields(event.body)) rotationKeys.add(key.trim());
    }
    for (const event of events) {
      if (event.kind === 'answer' && showsKey(event.method)) {
        for (const key of keyFields(event.body)) if (!shown.has(key)) shown.set(key, event.seq);
      }
      if (revealedRecipe(event)) for (const key of rotationKeys) if (event.kind === 'answer' && event.body.includes(key) && !shown.has(key)) shown.set(key, event.seq);
      if (event.kind === 'request' && handsOver(event.method)) for (const key of keyFields(event.body)) lastHandover.set(key.trim(), event.seq);
    }
    for (const event of events) {
      if (event.kind === 'request') continue;
      if (event.kind === 'answer') {
        answers += 1;
        const allowed = (key: string) => (showsKey(event.method) && keyFields(event.body).includes(key)) || (revealedRecipe(event) && rotationKeys.has(key));
        record(`${where} #${event.seq} answer to ${event.method}`, event.body, allowed);
        continue;
      }
      pages += 1;
      const onPage = (key: string) => (shown.get(key) ?? Number.POSITIVE_INFINITY) < event.seq || (lastHandover.get(key) ?? 0) > event.seq;
      record(`${where} #${event.seq} page at ${event.label} (HTML)`, event.html, onPage);
      record(`${where} #${event.seq} page at ${event.label} (text)`, event.text, onPage);
      record(`${where} #${event.seq} page at ${event.label} (inputs)`, event.inputs.join('\n'), onPage);
      record(`${where} #${event.seq} page at ${event.label} (storage)`, event.storage);
    }
  }

  // A search that saw nothing proves nothing.
  expect(searched.length, 'keys in play').toBeGreaterThan(3);
  expect(perTest.length, 'tests captured').toBeGreaterThan(3);
  expect(answers, 'RPC answers captured').toBeGreaterThan(20);
  expect(pages, 'page dumps captured').toBeGreaterThan(5);
  expect(logs, 'host and memory-service logs').toBeGreaterThan(2);
  expect(existsSync(path.join(root ?? '', 'hosts')), 'console homes copied').toBe(true);
  console.log(
    `[figures] leak check: ${searched.length} keys searched (${shownAnywhere.size} shown by design) in ${logs} logs, ${perTest.length} tests, ${answers} answers, ${pages} page dumps`,
  );
  expect(hits).toEqual([]);
});
