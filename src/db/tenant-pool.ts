// A pg.Pool whose connections carry the caller's tenant (tenant-scope.ts) in the
// session setting `app.tenant_id`, which the row-level security policies compare
// every row's tenantId with. Each connection remembers the value it was given and
// is only sent `set_config` when a checkout needs another one: one statement per
// connection per tenant switch, none per request while a connection keeps serving
// the same tenant.
//
// The tenant is read when connect() is called, in the caller's async context. pg-pool
// hands a freed connection to a waiting caller from inside the releasing caller's
// callback (another request's context), so the value is captured up front and applied
// to whichever connection arrives. pool.query() goes through connect() too, and
// Prisma's transactions call connect() before BEGIN, so the setting is session-level
// and always made outside a transaction (a rollback cannot undo it).
//
// The statement budget (statement-budget.ts) travels the same way: reads run under
// the read statement_timeout (given at connection start), exports under theirs (a
// checkout whose budget differs from the connection's sets it, in the same statement
// as the tenant when both change). A write transaction's budget rides on its BEGIN
// (`BEGIN; SET LOCAL statement_timeout`), so it ends with the transaction and the
// connection keeps the read budget: a mix of reads and writes sends no set_config for
// the budget at all.
//
// A checkout made in a cancellation scope (query-cancel.ts) is noted with the scope
// until released, so the scope can stop its statement.
import pg from 'pg';
import { cancelledError, currentCancellation, type CancellationScope } from './query-cancel.js';
import { currentStatementBudget, type StatementTimeouts } from './statement-budget.js';
import { wantedTenantSetting } from './tenant-scope.js';

const SET_TENANT = { name: 'og_set_tenant', text: "SELECT set_config('app.tenant_id', $1, false)" };
const SET_TIMEOUT = { name: 'og_set_timeout', text: "SELECT set_config('statement_timeout', $1, false)" };
const SET_BOTH = { name: 'og_set_tenant_timeout', text: "SELECT set_config('app.tenant_id', $1, false), set_config('statement_timeout', $2, false)" };

export interface TenantPoolConfig extends pg.PoolConfig {
  /** statement_timeout per budget; without it the server's own setting applies throughout. */
  statementTimeouts?: StatementTimeouts;
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

export class TenantPool extends pg.Pool {
  /** The value each connection's `app.tenant_id` holds ('' until set: no tenant). */
  private readonly settings = new WeakMap<pg.PoolClient, string>();
  /** set_config statements sent (tests and the bench check they stay rare). */
  tenantSwitches = 0;
  /** The statement_timeout each connection holds. */
  private readonly timeouts = new WeakMap<pg.PoolClient, string>();
  private readonly budgets: StatementTimeouts | undefined;
  /** Where PostgreSQL listens: a cancel request goes there on a socket of its own. */
  private readonly server: { host: string; port: number };
  /** Cancel requests sent (tests read it). */
  cancelsSent = 0;
  /** The client-side wait for a statement's answer (pg's query_timeout): the backstop when the server cannot answer (a partition). */
  private readonly backstopMs: number;

  constructor(config: TenantPoolConfig) {
    const { statementTimeouts, ...rest } = config;
    // The read budget from the connection's start (a startup parameter, no statement).
    super(statementTimeouts?.readMs ? { ...rest, statement_timeout: statementTimeouts.readMs } : rest);
    this.budgets = statementTimeouts;
    this.backstopMs = rest.query_timeout ?? 0;
    // pg.Client reads host and port out of the connection string (and the PG* variables) as it would connect.
    const params = new pg.Client(rest) as unknown as { host: string; port: number };
    this.server = { host: params.host, port: params.port };
  }

  /**
   * Asks PostgreSQL to stop the statement the connection runs: the protocol's
   * CancelRequest (the connection's process id and secret key) on a new socket, so no
   * pool connection is needed. What the statement then fails with (57014) reaches its
   * caller, whose answer has already gone.
   */
  private cancelStatement(client: pg.PoolClient): void {
    const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
    const connection = new pg.Connection() as unknown as {
      on(event: string, listener: () => void): void;
      connect(portOrPath: number | string, host?: string): void;
      cancel(pid: number, key: number): void;
    };
    connection.on('error', () => {});
    connection.on('connect', () => {
      this.cancelsSent++;
      connection.cancel(processID, secretKey);
    });
    const { host, port } = this.server;
    if (host.startsWith('/')) connection.connect(`${host}/.s.PGSQL.${port}`);
    else connection.connect(port, host);
  }

  /**
   * Notes the checkout with the caller's cancellation scope until it is released. A
   * connection whose statement was cancelled is closed at release, not pooled: the
   * cancel request travels on its own socket and could otherwise land on the next
   * borrower's statement.
   */
  private enterScope(client: pg.PoolClient, scope: CancellationScope | undefined): void {
    if (!scope) return;
    if (scope.cancelled) throw cancelledError();
    let cancelled = false;
    scope.track(client, () => {
      cancelled = true;
      this.cancelStatement(client);
    });
    const release = client.release.bind(client);
    client.release = (error?: Error | boolean) => {
      scope.untrack(client);
      return release(cancelled && !error ? true : error);
    };
  }

  private wantedTimeout(): string | undefined {
    if (!this.budgets) return undefined;
    const kind = currentStatementBudget();
    if (kind === 'export') return String(this.budgets.exportMs ?? this.budgets.readMs);
    return String(kind === 'write' ? this.budgets.writeMs : kind === 'read' ? this.budgets.readMs : 0);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const wanted = wantedTenantSetting();
    const budget = this.wantedTimeout();
    // A write's budget goes with its BEGIN (beginWithBudget); the session keeps the read budget.
    const local = budget !== undefined && currentStatementBudget() === 'write' ? budget : undefined;
    const timeout = local === undefined ? budget : undefined;
    const backstop = this.wantedBackstop();
    const scope = currentCancellation();
    if (scope?.cancelled) {
      if (!callback) return Promise.reject(cancelledError());
      return callback(cancelledError(), undefined, () => {});
    }
    if (!callback) {
      return super.connect().then(async (client) => {
        try {
          await this.applySettings(client, wanted, timeout, backstop);
          if (local !== undefined) this.beginWithBudget(client, local);
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
        try {
          this.enterScope(client, scope);
        } catch (error) {
          client.release();
          throw error;
        }
        return client;
      });
    }
    super.connect(((err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => {
      if (err || !client) return callback(err, client, done);
      this.applySettings(client, wanted, timeout, backstop).then(
        () => {
          try {
            if (local !== undefined) this.beginWithBudget(client, local);
            this.enterScope(client, scope);
          } catch (error) {
            done();
            return callback(error as Error, undefined, () => {});
          }
          callback(undefined, client, client.release as (release?: unknown) => void);
        },
        (error: Error) => {
          done(error);
          callback(error, undefined, () => {});
        },
      );
    }) as never);
  }

  /**
   * The backstop of this checkout: the pool's, or for an export's reads (a longer budget) that
   * budget and two seconds, so an export is not cut short and requests keep the short one.
   */
  private wantedBackstop(): number {
    const exportMs = this.backstopMs && currentStatementBudget() === 'export' ? (this.budgets?.exportMs ?? 0) : 0;
    return exportMs ? Math.max(this.backstopMs, exportMs + 2_000) : this.backstopMs;
  }

  private setBackstop(client: pg.PoolClient, wanted: number): void {
    const params = (client as unknown as { connectionParameters: { query_timeout?: number } }).connectionParameters;
    if (this.backstopMs && params.query_timeout !== wanted) params.query_timeout = wanted;
  }

  /**
   * The checkout's next statement, when it is the BEGIN of a transaction (Prisma's), is
   * sent as `BEGIN; SET LOCAL statement_timeout = …` in one round trip (the simple
   * protocol runs both). Anything else first gets the budget for the session, queued
   * ahead of it on the connection, as a read's export budget does.
   */
  private beginWithBudget(client: pg.PoolClient, timeout: string): void {
    if (this.heldTimeout(client) === timeout) return;
    const original = client.query;
    const query = original as unknown as (this: pg.PoolClient, ...args: unknown[]) => Promise<unknown>;
    this.unsent.set(client, original);
    client.query = ((config: unknown, ...rest: unknown[]) => {
      this.unwrap(client);
      const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
      if (text === 'BEGIN' && typeof rest[0] !== 'function' && typeof rest[1] !== 'function') {
        const { name: _name, values: _values, ...options } = typeof config === 'string' ? { text } : (config as { name?: string; values?: unknown[] });
        return query.call(client, { ...options, text: `BEGIN; SET LOCAL statement_timeout = ${Number(timeout)}` });
      }
      this.timeouts.set(client, timeout);
      query.call(client, { ...SET_TIMEOUT, values: [timeout] }).catch(() => {
        // The connection failed; the statement queued behind it fails the same way, to its caller.
      });
      return query.call(client, config, ...rest);
    }) as typeof client.query;
  }

  /** Checkouts whose next statement is still to take the write budget: their own query. */
  private readonly unsent = new WeakMap<pg.PoolClient, pg.PoolClient['query']>();

  /** The statement_timeout the connection holds for its session (the read budget from its start). */
  private heldTimeout(client: pg.PoolClient): string {
    return this.timeouts.get(client) ?? String(this.budgets?.readMs ?? 0);
  }

  /** A checkout released before it sent anything leaves no wrapper to the next one. */
  private unwrap(client: pg.PoolClient): void {
    const original = this.unsent.get(client);
    if (!original) return;
    client.query = original;
    this.unsent.delete(client);
  }

  private async applySettings(client: pg.PoolClient, wanted: string | undefined, timeout: string | undefined, backstop: number): Promise<void> {
    this.unwrap(client);
    this.setBackstop(client, backstop);
    const tenant = wanted !== undefined && (this.settings.get(client) ?? '') !== wanted;
    const budget = timeout !== undefined && this.heldTimeout(client) !== timeout;
    if (!tenant && !budget) return;
    if (tenant) this.tenantSwitches++;
    if (tenant && budget) await client.query({ ...SET_BOTH, values: [wanted, timeout] });
    else if (tenant) await client.query({ ...SET_TENANT, values: [wanted] });
    else await client.query({ ...SET_TIMEOUT, values: [timeout] });
    if (tenant) this.settings.set(client, wanted!);
    if (budget) this.timeouts.set(client, timeout!);
  }
}
