// GET /api/events: the real server's SSEManager on top of sse-starlette, on the wire:
//   id: <uuid>\r\nevent: <name>\r\ndata: <python json.dumps>\r\n\r\n
// plus sse-starlette's comment pings every 15 s and a `ping` event after 60 s without events.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isoOffset, pyJsonDumps, pyStrDatetime } from './python-format';

const SEP = '\r\n';
const COMMENT_PING_MS = 15_000;
const IDLE_PING_MS = 60_000;

interface Connection {
  readonly id: string;
  readonly res: ServerResponse;
  readonly connectedAt: number;
  lastHeartbeat: number;
  readonly clientIp: string;
  readonly userAgent: string;
  idleTimer: NodeJS.Timeout;
  readonly pingTimer: NodeJS.Timeout;
}

export interface SseStats {
  total_connections: number;
  heartbeat_interval: number;
  connections: {
    connection_id: string;
    client_ip: string;
    user_agent: string;
    connected_duration_seconds: number;
    last_heartbeat_seconds_ago: number;
  }[];
}

function frame(event: string, data: Record<string, unknown>, id: string | undefined = randomUUID()): string {
  const idLine = id === undefined ? '' : `id: ${id}${SEP}`;
  return `${idLine}event: ${event}${SEP}data: ${pyJsonDumps({ timestamp: isoOffset(), ...data })}${SEP}${SEP}`;
}

export class SseHub {
  private readonly connections = new Map<string, Connection>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly heartbeatSeconds: number) {}

  get count(): number {
    return this.connections.size;
  }

  /** Takes over the response and keeps it open until the client leaves or the server stops. */
  open(req: IncomingMessage, res: ServerResponse, head: boolean): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    if (head) {
      res.end();
      return;
    }
    res.socket?.setNoDelay(true);
    const id = randomUUID();
    const now = Date.now();
    const conn: Connection = {
      id,
      res,
      connectedAt: now,
      lastHeartbeat: now,
      clientIp: req.socket.remoteAddress ?? 'Unknown',
      userAgent: req.headers['user-agent'] ?? 'Unknown',
      idleTimer: setTimeout(() => this.idlePing(conn), IDLE_PING_MS),
      pingTimer: setInterval(() => res.write(`: ping - ${pyStrDatetime()}${SEP}${SEP}`), COMMENT_PING_MS),
    };
    conn.idleTimer.unref();
    conn.pingTimer.unref();
    this.connections.set(id, conn);
    // Not req 'close': that fires as soon as the (empty) request body has been read.
    res.on('close', () => this.drop(id));
    this.send(conn, frame('connection_established', {
      connection_id: id,
      message: 'Connected to MCP Memory Service SSE stream',
      heartbeat_interval: this.heartbeatSeconds,
    }));
    this.startHeartbeat();
  }

  private send(conn: Connection, text: string): void {
    if (conn.res.writableEnded || conn.res.destroyed) return;
    conn.res.write(text);
    // Any queued event resets the 60 s idle window after which the real server sends `ping`.
    conn.idleTimer.refresh();
  }

  private idlePing(conn: Connection): void {
    if (!this.connections.has(conn.id)) return;
    this.send(conn, frame('ping', { message: 'Connection alive' }, undefined));
  }

  private drop(id: string): void {
    const conn = this.connections.get(id);
    if (!conn) return;
    clearTimeout(conn.idleTimer);
    clearInterval(conn.pingTimer);
    this.connections.delete(id);
    if (this.connections.size === 0) this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      for (const conn of this.connections.values()) conn.lastHeartbeat = now;
      this.broadcast('heartbeat', { timestamp: isoOffset(), active_connections: this.connections.size, server_status: 'healthy' });
    }, this.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  broadcast(event: string, data: Record<string, unknown>): void {
    if (this.connections.size === 0) return;
    // One id per event, shared by every connection, as the real manager queues one SSEEvent.
    const text = frame(event, data);
    for (const conn of this.connections.values()) this.send(conn, text);
  }

  stats(): SseStats {
    const now = Date.now();
    return {
      total_connections: this.connections.size,
      heartbeat_interval: this.heartbeatSeconds,
      connections: [...this.connections.values()].map((c) => ({
        connection_id: c.id,
        client_ip: c.clientIp,
        user_agent: c.userAgent,
        connected_duration_seconds: (now - c.connectedAt) / 1000,
        last_heartbeat_seconds_ago: (now - c.lastHeartbeat) / 1000,
      })),
    };
  }

  /** Server shutdown: say goodbye like the real manager, then end every stream. */
  closeAll(): void {
    this.stopHeartbeat();
    for (const conn of [...this.connections.values()]) {
      const duration = (Date.now() - conn.connectedAt) / 1000;
      this.send(conn, frame('connection_closed', { connection_id: conn.id, duration_seconds: duration }));
      this.drop(conn.id);
      conn.res.end();
    }
  }
}
