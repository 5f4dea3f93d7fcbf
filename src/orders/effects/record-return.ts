// recordReturn + restock (seed 001 return): an OrderReturn with its lines; the
// lines default to every shipped unit. With restock the units go back on hand
// in the warehouse they shipped from (RETURN movements) and the line names it.
import type { Prisma } from '../../db/generated/prisma/client.js';
import { changeStocks, type StockChange } from '../../inventory/stock-ledger.js';
import { Problems } from '../../shared/validation.js';
import type { EffectContext } from './effect-context.js';

interface ReturnPart {
  itemId: number;
  variationId: number | null;
  /** Warehouse the units shipped from; null for lines whose stock is not counted. */
  warehouseId: number | null;
  quantity: number;
  own: boolean;
}

export async function recordReturn(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  const items = await tx.orderItem.findMany({
    where: { orderId: ctx.order.id, isCancelled: false },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      sku: true,
      quantity: true,
      variationId: true,
      variation: { select: { product: { select: { stockType: true } } } },
      allocations: { orderBy: { id: 'asc' }, select: { warehouseId: true, shippedQuantity: true } },
    },
  });
  const problems = new Problems();
  const byId = new Map(items.map((item) => [item.id, item]));
  const wanted = new Map<number, number>();
  if (ctx.input.returnLines?.length) {
    ctx.input.returnLines.forEach((line, index) => {
      if (!byId.has(line.itemId)) problems.add(['lines', index, 'item'], 'is not a line of this order');
      if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.add(['lines', index, 'quantity'], 'must be a whole number of at least 1');
      else wanted.set(line.itemId, (wanted.get(line.itemId) ?? 0) + line.quantity);
    });
  } else {
    for (const item of items) wanted.set(item.id, item.quantity);
  }
  const parts: ReturnPart[] = [];
  for (const [itemId, quantity] of wanted) {
    const item = byId.get(itemId);
    if (!item) continue;
    if (quantity > item.quantity) {
      problems.add(['lines'], `line ${item.sku} has ${item.quantity} units, ${quantity} returned`);
      continue;
    }
    const own = item.variationId != null && item.variation?.product.stockType === 'OWN';
    if (!own || !item.allocations.length) {
      parts.push({ itemId, variationId: item.variationId, warehouseId: null, quantity, own: false });
      continue;
    }
    let remaining = quantity;
    for (const allocation of item.allocations) {
      const take = Math.min(allocation.shippedQuantity, remaining);
      if (take <= 0) continue;
      parts.push({ itemId, variationId: item.variationId, warehouseId: allocation.warehouseId, quantity: take, own: true });
      remaining -= take;
    }
    if (remaining > 0) problems.add(['lines'], `line ${item.sku}: only ${quantity - remaining} units were shipped`);
  }
  problems.throwIfAny();

  const restock = ctx.input.restock ?? true;
  const lines: Prisma.OrderReturnLineCreateManyReturnInput[] = parts.map((part) => ({
    tenantId: ctx.tenantId,
    orderItemId: part.itemId,
    warehouseId: restock && part.own ? part.warehouseId : null,
    quantity: part.quantity,
  }));
  await tx.orderReturn.create({
    data: {
      tenantId: ctx.tenantId,
      orderId: ctx.order.id,
      returnBy: ctx.input.returnBy ?? 'customer_request',
      reason: ctx.input.reason ?? null,
      restock,
      actor: ctx.actor,
      lines: { createMany: { data: lines } },
    },
  });
}

/** Puts the returned units of the latest return back on hand where it says (its lines name the warehouse). */
export async function restock(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  const latest = await tx.orderReturn.findFirst({
    where: { orderId: ctx.order.id },
    orderBy: { id: 'desc' },
    select: { restock: true, lines: { where: { warehouseId: { not: null } }, select: { warehouseId: true, quantity: true, orderItem: { select: { variationId: true } } } } },
  });
  if (!latest?.restock) return;
  const changes: StockChange[] = [];
  for (const line of latest.lines) {
    if (line.orderItem.variationId == null || line.warehouseId == null) continue;
    changes.push({
      tenantId: ctx.tenantId,
      variationId: line.orderItem.variationId,
      warehouseId: line.warehouseId,
      onHandDelta: line.quantity,
      reservedDelta: 0,
      kind: 'RETURN',
      description: `return of order ${ctx.order.code}`,
      actor: ctx.actor,
      orderId: ctx.order.id,
    });
  }
  // Not in the return's line order: the ledger's (variation, warehouse) lock order, like every writer.
  await changeStocks(ctx.scope, changes);
}
