// Why and by whom a cancelled order was cancelled, and the cancellation requests
// orders collect: approved for some cancelled orders, still open on some open
// ones, rejected on a few that shipped anyway.
import type { CancelReason } from '../../db/generated/prisma/enums.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import { isMarketplace } from './sales-channels.js';
import { DAY, HOUR, MIN, SEED_BASE_TIME } from './seed-time.js';
import { STAFF } from './shop-reference.js';

export interface Cancellation {
  reason: CancelReason | null;
  /** "buyer", "channel", "seller" or "system". */
  by: string | null;
  note: string | null;
}

const CANCEL_NOTES: Record<CancelReason, string> = {
  CUSTOMER_REQUEST: 'Pembeli salah pilih ukuran, minta dibatalkan',
  OUT_OF_STOCK: 'Stok kosong di gudang',
  PAYMENT_FAILED: 'Batas waktu pembayaran habis',
  FRAUD_DETECTED: 'Alamat dan nomor tidak valid',
  DUPLICATE_ORDER: 'Pesanan dobel, dibatalkan salah satu',
  OTHER: 'Dibatalkan atas kesepakatan',
};

const OPEN_STATUSES = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED'];

/** Open requests of the demo wait until then (two years after the seed's clock). */
const DEMO_OPEN_DEADLINE = SEED_BASE_TIME + 730 * DAY;

/** A request's time and its deadline under the default setting (48 hours). */
const requestedAt = (at: number) => ({ createdAt: at, deadlineAt: at + 48 * HOUR });

/** `received` is what the buyer had paid: an unpaid pending order may have run out of time. */
export function addCancellation({ rng, rows }: OrderWorld, draft: OrderDraft, received: number): Cancellation {
  const { plan, internal, channel, index } = draft;
  const { status, times, transitions, last } = plan;
  if (status === 'CANCELLED') {
    const reason: CancelReason = last.from === 'PENDING' && received === 0 && rng.chance(0.5)
      ? 'PAYMENT_FAILED'
      : rng.weighted([['CUSTOMER_REQUEST', 50], ['OUT_OF_STOCK', 20], ['FRAUD_DETECTED', 4], ['DUPLICATE_ORDER', 10], ['OTHER', 16]] as const);
    const by = reason === 'CUSTOMER_REQUEST' ? (isMarketplace(channel) ? 'channel' : 'buyer') : reason === 'PAYMENT_FAILED' ? 'system' : 'seller';
    const note = CANCEL_NOTES[reason];
    if (rng.chance(0.35)) {
      rows.add('CancellationRequest', {
        orderId: index, requestedBy: isMarketplace(channel) ? 'CHANNEL' : by === 'seller' ? 'SELLER' : 'BUYER',
        reason, note, status: 'APPROVED', decidedAt: last.at, decidedBy: rng.pick(STAFF),
        ...requestedAt(rng.between(transitions[transitions.length - 2].at, last.at)),
      });
    }
    return { reason, by, note };
  }
  if (OPEN_STATUSES.includes(status) && !internal && rng.chance(0.06)) {
    rows.add('CancellationRequest', {
      orderId: index, requestedBy: rng.pick(['BUYER', 'CHANNEL']), reason: 'CUSTOMER_REQUEST', note: 'Pembeli ingin mengganti alamat pengiriman',
      status: 'REQUESTED', decidedAt: null, decidedBy: null, ...requestedAt(rng.between(last.at, SEED_BASE_TIME)),
      // The seed's clock is fixed in the past: with the real 48 hours, the expiry sweep would cancel
      // these orders at the demo's first start and the queue would show nothing open.
      deadlineAt: DEMO_OPEN_DEADLINE,
    });
  } else if ((status === 'SHIPPED' || status === 'COMPLETED') && !internal && rng.chance(0.02)) {
    const decidedAt = times.ship! - rng.between(MIN, Math.min(HOUR, times.ship! - times.process!));
    rows.add('CancellationRequest', {
      orderId: index, requestedBy: 'BUYER', reason: 'CUSTOMER_REQUEST', note: 'Berubah pikiran', status: 'REJECTED',
      decidedAt, decidedBy: rng.pick(STAFF), ...requestedAt(rng.between(times.confirm!, decidedAt)),
    });
  }
  return { reason: null, by: null, note: null };
}
