// Staff comments on some orders: internal notes, or messages the buyer sees.
import type { OrderDraft, OrderWorld } from './order-draft.js';
import { HOUR, SEED_BASE_TIME } from './seed-time.js';
import { STAFF } from './shop-reference.js';

const PUBLIC_COMMENTS = ['Terima kasih sudah berbelanja, pesanan sedang kami siapkan', 'Mohon ditunggu, paket segera dikirim', 'Resi sudah diupdate ya kak'];
const INTERNAL_COMMENTS = ['Pelanggan minta dikirim sore', 'Sudah konfirmasi via WA', 'Mohon packing rapi, barang pecah belah', 'Cek ulang warna sebelum kirim', 'Pelanggan langganan, kasih bonus'];

export function addOrderComments({ rng, rows }: OrderWorld, draft: OrderDraft): void {
  if (!rng.chance(0.12)) return;
  const { orderedAt, last } = draft.plan;
  for (let n = rng.int(1, 2); n > 0; n--) {
    const pub = rng.chance(0.3);
    rows.add('Comment', {
      orderId: draft.index, author: rng.pick(STAFF),
      body: pub ? rng.pick(PUBLIC_COMMENTS) : rng.pick(INTERNAL_COMMENTS),
      visibility: pub ? 'PUBLIC' : 'INTERNAL', createdAt: rng.between(orderedAt, last.at + HOUR > SEED_BASE_TIME ? SEED_BASE_TIME : last.at + HOUR),
    });
  }
}
