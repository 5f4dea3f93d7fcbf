// Deadlocks and serialization failures: the transaction helper runs the whole body
// again (a bounded number of times, with jittered pauses), and only the attempt that
// commits leaves events and outbox rows. Other database faults are typed, retryable errors.
import { describe, expect, it } from 'vitest';
import { CONFLICT_ATTEMPTS, retryOnConflict, transaction } from '../../src/db/transaction.js';
import { createMemoryBus } from '../../src/events/memory-bus.js';
import { DatabaseConflictError, DatabaseTimeoutError, DatabaseUnavailableError } from '../../src/shared/errors.js';
import { testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';

const silent = { error: () => {} };
const pgError = (code: string, message = `pg error ${code}`) => Object.assign(new Error(message), { code, severity: 'ERROR' });
// What Prisma's driver adapter reports for a deadlock inside a query.
const adapterDeadlock = () =>
  Object.assign(new Error('Transaction failed due to a write conflict or a deadlock'), {
    code: 'P2034',
    meta: { driverAdapterError: { cause: { kind: 'TransactionWriteConflict', originalCode: '40P01' } } },
  });

function fakeRun(sequence: unknown[]) {
  const calls: number[] = [];
  const run = async (attempt: number) => {
    calls.push(attempt);
    const next = sequence.shift();
    if (next instanceof Error) throw next;
    return next;
  };
  return { run, calls };
}

describe('retryOnConflict', () => {
  const noPause = { sleep: async () => {}, random: () => 0.5 };

  it('runs again after a deadlock and a serialization failure, then returns the result', async () => {
    const { run, calls } = fakeRun([pgError('40P01'), adapterDeadlock(), 'done']);
    await expect(retryOnConflict(run, { ...noPause, attempts: 3 })).resolves.toBe('done');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('answers DatabaseConflictError (SERVICE_UNAVAILABLE, retry after 1 s) once the attempts are spent', async () => {
    const { run, calls } = fakeRun([pgError('40001'), pgError('40P01'), pgError('40P01'), 'never']);
    const error = await retryOnConflict(run, { ...noPause, attempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(calls).toEqual([1, 2, 3]);
  });

  it('pauses between runs with growing, jittered delays', async () => {
    const pauses: number[] = [];
    const { run } = fakeRun([pgError('40P01'), pgError('40P01'), 'done']);
    // random 0 gives the lower half of each delay: 20 ms * 2^(n-1) / 2.
    await retryOnConflict(run, { attempts: 3, baseDelayMs: 20, random: () => 0, sleep: async (ms) => void pauses.push(ms) });
    expect(pauses).toEqual([10, 20]);
  });

  it('does not run again after other errors; database faults become typed errors', async () => {
    const timeout = fakeRun([pgError('57014', 'canceling statement due to statement timeout'), 'never']);
    await expect(retryOnConflict(timeout.run, noPause)).rejects.toBeInstanceOf(DatabaseTimeoutError);
    expect(timeout.calls).toEqual([1]);
    const lost = fakeRun([pgError('57P01', 'terminating connection due to administrator command'), 'never']);
    await expect(retryOnConflict(lost.run, noPause)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const bug = fakeRun([new TypeError('a bug'), 'never']);
    await expect(retryOnConflict(bug.run, noPause)).rejects.toBeInstanceOf(TypeError);
    expect(bug.calls).toEqual([1]);
  });

  it('runs at most three times by default', () => {
    expect(CONFLICT_ATTEMPTS).toBe(3);
  });
});

describe('transaction after a deadlock', () => {
  it('reruns the whole body; events and outbox rows of the aborted run are dropped', async () => {
    const { app, fixtures } = await testApp();
    const t = await newTenant();
    const events = createMemoryBus();
    const published: unknown[] = [];
    // The tenant's client: its outbox rows are written under row-level security on PostgreSQL.
    const deps = { prisma: app.db.forTenant(t.id), events: { ...events, publish: (_t: unknown, p: unknown) => void published.push(p) } as typeof events, log: silent };
    // A variation id no other test uses, to find this test's outbox rows.
    const marker = 900_000_000 + Math.floor(Math.random() * 1_000_000);
    let runs = 0;
    const result = await transaction(deps, async (scope) => {
      runs++;
      scope.publish('stockLevelChanged', { tenantId: t.id, variationId: marker, warehouseId: runs, onHand: runs, reserved: 0, at: 'now' });
      await scope.tx.$queryRaw`SELECT 1`;
      if (runs === 1) throw pgError('40P01', 'deadlock detected');
      return runs;
    });
    expect(result).toBe(2);
    expect(published).toEqual([{ tenantId: t.id, variationId: marker, warehouseId: 2, onHand: 2, reserved: 0, at: 'now' }]);
    const rows = await fixtures.sql.query<{ payload: { warehouseId: number } }>(
      `SELECT "payload" FROM "OutboxEvent" WHERE "tenantId" = $1 AND ("payload"->>'variationId')::int = $2`,
      [t.id, marker],
    );
    expect(rows.map((r) => r.payload.warehouseId)).toEqual([2]);
  });
});
