// receiveStock (seed 000 validate): the destination warehouse of a transfer
// checked the goods. Per shipped line, the units received go on hand there
// (TRANSFER_IN) and the line's units in transit are cleared; the line keeps its
// received quantity, so a shortfall (shipped minus received) stays on the order
// and in the ledger row instead of disappearing. Lines given in the input must
// name each shipped line once; without them every shipped unit arrived.
import { changeStocks } from '../../inventory/stock-ledger.js';
import { Problems } from '../../shared/validation.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

export async function receiveStock(ctx: EffectContext): Promise<void> {
  const destination = ctx.order.destinationWarehouseId;
  if (destination == null) {
    new Problems().add(['order'], 'has no destination warehouse to receive the goods').throwIfAny();
    return;
  }
  const lines = (await ownStockLines(ctx))
    .map((line) => ({ ...line, shipped: line.allocations.reduce((sum, a) => sum + a.shippedQuantity, 0) }))
    .filter((line) => line.shipped > 0);
  const received = receivedPerLine(ctx, lines);

  // The lines first: the stock row is the contended one, locked last and held until COMMIT.
  for (const line of lines) {
    await ctx.scope.tx.orderItem.update({ where: { id: line.id }, data: { receivedQuantity: received.get(line.id)! } });
  }
  // All to one warehouse; the ledger takes the rows in its (variation, warehouse) lock order.
  await changeStocks(
    ctx.scope,
    lines.map((line) => {
      const units = received.get(line.id)!;
      const short = line.shipped - units;
      return {
        tenantId: ctx.tenantId,
        variationId: line.variationId,
        warehouseId: destination,
        onHandDelta: units,
        reservedDelta: 0,
        inTransitDelta: -line.shipped,
        kind: 'TRANSFER_IN',
        description: short > 0 ? `received order ${ctx.order.code}: ${units} of ${line.shipped}, short ${short}` : `received order ${ctx.order.code}`,
        actor: ctx.actor,
        orderId: ctx.order.id,
      };
    }),
  );
}

/** Units received per line id: the input's, checked against what was shipped (every problem at once), or everything shipped. */
function receivedPerLine(ctx: EffectContext, lines: ReadonlyArray<{ id: number; sku: string; shipped: number }>): Map<number, number> {
  const given = ctx.input.receivedLines;
  if (!given?.length) return new Map(lines.map((line) => [line.id, line.shipped]));
  const problems = new Problems();
  const byId = new Map(lines.map((line) => [line.id, line]));
  const received = new Map<number, number>();
  given.forEach((entry, index) => {
    const line = byId.get(entry.itemId);
    if (!line) problems.add(['lines', index, 'item'], 'is not a shipped own-stock line of this order');
    else if (received.has(line.id)) problems.add(['lines', index, 'item'], `line ${line.sku} is listed twice`);
    if (!Number.isInteger(entry.quantity) || entry.quantity < 0) problems.add(['lines', index, 'quantity'], 'must be a whole number of at least 0');
    else if (line && entry.quantity > line.shipped) problems.add(['lines', index, 'quantity'], `line ${line.sku} shipped ${line.shipped}; at most that can be received`);
    if (line && !received.has(line.id)) received.set(line.id, entry.quantity);
  });
  for (const line of lines) {
    if (!received.has(line.id)) problems.add(['lines'], `line ${line.sku} (${line.shipped} shipped) is missing; give 0 when nothing arrived`);
  }
  problems.throwIfAny();
  return received;
}
