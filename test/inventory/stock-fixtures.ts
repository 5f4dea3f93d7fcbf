// Shared by the inventory write tests: global ids, the ledger invariant, row counts.
import type { TestTenant } from '../support/tenant.js';

export const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** On hand per "variationId/warehouseId" and what the ledger sums to, for every stock row of the tenant. */
export async function ledgerVsStock(t: TestTenant) {
  const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } });
  const sums = await t.prisma.stockMovement.groupBy({
    by: ['variationId', 'warehouseId'],
    where: { tenantId: t.id },
    _sum: { quantityIn: true, quantityOut: true, reservedDelta: true },
  });
  const ledger = new Map(sums.map((s) => [`${s.variationId}/${s.warehouseId}`, s]));
  return levels.map((level) => {
    const s = ledger.get(`${level.variationId}/${level.warehouseId}`);
    return {
      key: `${level.variationId}/${level.warehouseId}`,
      onHand: level.onHand,
      ledgerOnHand: (s?._sum.quantityIn ?? 0) - (s?._sum.quantityOut ?? 0),
      reserved: level.reserved,
      ledgerReserved: s?._sum.reservedDelta ?? 0,
    };
  });
}

/**
 * Asserts sum(in - out) == onHand for every stock row of the tenant, and with
 * `reserved` also sum(reservedDelta) == reserved (the t.product builder seeds
 * reserved units without a ledger row); returns the rows.
 */
export async function expectLedgerConsistent(t: TestTenant, options: { reserved?: boolean } = {}) {
  const rows = await ledgerVsStock(t);
  const broken = rows.filter((r) => r.onHand !== r.ledgerOnHand || (options.reserved && r.reserved !== r.ledgerReserved));
  if (broken.length) throw new Error(`ledger does not sum to stock: ${JSON.stringify(broken)}`);
  return rows;
}

/** Rows of the tables the inventory writes touch, to prove that a refused write wrote nothing. */
export async function inventoryRowCounts(t: TestTenant) {
  const where = { tenantId: t.id };
  const [warehouses, stockLevels, movements, onHand] = await Promise.all([
    t.prisma.warehouse.count({ where }),
    t.prisma.stockLevel.count({ where }),
    t.prisma.stockMovement.count({ where }),
    t.prisma.stockLevel.aggregate({ where, _sum: { onHand: true } }),
  ]);
  return { warehouses, stockLevels, movements, onHand: onHand._sum.onHand ?? 0 };
}

export async function onHandOf(t: TestTenant, variationId: number, warehouseId: number) {
  const level = await t.prisma.stockLevel.findUnique({ where: { variationId_warehouseId: { variationId, warehouseId } } });
  return level?.onHand ?? null;
}
