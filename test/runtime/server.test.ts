// The real server process: `node --import tsx src/main.ts` (production runs the same code built, `node dist/src/main.js`; CI starts that one).
// Embedded PGlite allows one process at a time, so the tenant and key are created
// (through the apikey command) before the server starts.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApiKeyCommand } from '../../scripts/apikey.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { NO_BACKGROUND_WORK } from '../support/app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_DEADLINE_MS = 90_000;

type LogLine = Record<string, any>;

/** The server process and its JSON log lines, with deadline-bounded waits on them. */
class ServerProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private waiters: Array<() => void> = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line));
      } catch {
        this.lines.push({ text: line });
      }
      this.notify();
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => this.stderr.push(line));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.notify());
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals) {
    // The node process itself: npm would not pass the signal on.
    process.kill(this.pid, signal);
  }

  /** The first log line matching `test`, waiting for it until the deadline. */
  waitForLine(test: (line: LogLine) => boolean, what: string, timeoutMs = 30_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find(test);
        if (found) return done(() => resolve(found));
        if (!this.running) return done(() => reject(new Error(`server exited before ${what}\n${this.transcript()}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms\n${this.transcript()}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        settle();
      };
      this.waiters.push(check);
      check();
    });
  }

  transcript(): string {
    return [...this.lines.map((l) => JSON.stringify(l)), ...this.stderr].slice(-40).join('\n');
  }

  kill() {
    if (this.running) this.child.kill('SIGKILL');
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }
}

interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection (no keep-alive), so nothing idles into the shutdown. */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<HttpResult>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${path}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A GraphQL request that the server has received (headers parsed, handler running)
 * but that waits for the rest of its body until `finish()` is called.
 */
async function startSlowRequest(port: number, key: string, query: string) {
  const body = Buffer.from(JSON.stringify({ query }));
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    // Keep-alive, as load balancers connect: the stop must still let this connection go.
    agent: new Agent({ keepAlive: true }),
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${key}`,
      'content-length': String(body.length),
      // The server answers "100 Continue" once its handler has the request: then it is in flight.
      expect: '100-continue',
    },
  });
  const response = new Promise<HttpResult>((resolve, reject) => {
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.once('error', reject);
  });
  response.catch(() => {});
  await new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
    req.flushHeaders();
  });
  req.write(body.subarray(0, 5));
  return {
    response,
    finish() {
      req.end(body.subarray(5));
      return response;
    },
  };
}

/** Polls until connecting fails with ECONNREFUSED; false if it never does before the deadline. */
async function refusesConnections(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await send(port, '/healthz');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
    }
  }
  return false;
}

describe('the server process', () => {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'ordergraph-server-'));
  const tenant = `lifecycle-${randomUUID().slice(0, 8)}`;
  let key: string;
  let tenantId: number;
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    const db = await openDatabase({ databaseUrl, dataDir, poolSize: 1 });
    try {
      await migrate(db.sql);
      await runApiKeyCommand(db.prisma, ['create-tenant', '--slug', tenant, '--name', 'Lifecycle test']);
      const output = await runApiKeyCommand(db.prisma, ['create', '--tenant', tenant, '--role', 'OWNER', '--name', 'server-test']);
      key = /^ {2}(og_\S+)$/m.exec(output)![1]!;
      tenantId = (await db.prisma.tenant.findUniqueOrThrow({ where: { slug: tenant }, select: { id: true } })).id;
    } finally {
      await db.close();
    }

    server = new ServerProcess({
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      DEMO: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '60000',
      // On PostgreSQL other test files share the database: the relay (still stopped on SIGTERM) serves this tenant only, and no other background work runs.
      ...NO_BACKGROUND_WORK,
      WEBHOOKS_RELAY: 'true',
      WEBHOOKS_RELAY_TENANTS: String(tenantId),
    });
    const listening = await server.waitForLine((l) => typeof l.port === 'number', 'listening log line', START_DEADLINE_MS);
    port = listening.port;
    expect(listening.msg).toBe(`ordergraph listening on http://localhost:${port}/graphql`);
  }, 180_000);

  afterAll(() => {
    server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz with 200 once listening', async () => {
    expect((await send(port, '/healthz')).status).toBe(200);
    expect((await send(port, '/readyz')).status).toBe(200);
  });

  it('answers an authenticated query and logs the request with its id', async () => {
    const result = await send(port, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: 'query Who { viewer { role tenant { slug } } }' }),
    });
    expect(result.status).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.data).toEqual({ viewer: { role: 'OWNER', tenant: { slug: tenant } } });
    const requestId = result.headers['x-request-id'];
    expect(body.extensions.requestId).toBe(requestId);
    // Over SLOW_REQUEST_MS (a loaded machine) the same line says "slow request".
    const logged = await server.waitForLine((l) => (l.msg === 'request' || l.msg === 'slow request') && l.requestId === requestId, 'request log line');
    expect(logged).toMatchObject({ method: 'POST', path: '/graphql', operationName: 'Who', status: 200, service: 'ordergraph' });

    const anonymous = await send(port, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const inFlight = await startSlowRequest(port, key, '{ viewer { role tenant { slug } } }');

    server.signal('SIGTERM');
    await server.waitForLine((l) => l.msg?.startsWith('stopping'), 'stopping log line');
    expect(await refusesConnections(port, 10_000)).toBe(true);
    expect(server.running).toBe(true);

    const result = await inFlight.finish();
    expect(result.status).toBe(200);
    expect(result.headers.connection).toBe('close');
    expect(JSON.parse(result.body).data).toEqual({ viewer: { role: 'OWNER', tenant: { slug: tenant } } });

    const exit = await Promise.race([
      server.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit within 30 s\n${server.transcript()}`)), 30_000).unref()),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.some((l) => l.msg === 'stopped')).toBe(true);
    expect(server.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('starting with a bad configuration', () => {
  it('exits with 2 and a message naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc', DATA_DIR: 'memory://' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no exit within 60 s: ${stderr}`));
      }, 60_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(2);
    expect(stderr).toContain('Configuration error: PORT: expected a whole number, got "abc"\n');
  });
});
