// reserveStock (the `process` transition, seed 000 allocate): reserves every
// OWN-stock line per warehouse and records the allocation. Explicit allocations
// from the input must cover each line exactly; otherwise the order's origin
// warehouse takes it all, or else the active warehouses with the most available
// stock, split across them when one is not enough. Supplier and preorder lines
// are not counted and get no allocation.
import { changeStocks } from '../../inventory/stock-ledger.js';
import { InsufficientStockError } from '../../inventory/errors.js';
import { NotFoundError } from '../../shared/errors.js';
import { Problems } from '../../shared/validation.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

type Plan = Array<{ itemId: number; variationId: number; warehouseId: number; quantity: number }>;

export async function reserveStock(ctx: EffectContext): Promise<void> {
  const lines = await ownStockLines(ctx);
  const plan = ctx.input.allocations?.length ? await explicitPlan(ctx, lines) : await automaticPlan(ctx, lines);
  if (!plan.length) return;
  // Every step planned before any row is written. The allocation rows first, in one statement
  // (two steps of one line and warehouse add up); the stock rows are the contended ones,
  // taken last, in the ledger's global (variation, warehouse) lock order, and held until COMMIT.
  await ctx.scope.tx.$executeRawUnsafe(
    ALLOCATIONS_UPSERT,
    ctx.tenantId,
    plan.map((step) => step.itemId),
    plan.map((step) => step.warehouseId),
    plan.map((step) => step.quantity),
  );
  await changeStocks(
    ctx.scope,
    plan.map((step) => ({
      tenantId: ctx.tenantId,
      variationId: step.variationId,
      warehouseId: step.warehouseId,
      onHandDelta: 0,
      reservedDelta: step.quantity,
      kind: 'RESERVATION' as const,
      description: `allocate order ${ctx.order.code}`,
      actor: ctx.actor,
      orderId: ctx.order.id,
    })),
  );
}

/** Adds each step's units to its line's allocation in its warehouse ($1 tenant; $2 items, $3 warehouses, $4 units). */
const ALLOCATIONS_UPSERT = `
  INSERT INTO "OrderItemAllocation" ("tenantId", "orderItemId", "warehouseId", "quantity")
  SELECT $1::int, s."itemId", s."warehouseId", sum(s."quantity")::int
    FROM unnest($2::int[], $3::int[], $4::int[]) AS s("itemId", "warehouseId", "quantity")
   GROUP BY s."itemId", s."warehouseId"
   ORDER BY s."itemId", s."warehouseId"
  ON CONFLICT ("orderItemId", "warehouseId") DO UPDATE SET "quantity" = "OrderItemAllocation"."quantity" + excluded."quantity"`;

/** Units already planned per stock row: two lines of one variation draw on the same rows. */
type Planned = Map<string, number>;
const rowKey = (variationId: number, warehouseId: number) => `${variationId}:${warehouseId}`;

async function automaticPlan(ctx: EffectContext, lines: Awaited<ReturnType<typeof ownStockLines>>): Promise<Plan> {
  const needs = lines.map((line) => ({ line, need: line.quantity - line.allocations.reduce((sum, a) => sum + a.quantity, 0) })).filter(({ need }) => need > 0);
  if (!needs.length) return [];
  const origin = ctx.order.originWarehouseId;
  // Every line's stock rows in one read (committed data, unlocked: the UPDATE checks again).
  const levels = await ctx.scope.tx.stockLevel.findMany({
    where: {
      tenantId: ctx.tenantId,
      variationId: { in: [...new Set(needs.map(({ line }) => line.variationId))] },
      ...(origin != null ? { warehouseId: origin } : { warehouse: { isActive: true } }),
    },
    select: { variationId: true, warehouseId: true, onHand: true, reserved: true },
  });
  const plan: Plan = [];
  const planned: Planned = new Map();
  for (const { line, need } of needs) {
    const mine = levels.filter((level) => level.variationId === line.variationId);
    if (origin != null) {
      const level = mine[0];
      const key = rowKey(line.variationId, origin);
      const available = (level ? level.onHand - level.reserved : 0) - (planned.get(key) ?? 0);
      // Known short already: fail without queueing for the stock row's lock.
      if (available < need) throw new InsufficientStockError(line.variationId, origin, need, Math.max(available, 0));
      planned.set(key, (planned.get(key) ?? 0) + need);
      plan.push({ itemId: line.id, variationId: line.variationId, warehouseId: origin, quantity: need });
      continue;
    }
    plan.push(...planFromBest(mine, planned, line.id, line.variationId, need));
  }
  return plan;
}

/** Greedy over the active warehouses' rows, most available first; the remainder (if any) fails with the typed error. */
function planFromBest(levels: Array<{ warehouseId: number; onHand: number; reserved: number }>, planned: Planned, itemId: number, variationId: number, need: number): Plan {
  const candidates = levels
    .map((level) => ({ warehouseId: level.warehouseId, available: level.onHand - level.reserved - (planned.get(rowKey(variationId, level.warehouseId)) ?? 0) }))
    .sort((a, b) => b.available - a.available || a.warehouseId - b.warehouseId);
  let remaining = need;
  const steps: Plan = [];
  for (const candidate of candidates) {
    if (remaining <= 0) break;
    const take = Math.min(candidate.available, remaining);
    if (take <= 0) continue;
    steps.push({ itemId, variationId, warehouseId: candidate.warehouseId, quantity: take });
    candidate.available -= take;
    remaining -= take;
  }
  if (remaining <= 0) {
    for (const step of steps) planned.set(rowKey(variationId, step.warehouseId), (planned.get(rowKey(variationId, step.warehouseId)) ?? 0) + step.quantity);
    return steps;
  }
  // What was read is committed data: the units are not there. Fail without taking the stock row's lock, naming
  // the line's own figures (what it needs, what all warehouses hold together), not the greedy split's leftovers.
  // The warehouse named is the one holding the most.
  const total = candidates.reduce((sum, candidate) => sum + Math.max(candidate.available, 0), 0) + (need - remaining);
  throw new InsufficientStockError(variationId, candidates[0]?.warehouseId ?? 0, need, total);
}

async function explicitPlan(ctx: EffectContext, lines: Awaited<ReturnType<typeof ownStockLines>>): Promise<Plan> {
  const problems = new Problems();
  const allocations = ctx.input.allocations ?? [];
  const byId = new Map(lines.map((line) => [line.id, line]));
  const warehouseIds = [...new Set(allocations.map((a) => a.warehouseId))];
  const warehouses = await ctx.scope.tx.warehouse.findMany({ where: { tenantId: ctx.tenantId, id: { in: warehouseIds } }, select: { id: true, isActive: true } });
  const known = new Map(warehouses.map((w) => [w.id, w]));
  const missing = warehouseIds.find((id) => !known.has(id));
  if (missing != null) throw new NotFoundError('Warehouse', String(missing));
  const allItems = await ctx.scope.tx.orderItem.findMany({ where: { orderId: ctx.order.id }, select: { id: true } });
  const onOrder = new Set(allItems.map((item) => item.id));
  const totals = new Map<number, number>();
  const plan: Plan = [];
  allocations.forEach((allocation, index) => {
    const line = byId.get(allocation.itemId);
    if (!onOrder.has(allocation.itemId)) problems.add(['allocations', index, 'item'], 'is not a line of this order');
    else if (!line) problems.add(['allocations', index, 'item'], 'is not an own-stock line (supplier and preorder stock is not allocated)');
    if (!known.get(allocation.warehouseId)?.isActive && known.has(allocation.warehouseId)) {
      problems.add(['allocations', index, 'warehouse'], 'is inactive');
    }
    if (!Number.isInteger(allocation.quantity) || allocation.quantity < 1) problems.add(['allocations', index, 'quantity'], 'must be a whole number of at least 1');
    if (line) {
      totals.set(line.id, (totals.get(line.id) ?? 0) + allocation.quantity);
      plan.push({ itemId: line.id, variationId: line.variationId, warehouseId: allocation.warehouseId, quantity: allocation.quantity });
    }
  });
  for (const line of lines) {
    const total = totals.get(line.id) ?? 0;
    if (total !== line.quantity) problems.add(['allocations'], `line ${line.sku} (${line.quantity} units) is allocated ${total}`);
  }
  problems.throwIfAny();
  return plan;
}
