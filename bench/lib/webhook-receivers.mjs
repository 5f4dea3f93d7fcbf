// The webhook bench's partners, in a process of their own as they would be on their own
// machines: ENDPOINTS HTTP receivers on 127.0.0.1 answering 200 at once. Tells the parent
// their ports, then answers its messages: "count" (requests so far) and "collect" (each
// request's order, sequence and arrival time, in milliseconds since the epoch).
import { createServer } from 'node:http';

const count = Number(process.argv[2] ?? 10);
const arrivals = [];
const ports = [];
for (let i = 0; i < count; i++) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      const { data } = JSON.parse(body);
      arrivals.push([`${data.order}:${data.sequence}`, at]);
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push(server.address().port);
}
process.send({ ports });
process.on('message', (message) => {
  if (message === 'count') process.send({ count: arrivals.length });
  if (message === 'collect') process.send({ arrivals });
  if (message === 'exit') process.exit(0);
});
