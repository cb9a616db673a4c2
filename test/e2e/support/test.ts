import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { captureDir, slug } from './capture';

export { expect };

/**
 * The `test` every spec uses (eslint enforces it): Playwright's, plus an automatic fixture that
 * records, for the leak check that runs after all specs (test/e2e/leaks.spec.ts), what the page
 * saw: every RPC request and answer, and at each `page.screenshot()` and at the end of the test,
 * the page's HTML, visible text, input values and storage. One JSON line per event, numbered in
 * order, in .artifacts/e2e-capture/pages/<spec>/<test>/events.jsonl.
 */
export type CaptureEvent =
  | { readonly seq: number; readonly kind: 'request'; readonly method: string; readonly body: string }
  | { readonly seq: number; readonly kind: 'answer'; readonly method: string; readonly status: number; readonly body: string }
  | {
      readonly seq: number;
      readonly kind: 'page';
      readonly label: string;
      readonly html: string;
      readonly text: string;
      readonly inputs: readonly string[];
      readonly storage: string;
    };

type NewEvent = CaptureEvent extends infer E ? (E extends CaptureEvent ? Omit<E, 'seq'> : never) : never;

export const test = base.extend<{ leakCapture: void }>({
  leakCapture: [
    async ({ context }, use, testInfo) => {
      const dir = captureDir('pages', slug(path.basename(testInfo.file)), `${slug(testInfo.title)}-${testInfo.testId.slice(0, 6)}`);
      if (dir === null) {
        await use();
        return;
      }
      const file = path.join(dir, 'events.jsonl');
      let seq = 0;
      const write = (event: NewEvent) => appendFileSync(file, `${JSON.stringify({ seq: ++seq, ...event })}\n`);
      const pending: Promise<unknown>[] = [];

      const watch = (watched: Page) => {
        watched.on('request', (request) => {
          const method = rpcMethod(request.url());
          if (method !== null) write({ kind: 'request', method, body: request.postData() ?? '' });
        });
        watched.on('response', (response) => {
          const method = rpcMethod(response.url());
          if (method === null) return;
          pending.push(
            response.text().then(
              (body) => write({ kind: 'answer', method, status: response.status(), body }),
              () => undefined,
            ),
          );
        });
        const screenshot = watched.screenshot.bind(watched);
        watched.screenshot = async (options) => {
          const image = await screenshot(options);
          await dumpPage(watched, context, options?.path ? path.basename(options.path) : 'screenshot', write);
          return image;
        };
      };
      for (const open of context.pages()) watch(open);
      context.on('page', watch);

      await use();

      await Promise.allSettled(pending);
      for (const open of context.pages()) await dumpPage(open, context, 'end of test', write).catch(() => undefined);
    },
    { auto: true },
  ],
});

function rpcMethod(url: string): string | null {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/rpc/')) return null;
  try {
    return decodeURIComponent(pathname.slice('/rpc/'.length));
  } catch {
    return pathname;
  }
}

async function dumpPage(page: Page, context: BrowserContext, label: string, write: (event: NewEvent) => void): Promise<void> {
  if (page.isClosed()) return;
  const html = await page.content();
  const seen = await page.evaluate(() => ({
    text: document.body?.innerText ?? '',
    inputs: [...document.querySelectorAll('input, textarea')].map((element) => (element as HTMLInputElement).value),
    storage: (() => {
      // about:blank and data: pages have no storage of their own.
      try {
        return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie });
      } catch (error) {
        return `no storage here: ${String(error)}`;
      }
    })(),
  }));
  const state = await context.storageState();
  write({ kind: 'page', label, html, text: seen.text, inputs: seen.inputs, storage: `${seen.storage}\n${JSON.stringify(state)}` });
}
