// Wires configuration, store, event hub and routes into a node:http(s) server.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AppState, Route } from './app-state';
import type { ServerConfig } from './config';
import { nowSeconds } from './python-format';
import { Router } from './router';
import { analyticsRoutes } from './routes/analytics';
import { manageRoutes } from './routes/manage';
import { memoryRoutes } from './routes/memories';
import { searchRoutes } from './routes/search';
import { systemRoutes } from './routes/system';
import { SseHub } from './sse';
import { MemoryStore } from './store';
import { loadTlsMaterial } from './tls';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: MemoryStore;
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return host === '::' ? '[::1]' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function buildRoutes(): Route[] {
  const routes: Route[] = [];
  routes.push(...systemRoutes(() => routes), ...memoryRoutes, ...searchRoutes, ...manageRoutes, ...analyticsRoutes);
  return routes;
}

/** Opens the store in config.dataDir (which must not be empty of meaning: it is where data lives). */
export async function runServer(config: ServerConfig, store?: MemoryStore): Promise<RunningServer> {
  const memoryStore = store ?? (await MemoryStore.open(config.dataDir));
  const sse = new SseHub(config.heartbeatSeconds);
  const app: AppState = { config, store: memoryStore, sse, startedAt: nowSeconds(), issuer: '' };
  const router = new Router(buildRoutes(), app);
  const handler = (req: Parameters<Router['handle']>[0], res: Parameters<Router['handle']>[1]): void => {
    void router.handle(req, res);
  };
  const server: Server = config.https ? createHttpsServer(loadTlsMaterial(config.https), handler) : createHttpServer(handler);
  server.keepAliveTimeout = 5_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await memoryStore.close();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const scheme = config.https ? 'https' : 'http';
  const url = `${scheme}://${urlHost(config.host)}:${port}`;
  // The real server builds the OAuth issuer from host and port; 0.0.0.0 is spelled localhost.
  app.issuer = `${scheme}://${config.host === '0.0.0.0' ? 'localhost' : urlHost(config.host)}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      sse.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await memoryStore.close();
    })();
    return stopping;
  };
  return { url, port, store: memoryStore, stop };
}
