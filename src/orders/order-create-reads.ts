// What orderCreate reads before its transaction, in one statement: the referenced rows
// (customers with their categories, warehouses, source, regions), the lines' variations
// with their products and prices for the order customer's category, their stock levels,
// and whether any promotion could apply. Read one by one through Prisma these were four
// to seven statements, and each costs this process more CPU than the database
// (bench/README.md "Writes"). The rows come back in the shapes the one-by-one reads
// give (order-create-lines.ts), and the same functions judge them, so the checks, their
// order and their messages do not depend on which way the rows were read.
//
// Raw SQL passes by the API key's read scope (key-scope.ts), so a bound key's create
// reads one by one; row-level security applies either way (the tenant's connection).
import { referenceIds, type CustomerRow, type ReadDb, type ReferenceIds, type ReferenceRows, type VariationRow } from './order-create-lines.js';
import { sendStatement } from '../db/tenant-client.js';
import type { PriceRow } from '../catalog/pricing/price-lines.js';

export interface CreateReadRequest extends ReferenceIds {
  variationIds: number[];
  /** Variations whose stock levels the availability check needs (none: no stock read). */
  stockVariationIds: number[];
  originWarehouseId: number | null;
}

export interface CreateReads {
  references: ReferenceRows;
  /** The variations found, with priceSelect's fields for the pricing customer's category. */
  variations: Array<VariationRow & PriceRow>;
  /** Stock rows of stockVariationIds: at the origin warehouse, else at the active warehouses. */
  stock: Array<{ variationId: number; onHand: number; reserved: number }>;
  /** False when no active automatic promotion exists in the tenant (so none can apply without a coupon). */
  promotionsMayApply: boolean;
}

// Money as text (numeric in JSON would pass through a float); the tiers in minQty order, as priceSelect reads them.
const CREATE_READS = `
SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'id', c."id", 'name', c."name", 'phone', c."phone", 'email', c."email", 'address', c."address",
      'regionId', c."regionId", 'postalCode', c."postalCode", 'status', c."status",
      'category', CASE WHEN k."id" IS NULL THEN NULL ELSE json_build_object(
        'id', k."id", 'code', k."code", 'name', k."name", 'wholesaleAccess', k."wholesaleAccess", 'discountAccess', k."discountAccess") END)), '[]')
     FROM "Customer" c LEFT JOIN "CustomerCategory" k ON k."id" = c."categoryId"
    WHERE c."tenantId" = $1 AND c."id" = ANY($2::int[]) AND c."deletedAt" IS NULL) AS "customers",
  ARRAY(SELECT "id" FROM "Warehouse" WHERE "tenantId" = $1 AND "id" = ANY($4::int[])) AS "warehouses",
  (SELECT json_build_object('id', "id", 'isActive', "isActive") FROM "OrderSource" WHERE "tenantId" = $1 AND "id" = $5::int) AS "source",
  ARRAY(SELECT "id" FROM "Region" WHERE "tenantId" = $1 AND "id" = ANY($6::int[])) AS "regions",
  (SELECT coalesce(json_agg(json_build_object(
      'id', v."id", 'sku', v."sku", 'name', v."name", 'weightGrams', v."weightGrams", 'currency', v."currency",
      'available', v."available", 'archivedAt', v."archivedAt", 'costPrice', v."costPrice"::text, 'price', v."price"::text,
      'product', json_build_object('name', p."name", 'weightGrams', p."weightGrams", 'isActive', p."isActive",
                                   'archivedAt', p."archivedAt", 'stockType', p."stockType"),
      'categoryPrices', ARRAY(SELECT json_build_object('price', vp."price"::text) FROM "VariationPrice" vp
                               WHERE vp."variationId" = v."id" AND vp."customerCategoryId" = pricing."categoryId"),
      'wholesalePrices', ARRAY(SELECT json_build_object('id', w."id", 'minQty', w."minQty", 'maxQty', w."maxQty", 'price', w."price"::text)
                                FROM "WholesalePrice" w WHERE w."variationId" = v."id" ORDER BY w."minQty"))), '[]')
     FROM "Variation" v JOIN "Product" p ON p."id" = v."productId"
     LEFT JOIN (SELECT "categoryId" FROM "Customer" WHERE "tenantId" = $1 AND "id" = $3::int AND "deletedAt" IS NULL) pricing ON true
    WHERE v."tenantId" = $1 AND v."id" = ANY($7::int[])) AS "variations",
  (SELECT coalesce(json_agg(json_build_object('variationId', s."variationId", 'onHand', s."onHand", 'reserved', s."reserved")), '[]')
     FROM "StockLevel" s JOIN "Warehouse" w ON w."id" = s."warehouseId"
    WHERE s."tenantId" = $1 AND s."variationId" = ANY($8::int[])
      AND CASE WHEN $9::int IS NULL THEN w."isActive" ELSE s."warehouseId" = $9::int END) AS "stock",
  EXISTS (SELECT 1 FROM "Promotion" WHERE "tenantId" = $1 AND "group" = 'PROMO' AND "isActive") AS "promotionsMayApply"`;

interface Row {
  customers: CustomerRow[];
  warehouses: number[];
  source: { id: number; isActive: boolean } | null;
  regions: number[];
  variations: Array<Omit<VariationRow, 'archivedAt' | 'product'> & PriceRow & { archivedAt: string | null; product: Omit<VariationRow['product'], 'archivedAt'> & { archivedAt: string | null } }>;
  stock: CreateReads['stock'];
  promotionsMayApply: boolean;
}

export async function readForCreate(db: ReadDb, tenantId: number, request: CreateReadRequest): Promise<CreateReads> {
  const { warehouseIds, regionIds, customerIds } = referenceIds(request);
  // A SELECT without FROM: always one row.
  const [row] = (await sendStatement<Row>(db, CREATE_READS, [
    tenantId,
    customerIds,
    request.pricingCustomerId ?? null,
    warehouseIds,
    request.sourceId ?? null,
    regionIds,
    [...new Set(request.variationIds)],
    [...new Set(request.stockVariationIds)],
    request.originWarehouseId,
  ])) as [Row];
  const date = (text: string | null) => (text === null ? null : new Date(text));
  return {
    references: {
      customers: row.customers,
      warehouses: row.warehouses.map((id) => ({ id })),
      source: row.source,
      regions: row.regions.map((id) => ({ id })),
    },
    variations: row.variations.map((v) => ({ ...v, archivedAt: date(v.archivedAt), product: { ...v.product, archivedAt: date(v.product.archivedAt) } })),
    stock: row.stock,
    promotionsMayApply: row.promotionsMayApply,
  };
}
