// recordReturn + restock + refundReturn (seed 001 return): one OrderReturn with
// its lines per call, several per order. Each line may take back at most what
// shipped and has not come back yet (ReturnExceedsShippedError); the lines
// default to every such unit. A line is restocked (RETURN movements) into the
// warehouse it names, else where its units shipped from; its value is its share
// of the line total. The order keeps each line's returned units, the value
// returned so far and its return status (NONE, PARTIAL, FULL); FULL is what
// moves it to RETURNED (the table's `movesWhen: 'fullyReturned'`).
import type { Prisma } from '../../db/generated/prisma/client.js';
import type { ReturnStatus } from '../../db/generated/prisma/enums.js';
import { changeStocks, type StockChange } from '../../inventory/stock-ledger.js';
import { refundInScope } from '../../payments/payment-service.js';
import { NotFoundError } from '../../shared/errors.js';
import { dec, money, sum, type Decimal } from '../../shared/money.js';
import { Problems } from '../../shared/validation.js';
import { ReturnExceedsShippedError } from '../errors.js';
import type { EffectContext } from './effect-context.js';

interface ReturnItem {
  id: number;
  sku: string;
  quantity: number;
  returnedQuantity: number;
  lineTotal: Decimal;
  variationId: number | null;
  /** Stock of the line is counted (OWN product with allocations). */
  own: boolean;
  shipped: number;
  /** Warehouses the units shipped from, in allocation order. */
  shippedFrom: Array<{ warehouseId: number; quantity: number }>;
}

/** Value of units `from`..`to` (cumulative) of a line: rounded per cumulative count, so the parts always add up to the line total. */
function valueOf(item: ReturnItem, from: number, to: number): Decimal {
  if (item.quantity <= 0) return dec(0);
  const upTo = (n: number) => money(item.lineTotal.times(n).dividedBy(item.quantity));
  return upTo(to).minus(upTo(from));
}

/** The order's return status from its lines: FULL when every shipped unit came back. */
export function returnStatusOf(items: ReadonlyArray<{ shipped: number; returned: number }>): ReturnStatus {
  const returned = items.reduce((total, item) => total + item.returned, 0);
  if (returned === 0) return 'NONE';
  return items.every((item) => item.returned >= item.shipped) ? 'FULL' : 'PARTIAL';
}

async function returnItems(ctx: EffectContext): Promise<ReturnItem[]> {
  const rows = await ctx.scope.tx.orderItem.findMany({
    where: { orderId: ctx.order.id, isCancelled: false },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      sku: true,
      quantity: true,
      returnedQuantity: true,
      lineTotal: true,
      variationId: true,
      variation: { select: { product: { select: { stockType: true } } } },
      allocations: { orderBy: { id: 'asc' }, select: { warehouseId: true, shippedQuantity: true } },
    },
  });
  return rows.map((row) => {
    const own = row.variationId != null && row.variation?.product.stockType === 'OWN' && row.allocations.length > 0;
    const shippedFrom = own ? row.allocations.filter((a) => a.shippedQuantity > 0).map((a) => ({ warehouseId: a.warehouseId, quantity: a.shippedQuantity })) : [];
    return {
      id: row.id,
      sku: row.sku,
      quantity: row.quantity,
      returnedQuantity: row.returnedQuantity,
      lineTotal: dec(row.lineTotal),
      variationId: row.variationId,
      own,
      // Lines whose stock is not counted (supplier, preorder) all went with the shipment.
      shipped: own ? shippedFrom.reduce((total, a) => total + a.quantity, 0) : row.quantity,
      shippedFrom,
    };
  });
}

export async function recordReturn(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  const items = await returnItems(ctx);
  const byId = new Map(items.map((item) => [item.id, item]));
  const restockDefault = ctx.input.restock ?? true;
  const problems = new Problems();
  type Wanted = { item: ReturnItem; quantity: number; restock: boolean; warehouseId: number | null };
  const wanted: Wanted[] = [];
  if (ctx.input.returnLines) {
    // An empty list is not "everything": leave `lines` out for that.
    if (!ctx.input.returnLines.length) problems.add(['lines'], 'give at least one line, or leave lines out to return every unit left');
    ctx.input.returnLines.forEach((line, index) => {
      const item = byId.get(line.itemId);
      if (!item) problems.add(['lines', index, 'item'], 'is not a line of this order');
      if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.add(['lines', index, 'quantity'], 'must be a whole number of at least 1');
      else if (item) wanted.push({ item, quantity: line.quantity, restock: line.restock ?? restockDefault, warehouseId: line.warehouseId ?? null });
    });
  } else {
    for (const item of items) {
      const left = item.shipped - item.returnedQuantity;
      if (left > 0) wanted.push({ item, quantity: left, restock: restockDefault, warehouseId: null });
    }
    if (!wanted.length) problems.add(['lines'], 'nothing shipped is left to return');
  }
  problems.throwIfAny();

  // Not more than shipped and not yet back, per line over all entries of this return.
  const asked = new Map<number, number>();
  for (const entry of wanted) asked.set(entry.item.id, (asked.get(entry.item.id) ?? 0) + entry.quantity);
  for (const [itemId, quantity] of asked) {
    const item = byId.get(itemId)!;
    if (item.returnedQuantity + quantity > item.shipped) {
      throw new ReturnExceedsShippedError(ctx.order.id, item.id, item.sku, item.shipped, item.returnedQuantity, quantity);
    }
  }
  // A warehouse named for a restock must be the tenant's.
  const named = [...new Set(wanted.filter((e) => e.warehouseId != null).map((e) => e.warehouseId!))];
  if (named.length) {
    const found = await tx.warehouse.findMany({ where: { id: { in: named }, tenantId: ctx.tenantId }, select: { id: true } });
    const missing = named.find((id) => !found.some((w) => w.id === id));
    if (missing != null) throw new NotFoundError('Warehouse', String(missing));
  }

  // One return line per entry and warehouse: by default the units go back where they shipped from,
  // the units already returned counted off the first allocations.
  const lines: Prisma.OrderReturnLineCreateManyReturnInput[] = [];
  const counted = new Map<number, number>();
  for (const entry of wanted) {
    const { item } = entry;
    const before = counted.get(item.id) ?? item.returnedQuantity;
    counted.set(item.id, before + entry.quantity);
    const restock = entry.restock && item.own;
    const parts: Array<{ warehouseId: number | null; quantity: number }> = [];
    if (!item.own || entry.warehouseId != null) {
      parts.push({ warehouseId: restock ? entry.warehouseId : null, quantity: entry.quantity });
    } else {
      let skip = before;
      let remaining = entry.quantity;
      for (const from of item.shippedFrom) {
        const skipped = Math.min(skip, from.quantity);
        skip -= skipped;
        const take = Math.min(from.quantity - skipped, remaining);
        if (take <= 0) continue;
        parts.push({ warehouseId: restock ? from.warehouseId : null, quantity: take });
        remaining -= take;
      }
    }
    let at = before;
    for (const part of parts) {
      lines.push({
        tenantId: ctx.tenantId,
        orderItemId: item.id,
        warehouseId: part.warehouseId,
        quantity: part.quantity,
        restock,
        value: valueOf(item, at, at + part.quantity).toFixed(2),
      });
      at += part.quantity;
    }
  }
  const value = sum(lines.map((line) => line.value as string));
  await tx.orderReturn.create({
    data: {
      tenantId: ctx.tenantId,
      orderId: ctx.order.id,
      returnBy: ctx.input.returnBy ?? 'customer_request',
      reason: ctx.input.reason ?? null,
      restock: restockDefault,
      value: value.toFixed(2),
      actor: ctx.actor,
      lines: { createMany: { data: lines } },
    },
  });
  for (const [itemId, quantity] of asked) {
    await tx.orderItem.update({ where: { id: itemId }, data: { returnedQuantity: { increment: quantity } } });
  }
  const status = returnStatusOf(items.map((item) => ({ shipped: item.shipped, returned: item.returnedQuantity + (asked.get(item.id) ?? 0) })));
  await tx.order.update({ where: { id: ctx.order.id }, data: { returnStatus: status, returnedTotal: { increment: value.toFixed(2) } } });
}

/** Puts the units of the latest return's restocked lines back on hand in their warehouse, in stock-row order (variation, then warehouse). */
export async function restock(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  const latest = await tx.orderReturn.findFirst({
    where: { orderId: ctx.order.id },
    orderBy: { id: 'desc' },
    select: { lines: { where: { restock: true, warehouseId: { not: null } }, select: { warehouseId: true, quantity: true, orderItem: { select: { variationId: true } } } } },
  });
  if (!latest) return;
  const changes: StockChange[] = latest.lines
    .filter((line) => line.orderItem.variationId != null && line.warehouseId != null)
    .map((line) => ({
      tenantId: ctx.tenantId,
      variationId: line.orderItem.variationId!,
      warehouseId: line.warehouseId!,
      onHandDelta: line.quantity,
      reservedDelta: 0,
      kind: 'RETURN' as const,
      description: `return of order ${ctx.order.code}`,
      actor: ctx.actor,
      orderId: ctx.order.id,
    }));
  // Not in the return's line order: the ledger's (variation, warehouse) lock order, like every writer.
  await changeStocks(ctx.scope, changes);
}

/**
 * The refund given with the return, linked to it (capped by its value and by what the buyer paid beyond what they owe);
 * then the return.recorded event, with the return's lines and that refund (the last effect of a return).
 */
export async function refundReturn(ctx: EffectContext): Promise<void> {
  const refund = ctx.input.refund;
  const latest = await ctx.scope.tx.orderReturn.findFirstOrThrow({
    where: { orderId: ctx.order.id },
    orderBy: { id: 'desc' },
    select: {
      id: true,
      value: true,
      createdAt: true,
      lines: { orderBy: { id: 'asc' }, select: { orderItemId: true, quantity: true, restock: true, warehouseId: true, value: true } },
    },
  });
  const refunded = refund
    ? await refundInScope(ctx.scope, { tenantId: ctx.tenantId, viewer: { actor: ctx.actor } }, {
        orderId: ctx.order.id,
        returnId: latest.id,
        amount: refund.amount,
        reason: ctx.input.reason ?? `return of order ${ctx.order.code}`,
        method: refund.method ?? null,
        reference: refund.reference ?? null,
      })
    : null;
  ctx.scope.publish('returnRecorded', {
    tenantId: ctx.tenantId,
    orderId: ctx.order.id,
    returnId: latest.id,
    value: dec(latest.value).toFixed(2),
    lines: latest.lines.map((line) => ({
      itemId: line.orderItemId,
      quantity: line.quantity,
      restock: line.restock,
      warehouseId: line.warehouseId,
      value: dec(line.value).toFixed(2),
    })),
    refund: refunded && refund ? { paymentId: refunded.paymentId, amount: refund.amount.toFixed(2) } : null,
    actor: ctx.actor,
    at: latest.createdAt.toISOString(),
  });
}
