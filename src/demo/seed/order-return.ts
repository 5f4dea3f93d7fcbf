// The return of a RETURNED order: a failed delivery the courier brings back, or
// goods the customer sends back; restocked at the origin warehouse, or written off.
// Every unit comes back, so the return is worth the line totals (the order's
// returnedTotal) and each line its own.
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { OrderLine } from './order-items.js';

export interface OrderReturnInfo {
  /** The parcel never arrived: the courier brought it back. */
  deliveryFailed: boolean;
  /** The goods went back on the shelf. */
  restock: boolean;
}

export function addOrderReturn({ rng, rows }: OrderWorld, draft: OrderDraft, items: readonly OrderLine[]): OrderReturnInfo {
  const { status, times } = draft.plan;
  if (status !== 'RETURNED') return { deliveryFailed: false, restock: true };
  const deliveryFailed = !times.complete;
  const restock = deliveryFailed || rng.chance(0.8);
  const ret = rows.add('OrderReturn', {
    orderId: draft.index,
    returnBy: deliveryFailed ? 'courier' : draft.internal ? 'seller' : 'customer_request',
    reason: deliveryFailed
      ? rng.pick(['Alamat tidak ditemukan', 'Penerima menolak paket', 'Penerima tidak di tempat 3x'])
      : rng.pick(['Ukuran tidak sesuai', 'Barang cacat produksi', 'Warna berbeda dengan foto', 'Barang yang dikirim salah']),
    restock, value: items.reduce((total, item) => total + item.lineTotal, 0), actor: draft.origin.actor, createdAt: times.return!,
  });
  for (const item of items) {
    rows.add('OrderReturnLine', {
      returnId: ret, orderItemId: item.row, warehouseId: restock ? draft.origin.idx : null, quantity: item.qty, restock, value: item.lineTotal,
    });
  }
  return { deliveryFailed, restock };
}
