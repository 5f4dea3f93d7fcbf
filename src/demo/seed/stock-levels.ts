// Closes the stock ledger: adds the warehouses' own receipts, adjustments and
// counts, sizes each level's opening receipt from its history, and writes the
// movements with running balances and the levels they add up to.
import type { Catalog } from './catalog.js';
import type { Rng } from './random.js';
import { HOUR, ORDER_WINDOW, SEED_BASE_TIME } from './seed-time.js';
import type { Movement, StockLedger } from './stock-ledger.js';
import type { TenantRows } from './tenant-rows.js';
import { pad } from './zero-pad.js';

/** A zero per stock level. */
const perLevel = (ledger: StockLedger) => new Array<number>(ledger.levelCount).fill(0);

/** Receipts, adjustments and stock counts beside the order movements. */
function addWarehouseWork(rng: Rng, ledger: StockLedger) {
  const anyTime = () => rng.between(SEED_BASE_TIME - ORDER_WINDOW, SEED_BASE_TIME - HOUR);
  for (let level = 0; level < ledger.levelCount; level++) {
    const { actor } = ledger.warehouseOf(level);
    for (let n = rng.weighted([[0, 30], [1, 45], [2, 25]]); n > 0; n--) {
      const at = anyTime();
      const month = new Date(at).toISOString().slice(0, 7).replace('-', '');
      ledger.move(level, 'RECEIPT', rng.int(2, 20) * 10, 0, 0, at, null, `Penerimaan barang PO-${month}-${pad(rng.int(1, 999), 3)}`, actor);
    }
    if (rng.chance(0.15)) {
      const at = anyTime();
      if (rng.chance(0.6)) ledger.move(level, 'ADJUSTMENT', 0, rng.int(1, 3), 0, at, null, 'Barang rusak', actor);
      else ledger.move(level, 'ADJUSTMENT', rng.int(1, 2), 0, 0, at, null, 'Koreksi stok', actor);
    }
    if (rng.chance(0.1)) {
      const delta = rng.pick([-2, -1, 1, 2]);
      ledger.move(level, 'COUNT', Math.max(delta, 0), Math.max(-delta, 0), 0, anyTime(), null, 'Stock opname', actor);
    }
  }
}

/**
 * One opening receipt per level, sized from the level's own history so on hand
 * never goes negative and never drops below reserved. Sorted by time.
 */
function openingReceipts(rng: Rng, ledger: StockLedger, catalog: Catalog): Movement[] {
  const net = perLevel(ledger);
  const reserved = perLevel(ledger);
  const need = perLevel(ledger);
  for (const m of ledger.movements) {
    net[m.level] += m.qin - m.qout;
    reserved[m.level] += m.reserved;
    need[m.level] = Math.max(need[m.level], reserved[m.level] - net[m.level]);
  }
  const opening: Movement[] = [];
  for (let level = 0; level < ledger.levelCount; level++) {
    const leftover = rng.chance(0.08) ? 0 : rng.int(5, 300);
    opening.push({
      level, kind: 'RECEIPT', qin: Math.max(1, need[level] + leftover), qout: 0, reserved: 0, transit: 0,
      at: catalog.variations[ledger.variationOf(level)].createdAt + HOUR, order: null, description: 'Stok awal',
      actor: ledger.warehouseOf(level).actor, seq: -1,
    });
  }
  return opening.sort((a, b) => a.at - b.at || a.level - b.level);
}

export function addStock(rng: Rng, rows: TenantRows, ledger: StockLedger, catalog: Catalog): void {
  addWarehouseWork(rng, ledger);
  ledger.movements.sort((a, b) => a.at - b.at || a.seq - b.seq);
  // Opening receipts predate every order; merge them in front.
  const all = [...openingReceipts(rng, ledger, catalog), ...ledger.movements];
  const balance = perLevel(ledger);
  const reserved = perLevel(ledger);
  const transit = perLevel(ledger);
  const updatedAt = perLevel(ledger);
  for (const m of all) {
    balance[m.level] += m.qin - m.qout;
    reserved[m.level] += m.reserved;
    transit[m.level] += m.transit;
    updatedAt[m.level] = m.at;
    rows.add('StockMovement', {
      variationId: ledger.variationOf(m.level), warehouseId: ledger.warehouseOf(m.level).idx, kind: m.kind, quantityIn: m.qin,
      quantityOut: m.qout, reservedDelta: m.reserved, inTransitDelta: m.transit, balance: balance[m.level], description: m.description, actor: m.actor,
      orderId: m.order, createdAt: m.at,
    });
  }
  for (let level = 0; level < ledger.levelCount; level++) {
    rows.add('StockLevel', {
      variationId: ledger.variationOf(level), warehouseId: ledger.warehouseOf(level).idx,
      onHand: balance[level], reserved: reserved[level], inTransit: transit[level], updatedAt: updatedAt[level],
    });
  }
}
