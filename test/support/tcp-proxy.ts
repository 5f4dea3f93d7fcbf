// A TCP proxy of the tests' own, between the server and a service (PostgreSQL,
// Redis): it forwards bytes both ways until told to cut (every connection reset
// at once, new ones refused) or to blackhole (connections stay open and accepted,
// but nothing passes either way: a silent partition), and then to heal.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  url(template: string): string;
  /** Resets every open connection and refuses new ones until healed. */
  cut(): Promise<void>;
  /** Keeps connections open but forwards nothing, either way, until healed. */
  blackhole(): void;
  /** Back to normal: new connections pass; blackholed ones stay dead (as after a real partition their peers gave up). */
  heal(): Promise<void>;
  /** Connections currently open through the proxy. */
  open(): number;
  close(): Promise<void>;
}

export async function tcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let mode: 'pass' | 'hole' | 'cut' = 'pass';
  let server: Server | undefined;
  let port = 0;

  const listen = async () => {
    server = createServer((client) => {
      if (mode === 'cut') {
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      const forward = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          // A blackholed pair swallows everything, like a network that drops packets.
          if (mode === 'pass' && !(pair as unknown as { dead?: boolean }).dead) to.write(chunk);
        });
      forward(client, upstream);
      forward(upstream, client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server!.address() as AddressInfo).port;
  };
  await listen();

  return {
    get port() {
      return port;
    },
    url: (template) => template.replace(/@([^/:]+):(\d+)\//, `@127.0.0.1:${port}/`),
    async cut() {
      mode = 'cut';
      for (const [a, b] of pairs) {
        a.resetAndDestroy?.() ?? a.destroy();
        b.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    blackhole() {
      mode = 'hole';
    },
    async heal() {
      if (mode === 'cut') {
        mode = 'pass';
        await listen();
        return;
      }
      // Connections that lived through the partition are dead to both ends now.
      for (const pair of pairs) (pair as unknown as { dead?: boolean }).dead = true;
      mode = 'pass';
    },
    open: () => pairs.size,
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
      if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}
