import { describe, expect, it } from 'vitest';
import { InvStockAdjustDocument, InvStockAdjustManyDocument, InvStockMoveDocument, InvStockSetDocument } from '../generated/graphql.js';
import type { StockAdjustInput, StockMoveInput, StockSetInput } from '../generated/graphql.js';
import { countStatements, execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { expectLedgerConsistent, gid, inventoryRowCounts, onHandOf } from './stock-fixtures.js';

const adjust = async (t: TestTenant, input: StockAdjustInput) => (await query(t.key, InvStockAdjustDocument, { input })).stockAdjust;
const move = async (t: TestTenant, input: StockMoveInput) => (await query(t.key, InvStockMoveDocument, { input })).stockMove;
const set = async (t: TestTenant, input: StockSetInput) => (await query(t.key, InvStockSetDocument, { input })).stockSet;

/** A tenant with two active warehouses and one OWN variation: 10 in the first, 0 (no row) in the second. */
async function stocked(options: { stock?: number; reserved?: number } = {}) {
  const t = await newTenant();
  const w1 = await t.warehouse({ code: 'W1' });
  const w2 = await t.warehouse({ code: 'W2' });
  const { variations } = await t.product({
    variations: [{ stock: { [w1.id]: options.stock ?? 10 }, reserved: { [w1.id]: options.reserved ?? 0 } }],
  });
  const v = variations[0]!;
  return { t, w1, w2, v, V: gid('Variation', v.id), W1: gid('Warehouse', w1.id), W2: gid('Warehouse', w2.id) };
}

describe('stockAdjust', () => {
  it('adds units and writes an ADJUSTMENT movement with reason, balance and actor', async () => {
    const { t, v, w1, V, W1 } = await stocked();
    const result = await adjust(t, { variation: V, warehouse: W1, quantity: 5, reason: 'Tambahan stok bulan ini' });
    expect(result).toMatchObject({
      __typename: 'StockAdjustPayload',
      stockLevel: { onHand: 15, reserved: 0, available: 15, warehouse: { id: W1 }, variation: { id: V } },
      movement: { kind: 'ADJUSTMENT', quantityIn: 5, quantityOut: 0, reservedDelta: 0, balance: 15, description: 'Tambahan stok bulan ini', actor: 'key:test' },
    });
    expect(await onHandOf(t, v.id, w1.id)).toBe(15);
    await expectLedgerConsistent(t);
  });

  it('costs a fixed number of SQL statements, payload selection included', async () => {
    const { t, V, W1 } = await stocked();
    const { count } = await countStatements(() => adjust(t, { variation: V, warehouse: W1, quantity: 1, reason: 'r' }));
    // variation + stock type, warehouse FOR SHARE, the conditional UPDATE with its ledger INSERT and its event's outbox row, COMMIT;
    // then one read each for stockLevel and movement.
    expect(count).toBe(6);
  });

  it('subtracts units with a negative quantity', async () => {
    const { t, V, W1 } = await stocked();
    const result = await adjust(t, { variation: V, warehouse: W1, quantity: -4, reason: 'rusak' });
    expect(result).toMatchObject({ stockLevel: { onHand: 6 }, movement: { quantityIn: 0, quantityOut: 4, balance: 6 } });
  });

  it('creates the stock row for a warehouse that had none', async () => {
    const { t, v, w2, V, W2 } = await stocked();
    const result = await adjust(t, { variation: V, warehouse: W2, quantity: 3, reason: 'first delivery' });
    expect(result).toMatchObject({ stockLevel: { onHand: 3, warehouse: { id: W2 } }, movement: { balance: 3 } });
    expect(await onHandOf(t, v.id, w2.id)).toBe(3);
    // The first try found no row and wrote nothing; its event went out with the second.
    const events = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id, type: 'stock.level_changed', payload: { path: ['warehouseId'], equals: w2.id } } });
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ variationId: v.id, onHand: 3, reserved: 0, inTransit: 0 })]);
  });

  it('publishes stockLevelChanged after commit', async () => {
    const { t, v, w1, V, W1 } = await stocked();
    const { app } = await testApp();
    const iterator = app.events.subscribe('stockLevelChanged')[Symbol.asyncIterator]();
    const next = iterator.next();
    await adjust(t, { variation: V, warehouse: W1, quantity: 2, reason: 'r' });
    // Other tests of this worker publish too: read until ours.
    let event = (await next).value;
    while (event.tenantId !== t.id) event = (await iterator.next()).value;
    expect(event).toMatchObject({ tenantId: t.id, variationId: v.id, warehouseId: w1.id, onHand: 12, reserved: 0, inTransit: 0 });
    await iterator.return?.();
    // Its outbox row (what webhooks send) carries the same figures and time, written by the change's own statement.
    const [row] = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id, type: 'stock.level_changed' }, orderBy: { id: 'desc' }, take: 1 });
    expect(row!.payload).toEqual({ variationId: v.id, warehouseId: w1.id, onHand: 12, reserved: 0, inTransit: 0, at: event.at });
    expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses to go below zero with InsufficientStockError and writes nothing', async () => {
    const { t, V, W1 } = await stocked({ stock: 3 });
    const before = await inventoryRowCounts(t);
    const outboxBefore = await t.prisma.outboxEvent.count({ where: { tenantId: t.id } });
    const result = await adjust(t, { variation: V, warehouse: W1, quantity: -4, reason: 'too many' });
    expect(result).toMatchObject({ __typename: 'InsufficientStockError', code: 'INSUFFICIENT_STOCK', requested: 4, available: 3, variationId: V, warehouseId: W1 });
    expect(await inventoryRowCounts(t)).toEqual(before);
    expect(await t.prisma.outboxEvent.count({ where: { tenantId: t.id } })).toBe(outboxBefore);
  });

  it('refuses to take reserved units', async () => {
    const { t, V, W1 } = await stocked({ stock: 10, reserved: 8 });
    const result = await adjust(t, { variation: V, warehouse: W1, quantity: -3, reason: 'r' });
    expect(result).toMatchObject({ __typename: 'InsufficientStockError', requested: 3, available: 2 });
    expect(await adjust(t, { variation: V, warehouse: W1, quantity: -2, reason: 'r' })).toMatchObject({ stockLevel: { onHand: 8, reserved: 8, available: 0 } });
  });

  it('refuses taking from a warehouse without a stock row, without creating one', async () => {
    const { t, V, W2 } = await stocked();
    const before = await inventoryRowCounts(t);
    expect(await adjust(t, { variation: V, warehouse: W2, quantity: -1, reason: 'r' })).toMatchObject({ __typename: 'InsufficientStockError', available: 0 });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it.each([
    [{ quantity: 0, reason: 'r' }, [['quantity']]],
    [{ quantity: 1, reason: '   ' }, [['reason']]],
    [{ quantity: 0, reason: '' }, [['quantity'], ['reason']]],
    [{ quantity: 100_000_001, reason: 'r' }, [['quantity']]],
    [{ quantity: -100_000_001, reason: 'r' }, [['quantity']]],
    [{ quantity: 1, reason: 'x'.repeat(501) }, [['reason']]],
  ])('refuses %j with validation problems at %j', async (fields, paths) => {
    const { t, V, W1 } = await stocked();
    const before = await inventoryRowCounts(t);
    const result = await adjust(t, { variation: V, warehouse: W1, ...fields });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path)).toEqual(paths);
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it.each(['SUPPLIER', 'PREORDER'] as const)('refuses a %s variation with StockNotTrackedError', async (stockType) => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ stockType });
    const before = await inventoryRowCounts(t);
    const result = await adjust(t, { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), quantity: 5, reason: 'r' });
    expect(result).toMatchObject({ __typename: 'StockNotTrackedError', code: 'STOCK_NOT_TRACKED', stockType });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it("answers NotFoundError for another tenant's variation or warehouse and writes nothing anywhere", async () => {
    const a = await stocked();
    const b = await stocked();
    const beforeA = await inventoryRowCounts(a.t);
    const beforeB = await inventoryRowCounts(b.t);
    expect(await adjust(a.t, { variation: b.V, warehouse: a.W1, quantity: 1, reason: 'r' })).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'Variation',
    });
    expect(await adjust(a.t, { variation: a.V, warehouse: b.W1, quantity: 1, reason: 'r' })).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'Warehouse',
    });
    expect(await adjust(a.t, { variation: b.V, warehouse: b.W1, quantity: -1, reason: 'r' })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await inventoryRowCounts(a.t)).toEqual(beforeA);
    expect(await inventoryRowCounts(b.t)).toEqual(beforeB);
  });
});

describe('stockMove', () => {
  it('moves units in one transaction with a TRANSFER_OUT and a TRANSFER_IN movement', async () => {
    const { t, v, w1, w2, V, W1, W2 } = await stocked();
    const result = await move(t, { variation: V, from: W1, to: W2, quantity: 4, reason: 'restock Bandung' });
    expect(result).toMatchObject({
      __typename: 'StockMovePayload',
      source: { onHand: 6, warehouse: { id: W1 } },
      destination: { onHand: 4, warehouse: { id: W2 } },
      movements: [
        { kind: 'TRANSFER_OUT', quantityOut: 4, quantityIn: 0, balance: 6, description: 'restock Bandung', actor: 'key:test', warehouse: { id: W1 } },
        { kind: 'TRANSFER_IN', quantityIn: 4, quantityOut: 0, balance: 4, description: 'restock Bandung', actor: 'key:test', warehouse: { id: W2 } },
      ],
    });
    expect([await onHandOf(t, v.id, w1.id), await onHandOf(t, v.id, w2.id)]).toEqual([6, 4]);
    await expectLedgerConsistent(t);
  });

  it('moves nothing when the source lacks available units (both sides or neither)', async () => {
    const { t, V, W1, W2 } = await stocked({ stock: 5, reserved: 2 });
    const before = await inventoryRowCounts(t);
    expect(await move(t, { variation: V, from: W1, to: W2, quantity: 4, reason: 'r' })).toMatchObject({
      __typename: 'InsufficientStockError',
      requested: 4,
      available: 3,
    });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it('refuses an inactive destination but moves out of an inactive source', async () => {
    const { t, w1, w2, V, W1, W2 } = await stocked();
    await t.prisma.warehouse.update({ where: { id: w2.id }, data: { isActive: false } });
    const before = await inventoryRowCounts(t);
    expect(await move(t, { variation: V, from: W1, to: W2, quantity: 1, reason: 'r' })).toMatchObject({ __typename: 'WarehouseInactiveError', warehouseId: W2 });
    expect(await inventoryRowCounts(t)).toEqual(before);
    await t.prisma.warehouse.update({ where: { id: w2.id }, data: { isActive: true } });
    await t.prisma.warehouse.update({ where: { id: w1.id }, data: { isActive: false } });
    expect(await move(t, { variation: V, from: W1, to: W2, quantity: 10, reason: 'closing W1' })).toMatchObject({ source: { onHand: 0 }, destination: { onHand: 10 } });
  });

  it('reports a move to the same warehouse, a zero quantity and no reason together', async () => {
    const { t, V, W1 } = await stocked();
    const result = await move(t, { variation: V, from: W1, to: W1, quantity: 0, reason: '' });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path[0]).sort()).toEqual(['quantity', 'reason', 'to']);
  });

  it("answers NotFoundError for another tenant's warehouse on either side", async () => {
    const a = await stocked();
    const b = await stocked();
    const before = await inventoryRowCounts(b.t);
    expect(await move(a.t, { variation: a.V, from: a.W1, to: b.W2, quantity: 1, reason: 'r' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Warehouse' });
    expect(await move(a.t, { variation: a.V, from: b.W1, to: a.W2, quantity: 1, reason: 'r' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Warehouse' });
    expect(await inventoryRowCounts(b.t)).toEqual(before);
    expect(await onHandOf(a.t, a.v.id, a.w1.id)).toBe(10);
  });
});

describe('stockSet', () => {
  it('sets the counted figure when on hand is still the expected one, with a COUNT movement of the difference', async () => {
    const { t, V, W1 } = await stocked();
    const result = await set(t, { variation: V, warehouse: W1, quantity: 7, expected: 10, reason: 'opname Mei' });
    expect(result).toMatchObject({
      __typename: 'StockSetPayload',
      previousOnHand: 10,
      stockLevel: { onHand: 7 },
      movement: { kind: 'COUNT', quantityIn: 0, quantityOut: 3, balance: 7, description: 'opname Mei', actor: 'key:test' },
    });
    const up = await set(t, { variation: V, warehouse: W1, quantity: 12, expected: 7 });
    expect(up).toMatchObject({ movement: { kind: 'COUNT', quantityIn: 5, balance: 12, description: 'Stock count: 7 -> 12' } });
    await expectLedgerConsistent(t);
  });

  it('refuses with StockCountConflictError naming both figures when on hand changed, and writes nothing', async () => {
    const { t, V, W1 } = await stocked();
    const before = await inventoryRowCounts(t);
    const result = await set(t, { variation: V, warehouse: W1, quantity: 7, expected: 9 });
    expect(result).toMatchObject({ __typename: 'StockCountConflictError', code: 'STOCK_COUNT_CONFLICT', expected: 9, actual: 10, variationId: V, warehouseId: W1 });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it('counts a warehouse without a stock row as expected 0', async () => {
    const { t, V, W2 } = await stocked();
    expect(await set(t, { variation: V, warehouse: W2, quantity: 6, expected: 0 })).toMatchObject({ previousOnHand: 0, stockLevel: { onHand: 6 } });
    expect(await set(t, { variation: V, warehouse: W2, quantity: 9, expected: 0 })).toMatchObject({ __typename: 'StockCountConflictError', actual: 6 });
  });

  it('refuses a conflict on a warehouse without a stock row without leaving a row behind', async () => {
    const { t, V, W2 } = await stocked();
    const before = await inventoryRowCounts(t);
    expect(await set(t, { variation: V, warehouse: W2, quantity: 6, expected: 2 })).toMatchObject({ __typename: 'StockCountConflictError', actual: 0 });
    expect(await inventoryRowCounts(t)).toEqual(before);
  });

  it('records a count that matches as a zero COUNT movement', async () => {
    const { t, V, W1 } = await stocked();
    expect(await set(t, { variation: V, warehouse: W1, quantity: 10, expected: 10 })).toMatchObject({
      stockLevel: { onHand: 10 },
      movement: { kind: 'COUNT', quantityIn: 0, quantityOut: 0, balance: 10 },
    });
  });

  it('refuses a count below the reserved units', async () => {
    const { t, V, W1 } = await stocked({ stock: 10, reserved: 6 });
    expect(await set(t, { variation: V, warehouse: W1, quantity: 5, expected: 10 })).toMatchObject({ __typename: 'InsufficientStockError' });
    expect(await set(t, { variation: V, warehouse: W1, quantity: 6, expected: 10 })).toMatchObject({ stockLevel: { onHand: 6, available: 0 } });
  });

  it('refuses raising the count of an inactive warehouse, allows lowering it', async () => {
    const { t, w1, V, W1 } = await stocked();
    await t.prisma.warehouse.update({ where: { id: w1.id }, data: { isActive: false } });
    expect(await set(t, { variation: V, warehouse: W1, quantity: 11, expected: 10 })).toMatchObject({ __typename: 'WarehouseInactiveError' });
    expect(await set(t, { variation: V, warehouse: W1, quantity: 9, expected: 10 })).toMatchObject({ stockLevel: { onHand: 9 } });
  });

  it('refuses negative figures with problems at quantity and expected', async () => {
    const { t, V, W1 } = await stocked();
    const result = await set(t, { variation: V, warehouse: W1, quantity: -1, expected: -2 });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['quantity'] }, { path: ['expected'] }] });
  });

  it("answers NotFoundError for another tenant's variation or warehouse and leaves its stock alone", async () => {
    const a = await stocked();
    const b = await stocked();
    expect(await set(a.t, { variation: b.V, warehouse: a.W1, quantity: 0, expected: 10 })).toMatchObject({ __typename: 'NotFoundError', entity: 'Variation' });
    expect(await set(a.t, { variation: b.V, warehouse: b.W1, quantity: 0, expected: 10 })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await set(a.t, { variation: a.V, warehouse: b.W1, quantity: 0, expected: 10 })).toMatchObject({ __typename: 'NotFoundError', entity: 'Warehouse' });
    expect(await onHandOf(b.t, b.v.id, b.w1.id)).toBe(10);
    expect(await b.t.prisma.stockMovement.count({ where: { tenantId: b.t.id } })).toBe(1);
  });

  it('refuses a PREORDER variation with StockNotTrackedError', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ stockType: 'PREORDER' });
    const result = await set(t, { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', w.id), quantity: 1, expected: 0 });
    expect(result).toMatchObject({ __typename: 'StockNotTrackedError', stockType: 'PREORDER' });
    expect(await t.prisma.stockLevel.count({ where: { tenantId: t.id } })).toBe(0);
  });
});

describe('stockAdjustMany', () => {
  it('applies each line on its own and reports the refused ones in place', async () => {
    const { t, v, w1, w2, V, W1, W2 } = await stocked({ stock: 3 });
    const other = await newTenant();
    const foreign = await other.warehouse();
    const result = (
      await query(t.key, InvStockAdjustManyDocument, {
        input: {
          reason: 'Tambahan stok bulan ini',
          lines: [
            { variation: V, warehouse: W1, quantity: 10 },
            { variation: V, warehouse: W2, quantity: -1 },
            { variation: V, warehouse: W2, quantity: 4, reason: 'own reason' },
            { variation: V, warehouse: gid('Warehouse', foreign.id), quantity: 1 },
            { variation: V, warehouse: W1, quantity: 0 },
          ],
        },
      })
    ).stockAdjustMany;
    expect(result).toMatchObject({
      __typename: 'StockAdjustManyPayload',
      appliedCount: 2,
      refusedCount: 3,
      results: [
        { index: 0, ok: true, outcome: { __typename: 'StockAdjustPayload', stockLevel: { onHand: 13 }, movement: { quantityIn: 10, description: 'Tambahan stok bulan ini' } } },
        { index: 1, ok: false, outcome: { __typename: 'InsufficientStockError', requested: 1, available: 0 } },
        { index: 2, ok: true, outcome: { stockLevel: { onHand: 4 }, movement: { description: 'own reason' } } },
        { index: 3, ok: false, outcome: { __typename: 'NotFoundError', entity: 'Warehouse' } },
        { index: 4, ok: false, outcome: { __typename: 'ValidationError', problems: [{ path: ['lines', '4', 'quantity'] }] } },
      ],
    });
    expect([await onHandOf(t, v.id, w1.id), await onHandOf(t, v.id, w2.id)]).toEqual([13, 4]);
    expect(await t.prisma.stockMovement.count({ where: { tenantId: t.id, kind: 'ADJUSTMENT' } })).toBe(2);
    expect(await other.prisma.stockLevel.count({ where: { tenantId: other.id } })).toBe(0);
    await expectLedgerConsistent(t);
  });

  it('refuses an empty batch', async () => {
    const { t } = await stocked();
    const result = await execute(t.key, InvStockAdjustManyDocument, { input: { reason: 'r', lines: [] } });
    expect(result.data?.stockAdjustMany).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['lines'] }] });
  });
});

describe('live events of stock writes', () => {
  /** Collects this tenant's stockLevelChanged events while fn runs, then a marker write ends the wait. */
  async function eventsDuring(t: TestTenant, fn: () => Promise<unknown>, marker: () => Promise<unknown>) {
    const { app } = await testApp();
    const iterator = app.events.subscribe('stockLevelChanged')[Symbol.asyncIterator]();
    const first = iterator.next();
    await fn();
    await marker();
    const seen = [];
    for (let next = await first; !next.done; next = await iterator.next()) {
      if (next.value.tenantId !== t.id) continue;
      seen.push(next.value);
      if (next.value.onHand === 999) break;
    }
    await iterator.return?.();
    return seen.slice(0, -1);
  }

  it('publishes one event per side of a move, none for a refused write', async () => {
    const { t, v, w1, w2, V, W1, W2 } = await stocked();
    const marker = () => set(t, { variation: V, warehouse: W2, quantity: 999, expected: 4 });
    const events = await eventsDuring(
      t,
      async () => {
        expect((await move(t, { variation: V, from: W1, to: W2, quantity: 20, reason: 'too many' })).__typename).toBe('InsufficientStockError');
        expect((await set(t, { variation: V, warehouse: W1, quantity: 1, expected: 3 })).__typename).toBe('StockCountConflictError');
        expect((await move(t, { variation: V, from: W1, to: W2, quantity: 4, reason: 'ok' })).__typename).toBe('StockMovePayload');
      },
      marker,
    );
    expect(events.map((e) => [e.variationId, e.warehouseId, e.onHand])).toEqual([
      [v.id, w1.id, 6],
      [v.id, w2.id, 4],
    ]);
  });
});

describe('the ledger', () => {
  it('sums to on hand after a series of mixed operations', async () => {
    const { t, v, w1, w2, V, W1, W2 } = await stocked({ stock: 20 });
    const w3 = await t.warehouse({ code: 'W3' });
    const W3 = gid('Warehouse', w3.id);
    await adjust(t, { variation: V, warehouse: W1, quantity: 5, reason: 'in' });
    await adjust(t, { variation: V, warehouse: W1, quantity: -7, reason: 'out' });
    await move(t, { variation: V, from: W1, to: W2, quantity: 8, reason: 'm' });
    await move(t, { variation: V, from: W2, to: W3, quantity: 3, reason: 'm' });
    await set(t, { variation: V, warehouse: W3, quantity: 1, expected: 3 });
    await set(t, { variation: V, warehouse: W2, quantity: 9, expected: 4 }); // conflict: 5 on hand
    await adjust(t, { variation: V, warehouse: W2, quantity: -6, reason: 'too many' }); // refused: 5 on hand
    await move(t, { variation: V, from: W3, to: W1, quantity: 1, reason: 'back' });
    await set(t, { variation: V, warehouse: W1, quantity: 0, expected: 11 });
    const rows = await expectLedgerConsistent(t);
    expect(rows.map((r) => r.onHand)).toEqual([0, 5, 0]);
    expect([await onHandOf(t, v.id, w1.id), await onHandOf(t, v.id, w2.id), await onHandOf(t, v.id, w3.id)]).toEqual([0, 5, 0]);
    // The running balance of every movement is on hand after it.
    const movements = await t.prisma.stockMovement.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } });
    const running = new Map<number, number>();
    for (const m of movements) {
      const after = (running.get(m.warehouseId) ?? 0) + m.quantityIn - m.quantityOut;
      running.set(m.warehouseId, after);
      expect(m.balance).toBe(after);
    }
  });
});
