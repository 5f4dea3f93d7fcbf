// The HTTP server on one port: Yoga for every HTTP request, graphql-ws on the same
// /graphql path, and a stop that lets requests in flight finish (up to a deadline)
// while subscriptions end and keep-alive clients are told to go.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { AppYoga } from './yoga.js';
import type { LiveSocket } from './websocket-server.js';

/**
 * Connections the kernel completes and holds before the process accepts them (capped by
 * net.core.somaxconn). Node's 511 overflows when the clients of a lost instance reconnect at
 * once: SYNs are dropped, the balancer's connects time out, and it marks this instance down too
 * (bench:cluster saw "no live upstreams" for seconds).
 */
const LISTEN_BACKLOG = 4096;

export interface HttpServer {
  /** Open WebSocket connections (graphql-ws). */
  liveConnections(): number;
  /** Listens on the port (0 = any free port); resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Resolves when the server is closed. WebSocket subscriptions end first, then
   * `endStreams` (closing the event bus ends SSE streams), then requests in flight
   * finish, up to the deadline.
   */
  close(timeoutMs: number, endStreams?: () => Promise<void>): Promise<void>;
}

export function createHttpServer(yoga: AppYoga, log: Logger, attachLive: (server: Server) => LiveSocket): HttpServer {
  let server: Server | undefined;
  let live: LiveSocket | undefined;
  // Responses being written, so a stop can tell their keep-alive clients to go.
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  return {
    liveConnections: () => live?.connections() ?? 0,
    listen(port, host) {
      const s = createServer(yoga);
      server = s;
      live = attachLive(s);
      s.on('request', (_req, res: ServerResponse) => {
        inFlight.add(res);
        res.once('close', () => {
          inFlight.delete(res);
          // Its keep-alive connection would otherwise hold close() open until it times out.
          if (stopping) setImmediate(() => s.closeIdleConnections());
        });
      });
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve((s.address() as AddressInfo).port));
      });
    },
    async close(timeoutMs, endStreams) {
      const s = server;
      if (!s) return endStreams?.();
      server = undefined;
      stopping = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closing = new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests finish first.
        s.closeIdleConnections();
        const deadline = setTimeout(() => {
          log.warn({ timeoutMs }, 'requests still running at the shutdown deadline: closing their connections');
          s.closeAllConnections();
        }, timeoutMs);
        deadline.unref();
        s.once('close', () => clearTimeout(deadline));
      });
      // Subscriptions end (SSE streams finish, WebSocket clients get 1001) so their
      // connections do not hold the stop until the deadline.
      await live?.close();
      live = undefined;
      await endStreams?.();
      await closing;
    },
  };
}
