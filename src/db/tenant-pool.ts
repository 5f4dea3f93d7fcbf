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
import pg from 'pg';
import { wantedTenantSetting } from './tenant-scope.js';

const SET_TENANT = { name: 'og_set_tenant', text: "SELECT set_config('app.tenant_id', $1, false)" };

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

export class TenantPool extends pg.Pool {
  /** The value each connection's `app.tenant_id` holds ('' until set: no tenant). */
  private readonly settings = new WeakMap<pg.PoolClient, string>();
  /** set_config statements sent (tests and the bench check they stay rare). */
  tenantSwitches = 0;

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const wanted = wantedTenantSetting();
    if (!callback) {
      return super.connect().then(async (client) => {
        try {
          await this.applyTenant(client, wanted);
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
        return client;
      });
    }
    super.connect(((err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => {
      if (err || !client) return callback(err, client, done);
      this.applyTenant(client, wanted).then(
        () => callback(undefined, client, done),
        (error: Error) => {
          done(error);
          callback(error, undefined, () => {});
        },
      );
    }) as never);
  }

  private async applyTenant(client: pg.PoolClient, wanted: string | undefined): Promise<void> {
    if (wanted === undefined || (this.settings.get(client) ?? '') === wanted) return;
    this.tenantSwitches++;
    await client.query({ ...SET_TENANT, values: [wanted] });
    this.settings.set(client, wanted);
  }
}
