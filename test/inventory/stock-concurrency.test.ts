// Races that only a real PostgreSQL with a connection pool can produce.
import { describe, expect, it } from 'vitest';
import { InvStockAdjustDocument, InvStockMoveDocument, InvStockSetDocument, InvWarehouseDeleteDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';
import { expectLedgerConsistent, gid, onHandOf } from './stock-fixtures.js';

describe.skipIf(!process.env.DATABASE_URL)('stock writes under concurrency (PostgreSQL)', () => {
  it('50 parallel stockAdjust(-1) against 20 units: 20 succeed, 30 InsufficientStockError, 0 left, ledger consistent', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 20 } }] });
    const input = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), quantity: -1, reason: 'race' };
    const results = await Promise.all(Array.from({ length: 50 }, () => query(t.key, InvStockAdjustDocument, { input }).then((d) => d.stockAdjust)));
    const kinds = results.map((r) => r.__typename);
    expect(kinds.filter((k) => k === 'StockAdjustPayload')).toHaveLength(20);
    expect(kinds.filter((k) => k === 'InsufficientStockError')).toHaveLength(30);
    expect(await onHandOf(t, variations[0]!.id, w.id)).toBe(0);
    await expectLedgerConsistent(t);
    // Each success saw its own balance: 19, 18, ..., 0, each once.
    const balances = results.flatMap((r) => (r.__typename === 'StockAdjustPayload' ? [r.movement.balance] : [])).sort((a, b) => a - b);
    expect(balances).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('10 concurrent stockSet with the same expected figure: exactly one succeeds, the rest get StockCountConflictError', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 10 } }] });
    const base = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), expected: 10 };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => query(t.key, InvStockSetDocument, { input: { ...base, quantity: 100 + i } }).then((d) => d.stockSet)),
    );
    const winners = results.filter((r) => r.__typename === 'StockSetPayload');
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.__typename === 'StockCountConflictError');
    expect(losers).toHaveLength(9);
    const winner = winners[0]!;
    if (winner.__typename !== 'StockSetPayload') return;
    for (const loser of losers) expect(loser).toMatchObject({ expected: 10, actual: winner.stockLevel.onHand });
    expect(await onHandOf(t, variations[0]!.id, w.id)).toBe(winner.stockLevel.onHand);
    expect(await t.prisma.stockMovement.count({ where: { tenantId: t.id, kind: 'COUNT' } })).toBe(1);
    await expectLedgerConsistent(t);
  });

  it('10 concurrent stockSet on a warehouse without a stock row (expected 0): exactly one succeeds', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product();
    const base = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), expected: 0 };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => query(t.key, InvStockSetDocument, { input: { ...base, quantity: 5 + i } }).then((d) => d.stockSet)),
    );
    expect(results.filter((r) => r.__typename === 'StockSetPayload')).toHaveLength(1);
    expect(results.filter((r) => r.__typename === 'StockCountConflictError')).toHaveLength(9);
    await expectLedgerConsistent(t);
  });

  it('concurrent stockMove in both directions never deadlocks and keeps the total', async () => {
    const t = await newTenant();
    const a = await t.warehouse({ code: 'A' });
    const b = await t.warehouse({ code: 'B' });
    const { variations } = await t.product({ variations: [{ stock: { [a.id]: 30, [b.id]: 30 } }] });
    const v = variations[0]!;
    const A = gid('Warehouse', a.id);
    const B = gid('Warehouse', b.id);
    const moves = Array.from({ length: 40 }, (_, i) => (i % 2 ? { from: A, to: B } : { from: B, to: A }));
    const results = await Promise.all(
      moves.map((m, i) =>
        query(t.key, InvStockMoveDocument, { input: { variation: gid('Variation', v.id), ...m, quantity: 1 + (i % 3), reason: 'shuffle' } }).then(
          (d) => d.stockMove,
        ),
      ),
    );
    // Every move either applied or was refused for stock; none failed with a deadlock (that would be a GraphQL error in query()).
    expect(results.every((r) => r.__typename === 'StockMovePayload' || r.__typename === 'InsufficientStockError')).toBe(true);
    expect((await onHandOf(t, v.id, a.id))! + (await onHandOf(t, v.id, b.id))!).toBe(60);
    const rows = await expectLedgerConsistent(t);
    expect(rows).toHaveLength(2);
    const applied = results.filter((r) => r.__typename === 'StockMovePayload').length;
    expect(await t.prisma.stockMovement.count({ where: { tenantId: t.id, kind: { in: ['TRANSFER_IN', 'TRANSFER_OUT'] } } })).toBe(2 * applied);
  });

  it('mixed concurrent adjust, move and set keep the ledger summing to on hand and never go negative', async () => {
    const t = await newTenant();
    const a = await t.warehouse({ code: 'A' });
    const b = await t.warehouse({ code: 'B' });
    const { variations } = await t.product({ variations: [{ stock: { [a.id]: 10, [b.id]: 10 } }] });
    const V = gid('Variation', variations[0]!.id);
    const A = gid('Warehouse', a.id);
    const B = gid('Warehouse', b.id);
    const ops = Array.from({ length: 45 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return query(t.key, InvStockAdjustDocument, { input: { variation: V, warehouse: A, quantity: -3, reason: 'r' } });
        case 1:
          return query(t.key, InvStockAdjustDocument, { input: { variation: V, warehouse: B, quantity: 2, reason: 'r' } });
        case 2:
          return query(t.key, InvStockMoveDocument, { input: { variation: V, from: A, to: B, quantity: 2, reason: 'r' } });
        case 3:
          return query(t.key, InvStockMoveDocument, { input: { variation: V, from: B, to: A, quantity: 3, reason: 'r' } });
        default:
          return query(t.key, InvStockSetDocument, { input: { variation: V, warehouse: A, quantity: 5, expected: 10 } });
      }
    });
    await Promise.all(ops);
    const rows = await expectLedgerConsistent(t);
    for (const r of rows) expect(r.onHand).toBeGreaterThanOrEqual(0);
  });

  it('a delete racing stock arriving never deletes a warehouse with units in it', async () => {
    const t = await newTenant();
    const { variations } = await t.product();
    const V = gid('Variation', variations[0]!.id);
    for (let round = 0; round < 10; round++) {
      const w = await t.warehouse();
      const W = gid('Warehouse', w.id);
      const [added, deleted] = await Promise.all([
        query(t.key, InvStockAdjustDocument, { input: { variation: V, warehouse: W, quantity: 5, reason: 'arrives' } }).then((d) => d.stockAdjust),
        query(t.key, InvWarehouseDeleteDocument, { input: { warehouse: W } }).then((d) => d.warehouseDelete),
      ]);
      // Either the stock arrived first (delete refused) or the delete won (the adjustment finds no warehouse).
      const outcome = `${added.__typename}/${deleted.__typename}`;
      expect(['StockAdjustPayload/WarehouseInUseError', 'NotFoundError/WarehouseDeletePayload']).toContain(outcome);
      if (deleted.__typename === 'WarehouseInUseError') expect(deleted.onHand).toBe(5);
    }
    await expectLedgerConsistent(t);
    const movements = await t.prisma.stockMovement.count({ where: { tenantId: t.id } });
    const levels = await t.prisma.stockLevel.count({ where: { tenantId: t.id } });
    expect(movements).toBe(levels);
  });
});
