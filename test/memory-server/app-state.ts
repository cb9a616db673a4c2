// What every route handler may use: configuration, the store, the event hub, process facts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Scope } from './auth';
import type { ServerConfig } from './config';
import type { JsonReply } from './http-kit';
import type { SseHub } from './sse';
import type { MemoryStore } from './store';

export const SERVICE_VERSION = '10.59.0';

export interface AppState {
  readonly config: ServerConfig;
  readonly store: MemoryStore;
  readonly sse: SseHub;
  readonly startedAt: number;
  /** Origin used in WWW-Authenticate, known once the port is bound. */
  issuer: string;
}

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly head: boolean;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly app: AppState;
}

export type Access = 'public' | Scope;

/** A handler answers JSON, or returns 'streamed' after taking over the response itself (SSE). */
export type Handler = (ctx: RouteContext) => JsonReply | 'streamed' | Promise<JsonReply | 'streamed'>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly access: Access;
  /** Reads and decodes a JSON body before authentication, as FastAPI does. */
  readonly body?: boolean;
  readonly handle: Handler;
}
