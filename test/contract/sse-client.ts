// Reads GET /api/events with eventsource-parser and lets tests wait for specific events.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { tlsOptions } from './http-client';

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
  readonly json: Record<string, unknown>;
}

export interface SseStream {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly events: readonly SseEvent[];
  readonly comments: readonly string[];
  /** The first event (already received or future) matching `predicate`. */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export function openEvents(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const url = new URL(path, baseUrl);
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters: { predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(message.data) as Record<string, unknown>;
      } catch {
        /* keep {} — the test on data will say what is wrong */
      }
      const event: SseEvent = { id: message.id, event: message.event, data: message.data, json };
      events.push(event);
      for (const w of [...waiters]) {
        if (w.predicate(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    },
    onComment(comment: string) {
      comments.push(comment);
    },
  });
  const doRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    req = doRequest(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false, ...(url.protocol === 'https:' ? tlsOptions() : {}) }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        waitFor(predicate, timeoutMs = 10_000) {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(() => {
              const names = events.map((e) => e.event).join(', ');
              rejectWait(new Error(`no matching SSE event within ${timeoutMs} ms (got: ${names})`));
            }, timeoutMs);
            waiters.push({
              predicate,
              resolve: (e) => {
                clearTimeout(timer);
                resolveWait(e);
              },
            });
          });
        },
        close() {
          req?.destroy();
        },
      });
    });
    req.on('error', (error) => {
      if (!(error as NodeJS.ErrnoException).code?.startsWith('ECONNRESET')) reject(error);
    });
    req.end();
  });
}
