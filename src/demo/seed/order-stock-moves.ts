// What an order does to own stock: reserved when processed, released when
// cancelled, shipped or transferred out, received at a transfer's destination,
// restocked on return. Allocation rows record what is reserved per line.
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { OrderLine } from './order-items.js';
import type { OrderReturnInfo } from './order-return.js';

export function addOrderStockMoves({ rows, ledger }: OrderWorld, draft: OrderDraft, items: readonly OrderLine[], returned: OrderReturnInfo): void {
  const { plan, origin, destination, transfer, code, index } = draft;
  const { status, times } = plan;
  if (!times.process) return;
  const shipped = times.ship !== undefined;
  for (const item of items) {
    if (!item.v.own) continue;
    const level = ledger.levelOf(item.v.idx, origin.idx);
    // Cancelled after allocation: the allocation row is gone, the ledger keeps reserve + release.
    if (status !== 'CANCELLED') {
      rows.add('OrderItemAllocation', { orderItemId: item.row, warehouseId: origin.idx, quantity: item.qty, shippedQuantity: shipped ? item.qty : 0 });
    }
    ledger.move(level, 'RESERVATION', 0, 0, item.qty, times.process, index, `Alokasi pesanan ${code}`, origin.actor);
    if (status === 'CANCELLED') ledger.move(level, 'RELEASE', 0, 0, -item.qty, times.cancel!, index, `Pembatalan pesanan ${code}`, origin.actor);
    if (shipped) {
      ledger.move(level, transfer ? 'TRANSFER_OUT' : 'SHIPMENT', 0, item.qty, -item.qty, times.ship!, index,
        transfer ? `Transfer ke ${destination!.code} (${code})` : `Pengiriman pesanan ${code}`, origin.actor);
    }
    // A shipped transfer is in transit at its destination until received there (or, after a failed delivery, returned).
    if (transfer && shipped) {
      const target = ledger.levelOf(item.v.idx, destination!.idx);
      ledger.move(target, 'IN_TRANSIT', 0, 0, 0, times.ship!, index, `Dalam perjalanan dari ${origin.code} (${code})`, origin.actor, item.qty);
      if (times.complete) {
        ledger.move(target, 'TRANSFER_IN', item.qty, 0, 0, times.complete, index, `Transfer dari ${origin.code} (${code})`, destination!.actor, -item.qty);
      } else if (status === 'RETURNED') {
        ledger.move(target, 'IN_TRANSIT', 0, 0, 0, times.return!, index, `Batal diterima, kembali ke ${origin.code} (${code})`, origin.actor, -item.qty);
      }
    }
    if (status === 'RETURNED' && returned.restock) ledger.move(level, 'RETURN', item.qty, 0, 0, times.return!, index, `Retur pesanan ${code}`, origin.actor);
  }
}
