// Property: whatever sequence of adjust / move / set a client sends, each answer is
// the one a simple model predicts, and the ledger sums to on hand afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvStockAdjustDocument, InvStockMoveDocument, InvStockSetDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';
import { expectLedgerConsistent, gid } from './stock-fixtures.js';

type Op =
  | { kind: 'adjust'; w: number; quantity: number }
  | { kind: 'move'; from: number; to: number; quantity: number }
  | { kind: 'set'; w: number; quantity: number; expectedOffset: number };

const warehouse = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('adjust' as const), w: warehouse, quantity: fc.integer({ min: -6, max: 6 }).filter((q) => q !== 0) }),
  fc.record({ kind: fc.constant('move' as const), from: warehouse, to: warehouse, quantity: fc.integer({ min: 1, max: 6 }) }).filter((m) => m.from !== m.to),
  fc.record({ kind: fc.constant('set' as const), w: warehouse, quantity: fc.integer({ min: 0, max: 12 }), expectedOffset: fc.constantFrom(0, 0, 0, 1) }),
);

describe('the stock ledger under any sequence of writes', () => {
  it('answers as the model predicts and always sums to on hand', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const t = await newTenant();
        const warehouses = [await t.warehouse(), await t.warehouse(), await t.warehouse()];
        const W = warehouses.map((w) => gid('Warehouse', w.id));
        const { variations } = await t.product({ variations: [{ stock: { [warehouses[0]!.id]: 5 } }] });
        const V = gid('Variation', variations[0]!.id);
        const model = [5, 0, 0];
        for (const o of ops) {
          if (o.kind === 'adjust') {
            const ok = model[o.w]! + o.quantity >= 0;
            const r = (await query(t.key, InvStockAdjustDocument, { input: { variation: V, warehouse: W[o.w]!, quantity: o.quantity, reason: 'p' } })).stockAdjust;
            expect(r.__typename).toBe(ok ? 'StockAdjustPayload' : 'InsufficientStockError');
            if (ok) model[o.w]! += o.quantity;
          } else if (o.kind === 'move') {
            const ok = model[o.from]! >= o.quantity;
            const r = (await query(t.key, InvStockMoveDocument, { input: { variation: V, from: W[o.from]!, to: W[o.to]!, quantity: o.quantity, reason: 'p' } }))
              .stockMove;
            expect(r.__typename).toBe(ok ? 'StockMovePayload' : 'InsufficientStockError');
            if (ok) {
              model[o.from]! -= o.quantity;
              model[o.to]! += o.quantity;
            }
          } else {
            const expected = model[o.w]! + o.expectedOffset;
            const r = (await query(t.key, InvStockSetDocument, { input: { variation: V, warehouse: W[o.w]!, quantity: o.quantity, expected } })).stockSet;
            expect(r.__typename).toBe(o.expectedOffset === 0 ? 'StockSetPayload' : 'StockCountConflictError');
            if (o.expectedOffset === 0) model[o.w] = o.quantity;
          }
        }
        const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id } });
        const byWarehouse = new Map(levels.map((l) => [l.warehouseId, l.onHand]));
        expect(warehouses.map((w) => byWarehouse.get(w.id) ?? 0)).toEqual(model);
        await expectLedgerConsistent(t);
      }),
      { numRuns: 10, seed: 4242 },
    );
  }, 120_000);
});
