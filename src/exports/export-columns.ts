// What each export kind writes: its columns, each declared with the SQL that reads
// it, and how its rows are found. A page is two statements: the ids of the next rows
// (id > after, ascending: an index range scan, constant memory however many rows),
// read through the requester's Prisma client so that the order filter and a bound
// key's conditions apply exactly as on the lists; then the cells of those ids in one
// plain SQL statement that returns the page as one JSON text (pageSql): no object per
// row or cell on the event loop, where Prisma's row objects were most of an export's
// time and their garbage most of its memory. The cells' joins
// are to-one (an order's customer, a line's order): a row the requester may read
// shows them whole, as the lists do (a channel key reads only orders of its channel,
// whose customers it serves). Headers are the spreadsheet's first row (CSV, XLSX);
// keys name the fields of a JSONL line. Purchase prices and internal notes are
// columns only for a requester with costs.read.
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { ExportKind } from '../db/generated/prisma/enums.js';
import { orderWhere, type OrderFilterValue } from '../orders/order-filters.js';

/** A cell: money as an exact decimal string, dates as Date, counts as numbers. */
export type CellValue = string | number | boolean | Date | null;

export type ColumnType = 'text' | 'integer' | 'money' | 'date' | 'boolean';

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  /** Only written for a requester who may read costs. */
  cost?: boolean;
  /** The cell as SQL over the source's aliases (money: a numeric with two decimals; dates: timestamptz). */
  sql: string;
}

export interface ExportSource {
  columns: Column[];
  /** The FROM clause: the exported table as `t`, and the to-one tables its cells read. */
  from: string;
  count(prisma: Db, tenantId: number, filter: OrderFilterValue | undefined): Promise<number>;
  /** Ids of the rows after `after`, ascending, at most `take`, as the requester may read them. */
  ids(prisma: Db, tenantId: number, filter: OrderFilterValue | undefined, after: number, take: number): Promise<number[]>;
}

/**
 * The SQL of a page: one row holding the page's cells as JSON text (an array per row,
 * a value per column, in id order), the last id and the row count; $1 the tenant, $2
 * the ids. PostgreSQL writes the page, so the event loop handles one string per page
 * (handed to the writer's thread as is) instead of a value per cell. Money travels as
 * its exact decimal text, dates as epoch milliseconds (pageRows, export-writers.ts, makes them Dates again).
 */
export function pageSql(source: ExportSource, columns: readonly Column[]): string {
  const cells = columns.map((c) =>
    c.type === 'money' || c.type === 'text' ? `(${c.sql})::text` : c.type === 'date' ? `(extract(epoch FROM ${c.sql}) * 1000)::float8` : c.sql,
  );
  return `SELECT json_agg(json_build_array(${cells.join(', ')}) ORDER BY t."id")::text, max(t."id"), count(*)::int
    FROM ${source.from} WHERE t."tenantId" = $1 AND t."id" = ANY($2::int[])`;
}

const idsOf = (rows: Array<{ id: number }>) => rows.map((row) => row.id);
const page = (take: number) => ({ orderBy: { id: 'asc' as const }, take, select: { id: true } });

const lineWhere = (tenantId: number, filter: OrderFilterValue | undefined): Prisma.OrderItemWhereInput =>
  filter ? { tenantId, order: { is: orderWhere(tenantId, filter) } } : { tenantId };

const orders: ExportSource = {
  from: `"Order" t LEFT JOIN "Customer" c ON c."id" = t."customerId"`,
  columns: [
    { key: 'code', header: 'Order code', type: 'text', sql: 't."code"' },
    { key: 'kind', header: 'Kind', type: 'text', sql: 't."kind"' },
    { key: 'status', header: 'Status', type: 'text', sql: 't."status"' },
    { key: 'paymentStatus', header: 'Payment status', type: 'text', sql: 't."paymentStatus"' },
    { key: 'channel', header: 'Channel', type: 'text', sql: 't."channel"' },
    { key: 'customerName', header: 'Customer', type: 'text', sql: 'c."name"' },
    { key: 'customerPhone', header: 'Customer phone', type: 'text', sql: 'c."phone"' },
    { key: 'orderedAt', header: 'Ordered at', type: 'date', sql: 't."orderedAt"' },
    { key: 'paidAt', header: 'Paid at', type: 'date', sql: 't."paidAt"' },
    { key: 'shippedAt', header: 'Shipped at', type: 'date', sql: 't."shippedAt"' },
    { key: 'currency', header: 'Currency', type: 'text', sql: 't."currency"' },
    { key: 'subtotal', header: 'Subtotal', type: 'money', sql: 't."subtotal"' },
    { key: 'itemDiscountTotal', header: 'Item discounts', type: 'money', sql: 't."itemDiscountTotal"' },
    { key: 'shippingTotal', header: 'Shipping', type: 'money', sql: 't."shippingTotal"' },
    { key: 'discountTotal', header: 'Order discount', type: 'money', sql: 't."discountTotal"' },
    { key: 'taxTotal', header: 'Tax', type: 'money', sql: 't."taxTotal"' },
    { key: 'codFee', header: 'COD fee', type: 'money', sql: 't."codFee"' },
    { key: 'insuranceTotal', header: 'Insurance', type: 'money', sql: 't."insuranceTotal"' },
    { key: 'otherCostTotal', header: 'Other costs', type: 'money', sql: 't."otherCostTotal"' },
    { key: 'grandTotal', header: 'Grand total', type: 'money', sql: 't."grandTotal"' },
    { key: 'returnedTotal', header: 'Returned total', type: 'money', sql: 't."returnedTotal"' },
    { key: 'weightGrams', header: 'Weight (g)', type: 'integer', sql: 't."weightGrams"' },
    { key: 'notes', header: 'Notes', type: 'text', sql: 't."notes"' },
    { key: 'internalNotes', header: 'Internal notes', type: 'text', cost: true, sql: 't."internalNotes"' },
  ],
  count: (prisma, tenantId, filter) => prisma.order.count({ where: orderWhere(tenantId, filter) }),
  ids: async (prisma, tenantId, filter, after, take) =>
    idsOf(await prisma.order.findMany({ where: { AND: [orderWhere(tenantId, filter), { id: { gt: after } }] }, ...page(take) })),
};

const orderLines: ExportSource = {
  from: `"OrderItem" t JOIN "Order" o ON o."id" = t."orderId"`,
  columns: [
    { key: 'orderCode', header: 'Order code', type: 'text', sql: 'o."code"' },
    { key: 'orderStatus', header: 'Order status', type: 'text', sql: 'o."status"' },
    { key: 'orderedAt', header: 'Ordered at', type: 'date', sql: 'o."orderedAt"' },
    { key: 'sku', header: 'SKU', type: 'text', sql: 't."sku"' },
    { key: 'productName', header: 'Product', type: 'text', sql: 't."productName"' },
    { key: 'variationName', header: 'Variation', type: 'text', sql: 't."variationName"' },
    { key: 'quantity', header: 'Quantity', type: 'integer', sql: 't."quantity"' },
    { key: 'unit', header: 'Unit', type: 'text', sql: 't."unit"' },
    { key: 'currency', header: 'Currency', type: 'text', sql: 'o."currency"' },
    { key: 'unitPrice', header: 'Unit price', type: 'money', sql: 't."unitPrice"' },
    { key: 'discountAmount', header: 'Discount', type: 'money', sql: 't."discountAmount"' },
    { key: 'lineTotal', header: 'Line total', type: 'money', sql: 't."lineTotal"' },
    { key: 'returnedQuantity', header: 'Returned quantity', type: 'integer', sql: 't."returnedQuantity"' },
    { key: 'cancelled', header: 'Cancelled', type: 'boolean', sql: 't."isCancelled"' },
    // The cost when the line was written, as the sales reports count it (not today's purchase price).
    { key: 'costPrice', header: 'Cost price', type: 'money', cost: true, sql: 't."costPrice"' },
  ],
  count: (prisma, tenantId, filter) => prisma.orderItem.count({ where: lineWhere(tenantId, filter) }),
  ids: async (prisma, tenantId, filter, after, take) =>
    idsOf(await prisma.orderItem.findMany({ where: { AND: [lineWhere(tenantId, filter), { id: { gt: after } }] }, ...page(take) })),
};

/** One row per variation (the sellable thing with a SKU), with its product's name. */
const products: ExportSource = {
  from: `"Variation" t JOIN "Product" p ON p."id" = t."productId"`,
  columns: [
    { key: 'productName', header: 'Product', type: 'text', sql: 'p."name"' },
    { key: 'sku', header: 'SKU', type: 'text', sql: 't."sku"' },
    { key: 'variationName', header: 'Variation', type: 'text', sql: 't."name"' },
    { key: 'size', header: 'Size', type: 'text', sql: 't."size"' },
    { key: 'color', header: 'Color', type: 'text', sql: 't."color"' },
    { key: 'stockType', header: 'Stock type', type: 'text', sql: 'p."stockType"' },
    { key: 'currency', header: 'Currency', type: 'text', sql: 't."currency"' },
    { key: 'price', header: 'Price', type: 'money', sql: 't."price"' },
    { key: 'costPrice', header: 'Cost price', type: 'money', cost: true, sql: 't."costPrice"' },
    { key: 'weightGrams', header: 'Weight (g)', type: 'integer', sql: 't."weightGrams"' },
    { key: 'active', header: 'Active', type: 'boolean', sql: 'p."isActive" AND t."available"' },
    { key: 'archivedAt', header: 'Archived at', type: 'date', sql: 't."archivedAt"' },
  ],
  count: (prisma, tenantId) => prisma.variation.count({ where: { tenantId } }),
  ids: async (prisma, tenantId, _filter, after, take) => idsOf(await prisma.variation.findMany({ where: { tenantId, id: { gt: after } }, ...page(take) })),
};

const customers: ExportSource = {
  from: `"Customer" t LEFT JOIN "CustomerCategory" k ON k."id" = t."categoryId"`,
  columns: [
    { key: 'name', header: 'Name', type: 'text', sql: 't."name"' },
    { key: 'phone', header: 'Phone', type: 'text', sql: 't."phone"' },
    { key: 'email', header: 'E-mail', type: 'text', sql: 't."email"' },
    { key: 'category', header: 'Category', type: 'text', sql: 'k."name"' },
    { key: 'status', header: 'Status', type: 'text', sql: 't."status"' },
    { key: 'address', header: 'Address', type: 'text', sql: 't."address"' },
    { key: 'postalCode', header: 'Postal code', type: 'text', sql: 't."postalCode"' },
    { key: 'createdAt', header: 'Created at', type: 'date', sql: 't."createdAt"' },
  ],
  count: (prisma, tenantId) => prisma.customer.count({ where: { tenantId, deletedAt: null } }),
  ids: async (prisma, tenantId, _filter, after, take) =>
    idsOf(await prisma.customer.findMany({ where: { tenantId, deletedAt: null, id: { gt: after } }, ...page(take) })),
};

const stockLevels: ExportSource = {
  from: `"StockLevel" t JOIN "Variation" v ON v."id" = t."variationId" JOIN "Product" p ON p."id" = v."productId" JOIN "Warehouse" w ON w."id" = t."warehouseId"`,
  columns: [
    { key: 'sku', header: 'SKU', type: 'text', sql: 'v."sku"' },
    { key: 'productName', header: 'Product', type: 'text', sql: 'p."name"' },
    { key: 'warehouse', header: 'Warehouse', type: 'text', sql: 'w."code"' },
    { key: 'onHand', header: 'On hand', type: 'integer', sql: 't."onHand"' },
    { key: 'reserved', header: 'Reserved', type: 'integer', sql: 't."reserved"' },
    { key: 'available', header: 'Available', type: 'integer', sql: 't."onHand" - t."reserved"' },
    { key: 'inTransit', header: 'In transit', type: 'integer', sql: 't."inTransit"' },
    { key: 'updatedAt', header: 'Updated at', type: 'date', sql: 't."updatedAt"' },
  ],
  count: (prisma, tenantId) => prisma.stockLevel.count({ where: { tenantId } }),
  ids: async (prisma, tenantId, _filter, after, take) => idsOf(await prisma.stockLevel.findMany({ where: { tenantId, id: { gt: after } }, ...page(take) })),
};

const stockMovements: ExportSource = {
  from: `"StockMovement" t JOIN "Variation" v ON v."id" = t."variationId" JOIN "Warehouse" w ON w."id" = t."warehouseId" LEFT JOIN "Order" o ON o."id" = t."orderId"`,
  columns: [
    { key: 'createdAt', header: 'Date', type: 'date', sql: 't."createdAt"' },
    { key: 'sku', header: 'SKU', type: 'text', sql: 'v."sku"' },
    { key: 'warehouse', header: 'Warehouse', type: 'text', sql: 'w."code"' },
    { key: 'kind', header: 'Kind', type: 'text', sql: 't."kind"' },
    { key: 'quantityIn', header: 'In', type: 'integer', sql: 't."quantityIn"' },
    { key: 'quantityOut', header: 'Out', type: 'integer', sql: 't."quantityOut"' },
    { key: 'balance', header: 'Balance', type: 'integer', sql: 't."balance"' },
    { key: 'orderCode', header: 'Order code', type: 'text', sql: 'o."code"' },
    { key: 'description', header: 'Description', type: 'text', sql: 't."description"' },
    { key: 'actor', header: 'By', type: 'text', sql: 't."actor"' },
  ],
  count: (prisma, tenantId) => prisma.stockMovement.count({ where: { tenantId } }),
  ids: async (prisma, tenantId, _filter, after, take) => idsOf(await prisma.stockMovement.findMany({ where: { tenantId, id: { gt: after } }, ...page(take) })),
};

export const EXPORT_SOURCES: Record<ExportKind, ExportSource> = {
  ORDERS: orders,
  ORDER_LINES: orderLines,
  PRODUCTS: products,
  CUSTOMERS: customers,
  STOCK_LEVELS: stockLevels,
  STOCK_MOVEMENTS: stockMovements,
};

/** Kinds whose rows the order filter narrows (the same filter as `orders(filter:)`). */
export const FILTERED_KINDS: readonly ExportKind[] = ['ORDERS', 'ORDER_LINES'];
