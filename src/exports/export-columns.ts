// What each export kind writes: its rows, read from the database a page at a time
// in id order (keyset: constant memory however many rows), and its columns. Headers
// are the spreadsheet's first row (CSV, XLSX); keys name the fields of a JSONL line.
// Purchase prices and internal notes are columns only for a requester with costs.read.
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { ExportKind } from '../db/generated/prisma/enums.js';
import { orderWhere, type OrderFilterValue } from '../orders/order-filters.js';

/** A cell: money as an exact decimal string, dates as Date, counts as numbers. */
export type CellValue = string | number | boolean | Date | null;

export type ColumnType = 'text' | 'integer' | 'money' | 'date' | 'boolean';

export interface Column<Row> {
  key: string;
  header: string;
  type: ColumnType;
  /** Only written for a requester who may read costs. */
  cost?: boolean;
  value: (row: Row) => CellValue;
}

export interface ExportSource<Row extends { id: number }> {
  columns: Column<Row>[];
  count(prisma: Db, tenantId: number, filter: OrderFilterValue | undefined): Promise<number>;
  /** Rows with id > after, ascending, at most take. */
  page(prisma: Db, tenantId: number, filter: OrderFilterValue | undefined, after: number, take: number): Promise<Row[]>;
}

const money = (v: { toFixed(digits: number): string } | null | undefined): string | null => (v == null ? null : v.toFixed(2));

const orderSelect = {
  id: true,
  code: true,
  kind: true,
  status: true,
  paymentStatus: true,
  channel: true,
  currency: true,
  subtotal: true,
  itemDiscountTotal: true,
  shippingTotal: true,
  discountTotal: true,
  taxTotal: true,
  codFee: true,
  insuranceTotal: true,
  otherCostTotal: true,
  grandTotal: true,
  returnedTotal: true,
  weightGrams: true,
  notes: true,
  internalNotes: true,
  orderedAt: true,
  paidAt: true,
  shippedAt: true,
  createdAt: true,
  customer: { select: { name: true, phone: true } },
} satisfies Prisma.OrderSelect;
type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

const orders: ExportSource<OrderRow> = {
  columns: [
    { key: 'code', header: 'Order code', type: 'text', value: (o) => o.code },
    { key: 'kind', header: 'Kind', type: 'text', value: (o) => o.kind },
    { key: 'status', header: 'Status', type: 'text', value: (o) => o.status },
    { key: 'paymentStatus', header: 'Payment status', type: 'text', value: (o) => o.paymentStatus },
    { key: 'channel', header: 'Channel', type: 'text', value: (o) => o.channel },
    { key: 'customerName', header: 'Customer', type: 'text', value: (o) => o.customer?.name ?? null },
    { key: 'customerPhone', header: 'Customer phone', type: 'text', value: (o) => o.customer?.phone ?? null },
    { key: 'orderedAt', header: 'Ordered at', type: 'date', value: (o) => o.orderedAt },
    { key: 'paidAt', header: 'Paid at', type: 'date', value: (o) => o.paidAt },
    { key: 'shippedAt', header: 'Shipped at', type: 'date', value: (o) => o.shippedAt },
    { key: 'currency', header: 'Currency', type: 'text', value: (o) => o.currency },
    { key: 'subtotal', header: 'Subtotal', type: 'money', value: (o) => money(o.subtotal) },
    { key: 'itemDiscountTotal', header: 'Item discounts', type: 'money', value: (o) => money(o.itemDiscountTotal) },
    { key: 'shippingTotal', header: 'Shipping', type: 'money', value: (o) => money(o.shippingTotal) },
    { key: 'discountTotal', header: 'Order discount', type: 'money', value: (o) => money(o.discountTotal) },
    { key: 'taxTotal', header: 'Tax', type: 'money', value: (o) => money(o.taxTotal) },
    { key: 'codFee', header: 'COD fee', type: 'money', value: (o) => money(o.codFee) },
    { key: 'insuranceTotal', header: 'Insurance', type: 'money', value: (o) => money(o.insuranceTotal) },
    { key: 'otherCostTotal', header: 'Other costs', type: 'money', value: (o) => money(o.otherCostTotal) },
    { key: 'grandTotal', header: 'Grand total', type: 'money', value: (o) => money(o.grandTotal) },
    { key: 'returnedTotal', header: 'Returned total', type: 'money', value: (o) => money(o.returnedTotal) },
    { key: 'weightGrams', header: 'Weight (g)', type: 'integer', value: (o) => o.weightGrams },
    { key: 'notes', header: 'Notes', type: 'text', value: (o) => o.notes },
    { key: 'internalNotes', header: 'Internal notes', type: 'text', cost: true, value: (o) => o.internalNotes },
  ],
  count: (prisma, tenantId, filter) => prisma.order.count({ where: orderWhere(tenantId, filter) }),
  page: (prisma, tenantId, filter, after, take) =>
    prisma.order.findMany({ where: { AND: [orderWhere(tenantId, filter), { id: { gt: after } }] }, orderBy: { id: 'asc' }, take, select: orderSelect }),
};

const lineSelect = {
  id: true,
  sku: true,
  productName: true,
  variationName: true,
  quantity: true,
  unit: true,
  unitPrice: true,
  discountAmount: true,
  lineTotal: true,
  returnedQuantity: true,
  isCancelled: true,
  order: { select: { code: true, status: true, orderedAt: true, currency: true } },
  variation: { select: { costPrice: true } },
} satisfies Prisma.OrderItemSelect;
type LineRow = Prisma.OrderItemGetPayload<{ select: typeof lineSelect }>;

const lineWhere = (tenantId: number, filter: OrderFilterValue | undefined): Prisma.OrderItemWhereInput =>
  filter ? { tenantId, order: { is: orderWhere(tenantId, filter) } } : { tenantId };

const orderLines: ExportSource<LineRow> = {
  columns: [
    { key: 'orderCode', header: 'Order code', type: 'text', value: (l) => l.order.code },
    { key: 'orderStatus', header: 'Order status', type: 'text', value: (l) => l.order.status },
    { key: 'orderedAt', header: 'Ordered at', type: 'date', value: (l) => l.order.orderedAt },
    { key: 'sku', header: 'SKU', type: 'text', value: (l) => l.sku },
    { key: 'productName', header: 'Product', type: 'text', value: (l) => l.productName },
    { key: 'variationName', header: 'Variation', type: 'text', value: (l) => l.variationName },
    { key: 'quantity', header: 'Quantity', type: 'integer', value: (l) => l.quantity },
    { key: 'unit', header: 'Unit', type: 'text', value: (l) => l.unit },
    { key: 'currency', header: 'Currency', type: 'text', value: (l) => l.order.currency },
    { key: 'unitPrice', header: 'Unit price', type: 'money', value: (l) => money(l.unitPrice) },
    { key: 'discountAmount', header: 'Discount', type: 'money', value: (l) => money(l.discountAmount) },
    { key: 'lineTotal', header: 'Line total', type: 'money', value: (l) => money(l.lineTotal) },
    { key: 'returnedQuantity', header: 'Returned quantity', type: 'integer', value: (l) => l.returnedQuantity },
    { key: 'cancelled', header: 'Cancelled', type: 'boolean', value: (l) => l.isCancelled },
    { key: 'costPrice', header: 'Cost price', type: 'money', cost: true, value: (l) => money(l.variation?.costPrice) },
  ],
  count: (prisma, tenantId, filter) => prisma.orderItem.count({ where: lineWhere(tenantId, filter) }),
  page: (prisma, tenantId, filter, after, take) =>
    prisma.orderItem.findMany({ where: { AND: [lineWhere(tenantId, filter), { id: { gt: after } }] }, orderBy: { id: 'asc' }, take, select: lineSelect }),
};

const variationSelect = {
  id: true,
  sku: true,
  name: true,
  size: true,
  color: true,
  currency: true,
  price: true,
  costPrice: true,
  weightGrams: true,
  available: true,
  archivedAt: true,
  product: { select: { name: true, stockType: true, isActive: true } },
} satisfies Prisma.VariationSelect;
type VariationRow = Prisma.VariationGetPayload<{ select: typeof variationSelect }>;

/** One row per variation (the sellable thing with a SKU), with its product's name. */
const products: ExportSource<VariationRow> = {
  columns: [
    { key: 'productName', header: 'Product', type: 'text', value: (v) => v.product.name },
    { key: 'sku', header: 'SKU', type: 'text', value: (v) => v.sku },
    { key: 'variationName', header: 'Variation', type: 'text', value: (v) => v.name },
    { key: 'size', header: 'Size', type: 'text', value: (v) => v.size },
    { key: 'color', header: 'Color', type: 'text', value: (v) => v.color },
    { key: 'stockType', header: 'Stock type', type: 'text', value: (v) => v.product.stockType },
    { key: 'currency', header: 'Currency', type: 'text', value: (v) => v.currency },
    { key: 'price', header: 'Price', type: 'money', value: (v) => money(v.price) },
    { key: 'costPrice', header: 'Cost price', type: 'money', cost: true, value: (v) => money(v.costPrice) },
    { key: 'weightGrams', header: 'Weight (g)', type: 'integer', value: (v) => v.weightGrams },
    { key: 'active', header: 'Active', type: 'boolean', value: (v) => v.product.isActive && v.available },
    { key: 'archivedAt', header: 'Archived at', type: 'date', value: (v) => v.archivedAt },
  ],
  count: (prisma, tenantId) => prisma.variation.count({ where: { tenantId } }),
  page: (prisma, tenantId, _filter, after, take) =>
    prisma.variation.findMany({ where: { tenantId, id: { gt: after } }, orderBy: { id: 'asc' }, take, select: variationSelect }),
};

const customerSelect = {
  id: true,
  name: true,
  phone: true,
  email: true,
  status: true,
  address: true,
  postalCode: true,
  createdAt: true,
  category: { select: { name: true } },
} satisfies Prisma.CustomerSelect;
type CustomerRow = Prisma.CustomerGetPayload<{ select: typeof customerSelect }>;

const customers: ExportSource<CustomerRow> = {
  columns: [
    { key: 'name', header: 'Name', type: 'text', value: (c) => c.name },
    { key: 'phone', header: 'Phone', type: 'text', value: (c) => c.phone },
    { key: 'email', header: 'E-mail', type: 'text', value: (c) => c.email },
    { key: 'category', header: 'Category', type: 'text', value: (c) => c.category?.name ?? null },
    { key: 'status', header: 'Status', type: 'text', value: (c) => c.status },
    { key: 'address', header: 'Address', type: 'text', value: (c) => c.address },
    { key: 'postalCode', header: 'Postal code', type: 'text', value: (c) => c.postalCode },
    { key: 'createdAt', header: 'Created at', type: 'date', value: (c) => c.createdAt },
  ],
  count: (prisma, tenantId) => prisma.customer.count({ where: { tenantId, deletedAt: null } }),
  page: (prisma, tenantId, _filter, after, take) =>
    prisma.customer.findMany({ where: { tenantId, deletedAt: null, id: { gt: after } }, orderBy: { id: 'asc' }, take, select: customerSelect }),
};

const levelSelect = {
  id: true,
  onHand: true,
  reserved: true,
  inTransit: true,
  updatedAt: true,
  variation: { select: { sku: true, product: { select: { name: true } } } },
  warehouse: { select: { code: true } },
} satisfies Prisma.StockLevelSelect;
type LevelRow = Prisma.StockLevelGetPayload<{ select: typeof levelSelect }>;

const stockLevels: ExportSource<LevelRow> = {
  columns: [
    { key: 'sku', header: 'SKU', type: 'text', value: (s) => s.variation.sku },
    { key: 'productName', header: 'Product', type: 'text', value: (s) => s.variation.product.name },
    { key: 'warehouse', header: 'Warehouse', type: 'text', value: (s) => s.warehouse.code },
    { key: 'onHand', header: 'On hand', type: 'integer', value: (s) => s.onHand },
    { key: 'reserved', header: 'Reserved', type: 'integer', value: (s) => s.reserved },
    { key: 'available', header: 'Available', type: 'integer', value: (s) => s.onHand - s.reserved },
    { key: 'inTransit', header: 'In transit', type: 'integer', value: (s) => s.inTransit },
    { key: 'updatedAt', header: 'Updated at', type: 'date', value: (s) => s.updatedAt },
  ],
  count: (prisma, tenantId) => prisma.stockLevel.count({ where: { tenantId } }),
  page: (prisma, tenantId, _filter, after, take) =>
    prisma.stockLevel.findMany({ where: { tenantId, id: { gt: after } }, orderBy: { id: 'asc' }, take, select: levelSelect }),
};

const movementSelect = {
  id: true,
  kind: true,
  quantityIn: true,
  quantityOut: true,
  balance: true,
  description: true,
  actor: true,
  createdAt: true,
  variation: { select: { sku: true } },
  warehouse: { select: { code: true } },
  order: { select: { code: true } },
} satisfies Prisma.StockMovementSelect;
type MovementRow = Prisma.StockMovementGetPayload<{ select: typeof movementSelect }>;

const stockMovements: ExportSource<MovementRow> = {
  columns: [
    { key: 'createdAt', header: 'Date', type: 'date', value: (m) => m.createdAt },
    { key: 'sku', header: 'SKU', type: 'text', value: (m) => m.variation.sku },
    { key: 'warehouse', header: 'Warehouse', type: 'text', value: (m) => m.warehouse.code },
    { key: 'kind', header: 'Kind', type: 'text', value: (m) => m.kind },
    { key: 'quantityIn', header: 'In', type: 'integer', value: (m) => m.quantityIn },
    { key: 'quantityOut', header: 'Out', type: 'integer', value: (m) => m.quantityOut },
    { key: 'balance', header: 'Balance', type: 'integer', value: (m) => m.balance },
    { key: 'orderCode', header: 'Order code', type: 'text', value: (m) => m.order?.code ?? null },
    { key: 'description', header: 'Description', type: 'text', value: (m) => m.description },
    { key: 'actor', header: 'By', type: 'text', value: (m) => m.actor },
  ],
  count: (prisma, tenantId) => prisma.stockMovement.count({ where: { tenantId } }),
  page: (prisma, tenantId, _filter, after, take) =>
    prisma.stockMovement.findMany({ where: { tenantId, id: { gt: after } }, orderBy: { id: 'asc' }, take, select: movementSelect }),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own row type
export const EXPORT_SOURCES: Record<ExportKind, ExportSource<any>> = {
  ORDERS: orders,
  ORDER_LINES: orderLines,
  PRODUCTS: products,
  CUSTOMERS: customers,
  STOCK_LEVELS: stockLevels,
  STOCK_MOVEMENTS: stockMovements,
};

/** Kinds whose rows the order filter narrows (the same filter as `orders(filter:)`). */
export const FILTERED_KINDS: readonly ExportKind[] = ['ORDERS', 'ORDER_LINES'];
