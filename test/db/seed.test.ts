// The demo seed (src/demo/seed/): every status and kind, money and stock that add
// up, payment status and history that follow from the rows, and the same data for
// the same arguments. Two in-memory PGlite databases, opened side by side; foreign
// keys are enforced there, so they also check every reference the seed writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { SeedError } from '../../src/demo/seed/seed-error.js';
import { seedTenant, type SeedResult } from '../../src/demo/seed/seed-tenant.js';
import { SEED_BASE_TIME } from '../../src/demo/seed/seed-time.js';

const ORDERS = 120;
const OPTIONS = { tenant: 'seed-test', orders: ORDERS, seed: 7 };

let db: Database;
let twin: Database;
let seeded: SeedResult;
let twinSeeded: SeedResult;
const progress: [number, number][] = [];

beforeAll(async () => {
  [db, twin] = await Promise.all([openDatabase({ dataDir: 'memory://' }), openDatabase({ dataDir: 'memory://' })]);
  await Promise.all([migrate(db.sql), migrate(twin.sql)]);
  seeded = await seedTenant(db, { ...OPTIONS, onProgress: (done, total) => progress.push([done, total]) });
  twinSeeded = await seedTenant(twin, OPTIONS);
});

afterAll(async () => {
  await Promise.all([db?.close(), twin?.close()]);
});

/** Runs a query of the seeded tenant ($1 is its id) that returns one number `n`. */
async function count(sql: string, target: Database = db, tenantId = seeded.tenantId): Promise<number> {
  const [row] = await target.sql.query<{ n: number | string }>(sql, [tenantId]);
  return Number(row.n);
}

describe('seedTenant', () => {
  it('creates exactly the requested orders, numbered ORD-000001 upwards in order date', async () => {
    expect(seeded.counts.Order).toBe(ORDERS);
    expect(await count('SELECT count(*) AS n FROM "Order" WHERE "tenantId" = $1')).toBe(ORDERS);
    const codes = await db.sql.query<{ code: string }>('SELECT code FROM "Order" WHERE "tenantId" = $1 ORDER BY "orderedAt", id', [seeded.tenantId]);
    expect(codes.map((r) => r.code)).toEqual(Array.from({ length: ORDERS }, (_, i) => `ORD-${String(i + 1).padStart(6, '0')}`));
    const items = await count('SELECT count(*) AS n FROM "OrderItem" WHERE "tenantId" = $1');
    expect(items).toBeGreaterThan(2 * ORDERS);
    expect(items).toBeLessThan(4 * ORDERS);
  });

  it('covers every order status, order kind, channel and stock type', async () => {
    const values = async (sql: string) => (await db.sql.query<{ v: string }>(sql, [seeded.tenantId])).map((r) => r.v).sort();
    expect(await values('SELECT DISTINCT status::text AS v FROM "Order" WHERE "tenantId" = $1')).toEqual(
      ['CANCELLED', 'COMPLETED', 'CONFIRMED', 'PACKED', 'PENDING', 'PROCESSING', 'RETURNED', 'SHIPPED'],
    );
    expect(await values('SELECT DISTINCT kind::text AS v FROM "Order" WHERE "tenantId" = $1')).toEqual(
      ['CENTRAL_DISTRIBUTION', 'DISTRIBUTION', 'RELOCATION', 'REQUEST', 'RETURN', 'SALE'],
    );
    expect(await values('SELECT DISTINCT channel AS v FROM "Order" WHERE "tenantId" = $1')).toEqual(
      ['offline', 'shopee', 'storefront', 'tokopedia', 'whatsapp'],
    );
    expect(await values('SELECT DISTINCT "stockType"::text AS v FROM "Product" WHERE "tenantId" = $1')).toEqual(['OWN', 'PREORDER', 'SUPPLIER']);
    expect(await values('SELECT DISTINCT level::text AS v FROM "Region" WHERE "tenantId" = $1')).toEqual(['CITY', 'DISTRICT', 'PROVINCE', 'SUBDISTRICT']);
    expect(await values('SELECT DISTINCT code AS v FROM "CustomerCategory" WHERE "tenantId" = $1')).toEqual(expect.arrayContaining(['D', 'N', 'Y']));
  });

  it('keeps each line total, order subtotal and grand total equal to its parts', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "OrderItem" WHERE "tenantId" = $1
        AND ("lineTotal" <> "unitPrice" * quantity - "discountAmount" OR "lineTotal" < 0 OR "discountAmount" < 0)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o
        LEFT JOIN (SELECT "orderId", sum("lineTotal") AS lines, sum("discountAmount") AS discounts FROM "OrderItem" GROUP BY 1) i ON i."orderId" = o.id
        WHERE o."tenantId" = $1 AND (o.subtotal <> coalesce(i.lines, 0) OR o."itemDiscountTotal" <> coalesce(i.discounts, 0)
          OR o."grandTotal" <> o.subtotal + o."shippingTotal" + o."taxTotal" + o."codFee" + o."insuranceTotal" + o."otherCostTotal" - o."discountTotal"
          OR o."grandTotal" <= 0)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o
        LEFT JOIN (SELECT "orderId",
            coalesce(sum(amount) FILTER (WHERE category = 'SHIPPING'), 0) AS shipping,
            coalesce(sum(amount) FILTER (WHERE category = 'DISCOUNT'), 0) AS discount,
            coalesce(sum(amount) FILTER (WHERE category = 'TAX'), 0) AS tax,
            coalesce(sum(amount) FILTER (WHERE category = 'COD_FEE'), 0) AS cod,
            coalesce(sum(amount) FILTER (WHERE category = 'INSURANCE'), 0) AS insurance,
            coalesce(sum(amount) FILTER (WHERE category = 'OTHER_COST'), 0) AS other
          FROM "OrderAdjustment" GROUP BY 1) a ON a."orderId" = o.id
        WHERE o."tenantId" = $1 AND (o."shippingTotal" <> coalesce(a.shipping, 0) OR o."discountTotal" <> coalesce(a.discount, 0)
          OR o."taxTotal" <> coalesce(a.tax, 0) OR o."codFee" <> coalesce(a.cod, 0) OR o."insuranceTotal" <> coalesce(a.insurance, 0)
          OR o."otherCostTotal" <> coalesce(a.other, 0))`),
    ).toBe(0);
    // Cascaded discounts such as "10+5" are among the item discounts.
    expect(await count(`SELECT count(*) AS n FROM "OrderItem" WHERE "tenantId" = $1 AND "discountType" = 'CASCADED' AND "discountValue" LIKE '%+%'`)).toBeGreaterThan(0);
  });

  it('keeps every stock level equal to the sum of its ledger, with a consistent running balance', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "StockLevel" s
        LEFT JOIN (SELECT "variationId", "warehouseId", sum("quantityIn" - "quantityOut") AS on_hand, sum("reservedDelta") AS reserved
                   FROM "StockMovement" GROUP BY 1, 2) m USING ("variationId", "warehouseId")
        WHERE s."tenantId" = $1 AND (s."onHand" <> coalesce(m.on_hand, 0) OR s.reserved <> coalesce(m.reserved, 0))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM (
          SELECT balance, reserved_delta_free,
                 sum("quantityIn" - "quantityOut") OVER w AS running, sum("reservedDelta") OVER w AS reserved
          FROM (SELECT *, ("reservedDelta" = 0 OR ("quantityIn" = 0 AND kind IN ('RESERVATION', 'RELEASE', 'SHIPMENT', 'TRANSFER_OUT'))) AS reserved_delta_free
                FROM "StockMovement" WHERE "tenantId" = $1) t
          WINDOW w AS (PARTITION BY "variationId", "warehouseId" ORDER BY id)) x
        WHERE balance <> running OR balance < 0 OR reserved < 0 OR reserved > balance OR NOT reserved_delta_free`),
    ).toBe(0);
    // Reservations and releases move reserved units only.
    expect(
      await count(`SELECT count(*) AS n FROM "StockMovement" WHERE "tenantId" = $1 AND kind IN ('RESERVATION', 'RELEASE')
        AND ("quantityIn" <> 0 OR "quantityOut" <> 0 OR "reservedDelta" = 0)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "StockLevel" WHERE "tenantId" = $1 AND (reserved > "onHand" OR reserved < 0)`)).toBe(0);
  });

  it('keeps units of shipped, unreceived transfers in transit at their destination, equal to the ledger', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "StockLevel" s
        LEFT JOIN (SELECT "variationId", "warehouseId", sum("inTransitDelta") AS transit FROM "StockMovement" GROUP BY 1, 2) m USING ("variationId", "warehouseId")
        LEFT JOIN (SELECT i."variationId", o."destinationWarehouseId" AS "warehouseId", sum(a."shippedQuantity") AS shipped
                   FROM "OrderItemAllocation" a JOIN "OrderItem" i ON i.id = a."orderItemId" JOIN "Order" o ON o.id = i."orderId"
                   WHERE o.status = 'SHIPPED' AND o.kind IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION') GROUP BY 1, 2) t USING ("variationId", "warehouseId")
        WHERE s."tenantId" = $1 AND (s."inTransit" <> coalesce(m.transit, 0) OR s."inTransit" <> coalesce(t.shipped, 0))`),
    ).toBe(0);
    // Received transfers: every line has its received quantity, and ended with validate.
    expect(
      await count(`SELECT count(*) AS n FROM "OrderItem" i JOIN "Order" o ON o.id = i."orderId"
        WHERE o."tenantId" = $1 AND o.kind IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION') AND o.status = 'COMPLETED' AND i."receivedQuantity" IS DISTINCT FROM i.quantity`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "OrderEvent" e JOIN "Order" o ON o.id = e."orderId"
        WHERE o."tenantId" = $1 AND o.kind IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION') AND e.type = 'complete'`),
    ).toBe(0);
  });

  it('reserves exactly the units allocated to orders that are processing or packed', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "StockLevel" s
        LEFT JOIN (SELECT i."variationId", a."warehouseId", sum(a.quantity - a."shippedQuantity") AS held
                   FROM "OrderItemAllocation" a JOIN "OrderItem" i ON i.id = a."orderItemId" JOIN "Order" o ON o.id = i."orderId"
                   WHERE o.status IN ('PROCESSING', 'PACKED') GROUP BY 1, 2) a USING ("variationId", "warehouseId")
        WHERE s."tenantId" = $1 AND s.reserved <> coalesce(a.held, 0)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "StockLevel" WHERE "tenantId" = $1 AND reserved > 0`)).toBeGreaterThan(0);
  });

  it('derives each payment status and paid-at time from the order payments', async () => {
    expect(
      await count(`WITH p AS (
          SELECT "orderId", coalesce(sum(amount) FILTER (WHERE kind = 'PAYMENT'), 0) AS paid,
                 coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded,
                 max("paidAt") FILTER (WHERE kind = 'PAYMENT') AS last_paid
          FROM "Payment" GROUP BY 1)
        SELECT count(*) AS n FROM "Order" o LEFT JOIN p ON p."orderId" = o.id
        WHERE o."tenantId" = $1 AND (
          o."paymentStatus"::text <> CASE
            WHEN o.kind IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION', 'RETURN') THEN 'NOT_APPLICABLE'
            WHEN coalesce(p.refunded, 0) > 0 AND coalesce(p.paid, 0) - p.refunded <= 0 THEN 'REFUNDED'
            WHEN coalesce(p.paid, 0) - coalesce(p.refunded, 0) >= o."grandTotal" THEN 'PAID'
            WHEN coalesce(p.paid, 0) - coalesce(p.refunded, 0) > 0 THEN 'PARTIALLY_PAID'
            ELSE 'UNPAID' END
          OR (o."paymentStatus" = 'PAID' AND o."paidAt" IS DISTINCT FROM p.last_paid)
          OR (o."paymentStatus" IN ('UNPAID', 'PARTIALLY_PAID') AND o."paidAt" IS NOT NULL))`),
    ).toBe(0);
    const statuses = await db.sql.query<{ s: string }>('SELECT DISTINCT "paymentStatus"::text AS s FROM "Order" WHERE "tenantId" = $1', [seeded.tenantId]);
    expect(statuses.map((r) => r.s).sort()).toEqual(['NOT_APPLICABLE', 'PAID', 'PARTIALLY_PAID', 'REFUNDED', 'UNPAID']);
    // Transfers and returns to a supplier are never counted as unpaid.
    expect(await count(`SELECT count(*) AS n FROM "Order" WHERE "tenantId" = $1 AND kind <> 'SALE' AND kind <> 'REQUEST' AND "paymentStatus" <> 'NOT_APPLICABLE'`)).toBe(0);
    // Installments are numbered 1..n per order; refunds only follow cancellations and returns.
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT "orderId", count(*) AS c, min("installmentNumber") AS lo, max("installmentNumber") AS hi
        FROM "Payment" WHERE "tenantId" = $1 AND "installmentNumber" IS NOT NULL GROUP BY 1) x WHERE lo <> 1 OR hi <> c`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "Payment" WHERE "tenantId" = $1 AND "installmentNumber" = 2`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Payment" p JOIN "Order" o ON o.id = p."orderId"
        WHERE p."tenantId" = $1 AND p.kind = 'REFUND' AND o.status NOT IN ('CANCELLED', 'RETURNED')`),
    ).toBe(0);
    // The refund of a cancelled order settles the cancellation.
    expect(
      await count(`SELECT count(*) AS n FROM "Payment" p JOIN "Order" o ON o.id = p."orderId"
        WHERE p."tenantId" = $1 AND p.kind = 'REFUND' AND o.status = 'CANCELLED' AND p."refundFor" IS DISTINCT FROM 'CANCELLATION'`),
    ).toBe(0);
  });

  it('keeps the returns of RETURNED orders whole: every unit back, values that add up, the return status FULL', async () => {
    expect(await count(`SELECT count(*) AS n FROM "Order" WHERE "tenantId" = $1 AND status = 'RETURNED'`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o
        LEFT JOIN (SELECT "orderId", sum(value) AS v FROM "OrderReturn" GROUP BY 1) r ON r."orderId" = o.id
        WHERE o."tenantId" = $1 AND ((o.status = 'RETURNED') <> (o."returnStatus" = 'FULL') OR o."returnedTotal" <> coalesce(r.v, 0)
          OR (o.status <> 'RETURNED' AND o."returnStatus" <> 'NONE'))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "OrderItem" i
        LEFT JOIN (SELECT "orderItemId", sum(quantity) AS q, sum(value) AS v FROM "OrderReturnLine" GROUP BY 1) l ON l."orderItemId" = i.id
        WHERE i."tenantId" = $1 AND (i."returnedQuantity" <> coalesce(l.q, 0) OR (l.q IS NOT NULL AND (l.q <> i.quantity OR l.v <> i."lineTotal")))`),
    ).toBe(0);
  });

  it('numbers each order history 1..n without gaps, chained from status to status up to the order status', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o
        LEFT JOIN (SELECT "orderId", count(*) AS c, min(sequence) AS lo, max(sequence) AS hi FROM "OrderEvent" GROUP BY 1) e ON e."orderId" = o.id
        WHERE o."tenantId" = $1 AND (e.c IS NULL OR e.lo <> 1 OR e.hi <> e.c OR o.version <> e.c)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "OrderEvent" a JOIN "OrderEvent" b ON b."orderId" = a."orderId" AND b.sequence = a.sequence + 1
        WHERE a."tenantId" = $1 AND (b."fromStatus" IS DISTINCT FROM a."toStatus" OR b."createdAt" < a."createdAt")`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o
        JOIN "OrderEvent" first ON first."orderId" = o.id AND first.sequence = 1
        JOIN "OrderEvent" last ON last."orderId" = o.id AND last.sequence = o.version
        WHERE o."tenantId" = $1 AND (first.type <> 'create' OR first."fromStatus" IS NOT NULL OR first."toStatus" <> 'PENDING'
          OR first."createdAt" <> o."orderedAt" OR last."toStatus" <> o.status)`),
    ).toBe(0);
    const types = await db.sql.query<{ t: string }>('SELECT DISTINCT type AS t FROM "OrderEvent" WHERE "tenantId" = $1', [seeded.tenantId]);
    // Transfers end with validate (received at the destination), the others with complete.
    expect(types.map((r) => r.t).sort()).toEqual(['cancel', 'complete', 'confirm', 'create', 'pack', 'process', 'return', 'ship', 'validate']);
  });

  it('stamps each step time from its event, and cancel and return details only where they happened', async () => {
    const stamped = (column: string, type: string) =>
      `(o."${column}" IS NOT NULL) <> EXISTS (SELECT 1 FROM "OrderEvent" e WHERE e."orderId" = o.id AND e.type IN (${type}) AND e."createdAt" = o."${column}")`;
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o WHERE o."tenantId" = $1 AND (
        ${stamped('confirmedAt', "'confirm'")} OR ${stamped('processedAt', "'process'")} OR ${stamped('packedAt', "'pack'")}
        OR ${stamped('shippedAt', "'ship'")} OR ${stamped('completedAt', "'complete', 'validate'")} OR ${stamped('cancelledAt', "'cancel'")}
        OR ${stamped('returnedAt', "'return'")}
        OR (o."cancelReason" IS NOT NULL) <> (o.status = 'CANCELLED') OR (o."returnedAt" IS NOT NULL) <> (o.status = 'RETURNED'))`),
    ).toBe(0);
  });

  it('gives every shipped order a tracked shipment with courier history, and every returned order a return', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o WHERE o."tenantId" = $1 AND o.status IN ('SHIPPED', 'COMPLETED', 'RETURNED')
        AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."orderId" = o.id AND s."trackingNumber" IS NOT NULL AND s."courierId" IS NOT NULL
          AND EXISTS (SELECT 1 FROM "ShipmentEvent" e WHERE e."shipmentId" = s.id AND e.status = 'picked_up'))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o WHERE o."tenantId" = $1 AND o.status = 'RETURNED'
        AND NOT EXISTS (SELECT 1 FROM "OrderReturn" r JOIN "OrderReturnLine" l ON l."returnId" = r.id WHERE r."orderId" = o.id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o WHERE o."tenantId" = $1 AND o.status = 'COMPLETED'
        AND NOT EXISTS (SELECT 1 FROM "Shipment" s JOIN "ShipmentEvent" e ON e."shipmentId" = s.id
                        WHERE s."orderId" = o.id AND s.status = 'DELIVERED' AND e.status = 'delivered')`),
    ).toBe(0);
    // Buyer and recipient on every order.
    expect(
      await count(`SELECT count(*) AS n FROM "Order" o WHERE o."tenantId" = $1
        AND (SELECT count(*) FROM "OrderParty" p WHERE p."orderId" = o.id AND p.role IN ('BUYER', 'RECIPIENT')) <> 2`),
    ).toBe(0);
  });

  it('dates every order within 180 days before the fixed base date', async () => {
    const [range] = await db.sql.query<{ first: Date; last: Date; latest: Date }>(
      `SELECT min("orderedAt") AS first, max("orderedAt") AS last,
              greatest(max("updatedAt"), (SELECT max("paidAt") FROM "Payment" WHERE "tenantId" = $1),
                       (SELECT max("occurredAt") FROM "ShipmentEvent" WHERE "tenantId" = $1),
                       (SELECT max("createdAt") FROM "StockMovement" WHERE "tenantId" = $1)) AS latest
       FROM "Order" WHERE "tenantId" = $1`,
      [seeded.tenantId],
    );
    expect(new Date(range.first).getTime()).toBeGreaterThanOrEqual(SEED_BASE_TIME - 180 * 86_400_000);
    expect(new Date(range.latest).getTime()).toBeLessThanOrEqual(SEED_BASE_TIME);
  });

  it('reports progress in orders, from 0 up to the total', () => {
    expect(progress[0]).toEqual([0, ORDERS]);
    expect(progress[progress.length - 1]).toEqual([ORDERS, ORDERS]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('writes the same data for the same arguments into another database', async () => {
    expect(twinSeeded.counts).toEqual(seeded.counts);
    const fingerprint = async (target: Database, tenantId: number) => {
      const [row] = await target.sql.query(
        `SELECT (SELECT sum("grandTotal")::text FROM "Order" WHERE "tenantId" = $1) AS grand,
                (SELECT code || ' ' || "grandTotal"::text || ' ' || status FROM "Order" WHERE "tenantId" = $1 ORDER BY "orderedAt", id LIMIT 1) AS first,
                (SELECT string_agg(sku || ':' || quantity, ',' ORDER BY sku, quantity) FROM "OrderItem" WHERE "tenantId" = $1) AS items,
                (SELECT sum("onHand")::text || '/' || sum(reserved)::text FROM "StockLevel" WHERE "tenantId" = $1) AS stock,
                (SELECT string_agg(name, ',' ORDER BY name, id) FROM "Customer" WHERE "tenantId" = $1) AS customers`,
        [tenantId],
      );
      return row;
    };
    const mine = await fingerprint(db, seeded.tenantId);
    expect(mine.first).toMatch(/^ORD-000001 /);
    expect(await fingerprint(twin, twinSeeded.tenantId)).toEqual(mine);
  });

  it('writes different data for another PRNG seed', async () => {
    const other = await seedTenant(twin, { ...OPTIONS, tenant: 'seed-test-other', seed: 8 });
    const grand = (target: Database, tenantId: number) => count('SELECT sum("grandTotal") AS n FROM "Order" WHERE "tenantId" = $1', target, tenantId);
    expect(await grand(twin, other.tenantId)).not.toBe(await grand(db, seeded.tenantId));
  });

  it('refuses a tenant slug that already exists, and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM "Order" WHERE "tenantId" = $1');
    await expect(seedTenant(db, { tenant: OPTIONS.tenant, orders: 5 })).rejects.toThrow(SeedError);
    await expect(seedTenant(db, { tenant: OPTIONS.tenant, orders: 5 })).rejects.toThrow(/already exists/);
    expect(await count('SELECT count(*) AS n FROM "Order" WHERE "tenantId" = $1')).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM "Tenant" WHERE slug = 'seed-test' AND id = $1`)).toBe(1);
  });

  it('leaves every id sequence past the seeded ids, so later inserts do not collide', async () => {
    for (const table of Object.keys(seeded.counts)) {
      const [{ seq }] = await db.sql.query<{ seq: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [`"${table}"`]);
      const [row] = await db.sql.query<{ last: number; max: number }>(
        `SELECT (SELECT last_value FROM ${seq})::int AS last, (SELECT max(id) FROM "${table}")::int AS max`,
      );
      expect(row.last, table).toBeGreaterThanOrEqual(row.max);
    }
    const courier = await db.prisma.courier.create({ data: { tenantId: seeded.tenantId, code: 'gosend', name: 'GoSend' } });
    expect(courier.id).toBeGreaterThan(0);
  });
});
