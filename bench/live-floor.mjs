// node bench/live-floor.mjs — what this machine allows live delivery at all, without ordergraph:
// a bare `ws` server (a child process) writes one ~330-byte text frame to each of N sockets per
// event, 20 events 500 ms apart (2 per second, as `npm run bench:live`), and N `ws` clients in
// this process parse each frame as JSON. Prints the server's and the clients' CPU per 1,000
// deliveries and commit-to-receipt p50/p99: the floor under bench:live's figures on the same
// machine (both processes share its cores, as there).
//
// Knobs (environment): N=5000 (subscribers; the open-file limit must cover N + 256 per process)
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../package.json', import.meta.url));
const { WebSocketServer, WebSocket } = require('ws');
const N = Number(process.env.N ?? 5000);
const EVENTS = 20;

if (process.argv[2] === '--server') {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('listening', () => process.send({ port: wss.address().port }));
  process.on('message', async () => {
    const before = process.cpuUsage();
    const close = Buffer.from('}');
    for (let e = 0; e < EVENTS; e++) {
      const at = Date.now();
      // The payload encoded once per event, as ordergraph does per shared selection.
      const payload = Buffer.from(JSON.stringify({ data: { orderStatusChanged: { eventId: 'T3JkZXJFdmVudDox', sequence: e, from: 'CONFIRMED', to: 'PROCESSING', at: new Date(at).toISOString(), order: { code: 'B-1', status: 'PROCESSING', customer: { name: 'Budi Santoso' } } } } }));
      let i = 0;
      for (const socket of wss.clients) {
        const prefix = Buffer.from(`{"id":"${i++}","at":${at},"type":"next","payload":`);
        socket.send(Buffer.concat([prefix, payload, close]), { binary: false });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const cpu = process.cpuUsage(before);
    process.send({ cpuMs: (cpu.user + cpu.system) / 1000, deliveries: EVENTS * wss.clients.size });
  });
} else {
  const child = fork(fileURLToPath(import.meta.url), ['--server']);
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  let open = 0;
  const latencies = [];
  for (let i = 0; i < N; i++) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.on('open', () => open++);
    socket.on('message', (data) => latencies.push(Date.now() - JSON.parse(data).at));
    // A few hundred at a time (the listen backlog).
    if (i % 200 === 199) while (open < i - 100) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  while (open < N) await new Promise((resolve) => setTimeout(resolve, 10));
  const clientBefore = process.cpuUsage();
  child.send('go');
  const { cpuMs, deliveries } = await new Promise((resolve) => child.once('message', resolve));
  const deadline = Date.now() + 30_000;
  while (latencies.length < deliveries && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const client = process.cpuUsage(clientBefore);
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  console.log(
    JSON.stringify({
      subscribers: N,
      delivered: `${latencies.length}/${deliveries}`,
      'server CPU ms/1k deliv': Math.round((cpuMs / deliveries) * 10_000) / 10,
      'client CPU ms/1k deliv': Math.round(((client.user + client.system) / 1000 / latencies.length) * 10_000) / 10,
      'p50 ms': pct(50),
      'p99 ms': pct(99),
    }),
  );
  child.kill();
  process.exit(latencies.length < deliveries ? 1 : 0);
}
