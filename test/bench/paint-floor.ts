// What this Chromium on this machine needs to paint a page at all: the floor under first_rows_ms
// that no console design can go below. Two pages, served from loopback by a bare node:http server
// and timed with the same probe as the console (navigation start → a memory row painted):
// - a page holding one memory row and nothing else;
// - the console's own first screen captured as static HTML (its styles inlined, no script): what
//   a console that rendered its first screen on the host and sent it as HTML could reach at best.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FloorPages {
  readonly origin: string;
  close(): Promise<void>;
}

const oneRowPage = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><ul><li data-testid="memory-row">A memory.</li></ul></body></html>';

/** Serves `/one-row` and `/first-screen` (no-store, like the console's own HTML). */
export async function serveFloorPages(firstScreenHtml: string): Promise<FloorPages> {
  const pages: Readonly<Record<string, string>> = { '/one-row': oneRowPage, '/first-screen': firstScreenHtml };
  const server = http.createServer((req, res) => {
    const body = pages[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The console's first screen as one static document: the DOM as painted, scripts and the CSP meta
 * removed (the page has no script, and the policy would refuse the inlined styles), every style
 * sheet the page uses inlined. Runs in the console's page after its rows are painted.
 */
export function captureFirstScreen(): string {
  const css = [...document.styleSheets].map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n')).join('\n');
  const copy = document.documentElement.cloneNode(true) as HTMLElement;
  for (const element of copy.querySelectorAll('script, link[rel="stylesheet"], link[rel="modulepreload"], meta[http-equiv]')) element.remove();
  const style = document.createElement('style');
  style.textContent = css;
  copy.querySelector('head')?.append(style);
  return `<!doctype html>\n${copy.outerHTML}`;
}
