// OrderFilter (the order list's filter, src/orders/order-filters.ts) as SQL conditions
// on the order alias `o`, for reports that run one raw statement. The same meaning
// as the list's Prisma translation, condition for condition; and the report's
// defaults: drafts, cancelled orders and internal kinds (transfers, returns to a
// supplier) are left out unless the filter names them.
import { Prisma } from '../db/generated/prisma/client.js';
import { orderWhere, type OrderFilterValue } from '../orders/order-filters.js';
import { decodeIdArg } from '../shared/global-ids.js';

const SOLD_KINDS = ['SALE', 'REQUEST'];

type Range = { from?: Date | null; to?: Date | null } | null | undefined;

function range(column: string, value: Range): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (value?.from) out.push(Prisma.sql`o.${Prisma.raw(`"${column}"`)} >= ${value.from}::timestamptz`);
  if (value?.to) out.push(Prisma.sql`o.${Prisma.raw(`"${column}"`)} < ${value.to}::timestamptz`);
  return out;
}

/** Conditions to AND, each on `o` (the Order row). */
export function reportFilterSql(filter: OrderFilterValue | null | undefined): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  const f = filter ?? {};
  // Refused as the list refuses it (lengths, ids of another type); the conditions are built below.
  orderWhere(0, f);
  if (f.statuses?.length) and.push(Prisma.sql`o."status"::text = ANY(${[...f.statuses]}::text[])`);
  else and.push(Prisma.sql`o."status" <> 'CANCELLED'`);
  if (f.kinds?.length) and.push(Prisma.sql`o."kind"::text = ANY(${[...f.kinds]}::text[])`);
  else and.push(Prisma.sql`o."kind"::text = ANY(${SOLD_KINDS}::text[])`);
  and.push(Prisma.sql`o."isDraft" = ${f.isDraft ?? false}::boolean`);
  if (f.paymentStatuses?.length) and.push(Prisma.sql`o."paymentStatus"::text = ANY(${[...f.paymentStatuses]}::text[])`);
  if (f.channels?.length) and.push(Prisma.sql`o."channel" = ANY(${f.channels.map((c) => c.trim().toLowerCase())}::text[])`);
  if (f.source) and.push(Prisma.sql`o."sourceId" = ${decodeIdArg(f.source, 'OrderSource')}::int`);
  if (f.deliveryType) and.push(Prisma.sql`o."deliveryTypeId" = ${decodeIdArg(f.deliveryType, 'DeliveryType')}::int`);
  if (f.customer) and.push(Prisma.sql`o."customerId" = ${decodeIdArg(f.customer, 'Customer')}::int`);
  if (f.customerCategory) {
    const id = decodeIdArg(f.customerCategory, 'CustomerCategory');
    and.push(Prisma.sql`(o."customerCategoryId" = ${id}::int OR (o."customerCategoryId" IS NULL AND EXISTS (
      SELECT 1 FROM "Customer" fc WHERE fc."id" = o."customerId" AND fc."categoryId" = ${id}::int)))`);
  }
  if (f.warehouse) {
    const id = decodeIdArg(f.warehouse, 'Warehouse');
    and.push(Prisma.sql`(o."originWarehouseId" = ${id}::int OR EXISTS (
      SELECT 1 FROM "OrderItem" fi JOIN "OrderItemAllocation" fa ON fa."orderItemId" = fi."id"
       WHERE fi."orderId" = o."id" AND fa."warehouseId" = ${id}::int))`);
  }
  if (f.courier) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "Shipment" fs WHERE fs."orderId" = o."id" AND fs."courierId" = ${decodeIdArg(f.courier, 'Courier')}::int)`);
  }
  if (f.salesRepIds?.length) and.push(Prisma.sql`o."salesRepId" = ANY(${f.salesRepIds.map((id) => decodeIdArg(id, 'SalesRep'))}::int[])`);
  if (f.salesTeamIds?.length) and.push(Prisma.sql`o."salesTeamId" = ANY(${f.salesTeamIds.map((id) => decodeIdArg(id, 'SalesTeam'))}::int[])`);
  // An empty hasAny matches nothing, an empty hasAll everything (as the list).
  if (f.tags?.hasAny) and.push(Prisma.sql`o."tags" && ${f.tags.hasAny.map((tag) => tag.trim())}::text[]`);
  if (f.tags?.hasAll?.length) and.push(Prisma.sql`o."tags" @> ${f.tags.hasAll.map((tag) => tag.trim())}::text[]`);
  if (f.contractReference != null) and.push(Prisma.sql`o."contractReference" = ${f.contractReference.trim()}::text`);
  if (f.productTypes?.length) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "OrderItem" fi JOIN "Variation" fv ON fv."id" = fi."variationId" JOIN "Product" fp ON fp."id" = fv."productId"
       WHERE fi."orderId" = o."id" AND fp."stockType"::text = ANY(${[...f.productTypes]}::text[]))`);
  }
  if (f.printed != null) and.push(f.printed ? Prisma.sql`o."printedAt" IS NOT NULL` : Prisma.sql`o."printedAt" IS NULL`);
  if (f.hasOpenCancellationRequest != null) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "CancellationRequest" fr WHERE fr."orderId" = o."id" AND fr."status" = 'REQUESTED')`;
    and.push(f.hasOpenCancellationRequest ? exists : Prisma.sql`NOT ${exists}`);
  }
  and.push(...range('createdAt', f.createdAt), ...range('orderedAt', f.orderedAt), ...range('paidAt', f.paidAt), ...range('shippedAt', f.shippedAt));
  const search = f.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    and.push(Prisma.sql`(o."code" ILIKE ${like} OR o."externalRef" ILIKE ${like}
      OR EXISTS (SELECT 1 FROM "Customer" sc WHERE sc."id" = o."customerId" AND (sc."name" ILIKE ${like} OR sc."phone" ILIKE ${like}))
      OR EXISTS (SELECT 1 FROM "OrderParty" sp WHERE sp."orderId" = o."id" AND (sp."name" ILIKE ${like} OR sp."phone" ILIKE ${like}))
      OR EXISTS (SELECT 1 FROM "OrderItem" si WHERE si."orderId" = o."id" AND si."sku" ILIKE ${like})
      OR EXISTS (SELECT 1 FROM "Shipment" ss WHERE ss."orderId" = o."id" AND ss."trackingNumber" ILIKE ${like}))`);
  }
  return and;
}
