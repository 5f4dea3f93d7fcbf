import { describe, expect, it } from 'vitest';
import { InvStockAdjustDocument, InvStockAdjustManyDocument, InvStockMoveDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';
import { gid, inventoryRowCounts } from './stock-fixtures.js';

describe('stock figures near the integer limit', () => {
  it('refuses a change that would take on hand past 2147483647 with a problem at quantity, writing nothing', async () => {
    const t = await newTenant();
    const full = await t.warehouse();
    const other = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [full.id]: 2_100_000_000, [other.id]: 100_000_000 } }] });
    const V = gid('Variation', variations[0]!.id);
    const before = await inventoryRowCounts(t);

    const adjusted = (await query(t.key, InvStockAdjustDocument, { input: { variation: V, warehouse: gid('Warehouse', full.id), quantity: 100_000_000, reason: 'r' } }))
      .stockAdjust;
    expect(adjusted).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['quantity'], message: 'would take on hand above 2147483647 units' }] });

    const moved = (
      await query(t.key, InvStockMoveDocument, {
        input: { variation: V, from: gid('Warehouse', other.id), to: gid('Warehouse', full.id), quantity: 100_000_000, reason: 'r' },
      })
    ).stockMove;
    expect(moved).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['quantity'] }] });

    const many = (
      await query(t.key, InvStockAdjustManyDocument, {
        input: { reason: 'r', lines: [{ variation: V, warehouse: gid('Warehouse', other.id), quantity: 1 }, { variation: V, warehouse: gid('Warehouse', full.id), quantity: 100_000_000 }] },
      })
    ).stockAdjustMany;
    expect(many).toMatchObject({ appliedCount: 1, results: [{ ok: true }, { ok: false, outcome: { __typename: 'ValidationError', problems: [{ path: ['lines', '1', 'quantity'] }] } }] });

    expect(await inventoryRowCounts(t)).toEqual({ ...before, movements: before.movements + 1, onHand: before.onHand + 1 });
  });
});
