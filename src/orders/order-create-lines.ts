// What orderCreate and orderEdit share: the decoded input shapes (integer ids, no
// GraphQL), their validation with paths, and the catalog lookups that turn
// variation ids into priced, snapshotted order lines.
import type { AdjustmentCategory, DiscountType, OrderKind, PartyRole, PaymentMethod, PriceSource } from '../db/generated/prisma/enums.js';
import type { PricingCategory } from '../catalog/price-resolution.js';
import { categorySelect, loadPricingCustomer, priceLinesFor, priceSelect, type PriceRow } from '../catalog/pricing/price-lines.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal, type DecimalLike } from '../shared/money.js';
import { checkText, type InputPath, type Problems } from '../shared/validation.js';
import type { Tx } from '../db/transaction.js';
import type { Db } from '../db/client.js';

export type ReadDb = Db | Tx;

export interface DiscountData {
  type: DiscountType;
  value: string;
}

export interface PartyData {
  /** Fills the fields not given from this customer (seed 002 customer_sender_id / customer_receiver_id). */
  customerId?: number | null;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  regionId?: number | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  subDistrict?: string | null;
  postalCode?: string | null;
  country?: string | null;
  latitude?: Decimal | null;
  longitude?: Decimal | null;
  remarks?: string | null;
}

export interface ItemData {
  variationId: number;
  quantity: number;
  unit?: string | null;
  /** A price the seller sets by hand (priceSource OVERRIDE). */
  unitPrice?: Decimal | null;
  discount?: DiscountData | null;
  externalLineId?: string | null;
  note?: string | null;
}

export interface AdjustmentData {
  category: AdjustmentCategory;
  name?: string | null;
  type?: DiscountType | null;
  value: string;
}

import type { ShippingData } from './order-shipping.js';

export interface OrderCreateData {
  idempotencyKey?: string | null;
  /** Accept own-stock lines beyond what is available now (the order waits for stock). */
  backorder?: boolean | null;
  code?: string | null;
  kind?: OrderKind | null;
  channel?: string | null;
  externalRef?: string | null;
  externalStatus?: string | null;
  sourceId?: number | null;
  customerId?: number | null;
  buyer?: PartyData | null;
  recipient?: PartyData | null;
  dropshipper?: PartyData | null;
  salesRep?: string | null;
  /** Free labels; trimmed, duplicates dropped (order-tags.ts). */
  tags?: string[] | null;
  contractReference?: string | null;
  /** The sales rep who took the order; the order counts for their team. */
  salesRepId?: number | null;
  notes?: string | null;
  internalNotes?: string | null;
  paymentMethod?: PaymentMethod | null;
  originWarehouseId?: number | null;
  destinationWarehouseId?: number | null;
  isDraft?: boolean | null;
  orderedAt?: Date | null;
  items: ItemData[];
  /** The order-level discount (seed 004 disc_percent / disc_amount): a DISCOUNT adjustment. */
  discount?: DiscountData | null;
  adjustments?: AdjustmentData[] | null;
  /** Coupon codes to apply (any case); matching automatic promotions apply by themselves. */
  couponCodes?: string[] | null;
  /** The courier service (or custom courier) and its price, as a SHIPPING adjustment; the air waybill if booked. */
  shipping?: ShippingData | null;
  /** How the order reaches the buyer (a DeliveryType of the tenant). */
  deliveryTypeId?: number | null;
  /** A payment made with the order (seed 004 `total_paid`), recorded in its transaction. */
  initialPayment?: {
    amount: Decimal;
    method: PaymentMethod;
    bankAccountId?: number | null;
    paidAt?: Date | null;
    reference?: string | null;
  } | null;
}

export const PARTY_ROLES = [
  ['buyer', 'BUYER'],
  ['recipient', 'RECIPIENT'],
  ['dropshipper', 'DROPSHIPPER'],
] as const satisfies ReadonlyArray<readonly [string, PartyRole]>;

export const DEFAULT_ADJUSTMENT_NAMES: Record<AdjustmentCategory, string> = {
  SHIPPING: 'Shipping',
  DISCOUNT: 'Order discount',
  SHIPPING_DISCOUNT: 'Shipping discount',
  TAX: 'Tax',
  COD_FEE: 'COD fee',
  INSURANCE: 'Insurance',
  PACKING: 'Packing',
  OTHER_COST: 'Other cost',
};

const MAX_QUANTITY = 1_000_000;
const MAX_PRICE = dec('9999999999999999.99');

/** Checks one new line's own fields (not the catalog). */
export function checkItem(problems: Problems, path: InputPath, item: ItemData) {
  problems.check(Number.isInteger(item.quantity) && item.quantity >= 1 && item.quantity <= MAX_QUANTITY, [...path, 'quantity'], `must be a whole number from 1 to ${MAX_QUANTITY}`);
  if (item.unitPrice != null) checkAmount(problems, [...path, 'unitPrice'], item.unitPrice);
  checkText(problems, [...path, 'unit'], item.unit, { max: 20 });
  checkText(problems, [...path, 'externalLineId'], item.externalLineId, { max: 100 });
  checkText(problems, [...path, 'note'], item.note, { max: 1000 });
}

export function checkAmount(problems: Problems, path: InputPath, amount: Decimal) {
  problems.check(!amount.isNegative() && amount.lte(MAX_PRICE) && amount.decimalPlaces() <= 2, path, 'must be an amount from 0 with at most 2 decimals');
}

export function checkAdjustment(problems: Problems, path: InputPath, adjustment: AdjustmentData) {
  checkText(problems, [...path, 'name'], adjustment.name, { max: 100 });
  checkText(problems, [...path, 'value'], adjustment.value, { required: true, max: 60 });
}

export function checkParty(problems: Problems, path: InputPath, party: PartyData) {
  const name = checkText(problems, [...path, 'name'], party.name, { max: 200 });
  if (!party.customerId && !name) problems.add([...path, 'name'], 'is required (or give a customer to copy it from)');
  checkText(problems, [...path, 'phone'], party.phone, { max: 40 });
  const email = checkText(problems, [...path, 'email'], party.email, { max: 200 });
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.add([...path, 'email'], 'is not an e-mail address');
  checkText(problems, [...path, 'address'], party.address, { max: 1000 });
  for (const key of ['province', 'city', 'district', 'subDistrict', 'country'] as const) checkText(problems, [...path, key], party[key], { max: 100 });
  checkText(problems, [...path, 'postalCode'], party.postalCode, { max: 20 });
  checkText(problems, [...path, 'remarks'], party.remarks, { max: 1000 });
  if (party.latitude != null) problems.check(party.latitude.abs().lte(90) && party.latitude.decimalPlaces() <= 6, [...path, 'latitude'], 'must be from -90 to 90 with at most 6 decimals');
  if (party.longitude != null) problems.check(party.longitude.abs().lte(180) && party.longitude.decimalPlaces() <= 6, [...path, 'longitude'], 'must be from -180 to 180 with at most 6 decimals');
}

/** Trimmed, empty as null. */
export function clean(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

export interface CatalogVariation {
  id: number;
  sku: string;
  name: string | null;
  weightGrams: number;
  currency: string;
  available: boolean;
  archivedAt: Date | null;
  productName: string;
  productWeightGrams: number;
  productActive: boolean;
  productArchived: boolean;
  stockType: string;
  /** Purchase price now, as text; recorded on the line (OrderItem.costPrice) for margins. */
  costPrice: string | null;
}

export interface CustomerPricing {
  customerId: number | null;
  category: (PricingCategory & { discountAccess: boolean }) | null;
}

/** The customer (of this tenant, not deleted) and its category; NotFoundError otherwise. */
export async function loadCustomerPricing(db: ReadDb, tenantId: number, customerId: number | null | undefined): Promise<CustomerPricing> {
  if (!customerId) return { customerId: null, category: null };
  const customer = await loadPricingCustomer(db, tenantId, customerId);
  return { customerId, category: customer.category };
}

/** The variations of this tenant with what a line snapshots; NotFoundError for the first id not found. */
export async function loadVariations(db: ReadDb, tenantId: number, ids: number[]): Promise<Map<number, CatalogVariation>> {
  return (await loadVariationsAndPrices(db, tenantId, ids, undefined)).variations;
}

/**
 * loadVariations and, in the same statement, their prices for the customer's category
 * (priceLines takes them instead of reading them again); without a category (undefined),
 * no prices.
 */
export async function loadVariationsAndPrices(
  db: ReadDb,
  tenantId: number,
  ids: number[],
  categoryId: number | null | undefined,
): Promise<{ variations: Map<number, CatalogVariation>; prices: Map<number, PriceRow> }> {
  const unique = [...new Set(ids)];
  if (!unique.length) return catalogFrom(unique, [], false);
  const rows = await db.variation.findMany({
    where: { tenantId, id: { in: unique } },
    select: {
      ...(categoryId !== undefined ? priceSelect(categoryId) : {}),
      id: true,
      sku: true,
      name: true,
      weightGrams: true,
      currency: true,
      available: true,
      archivedAt: true,
      costPrice: true,
      product: { select: { name: true, weightGrams: true, isActive: true, archivedAt: true, stockType: true } },
    },
  });
  return catalogFrom(unique, rows, categoryId !== undefined);
}

/** A variation as a new line reads it: its own fields, its product's, and (when priced) priceSelect's. */
export interface VariationRow extends Pick<CatalogVariation, 'id' | 'sku' | 'name' | 'weightGrams' | 'currency' | 'available' | 'archivedAt'> {
  costPrice: DecimalLike | null;
  product: { name: string; weightGrams: number; isActive: boolean; archivedAt: Date | null; stockType: string };
}

/** The variations read (withPrices: each row also a PriceRow); NotFoundError for the first id of `ids` not among them. */
export function catalogFrom(ids: readonly number[], rows: readonly VariationRow[], withPrices: boolean) {
  const prices = new Map<number, PriceRow>();
  if (withPrices) for (const row of rows) prices.set(row.id, row as unknown as PriceRow);
  const variations = new Map<number, CatalogVariation>(
    rows.map((v) => [
      v.id,
      {
        id: v.id,
        sku: v.sku,
        name: v.name,
        weightGrams: v.weightGrams,
        currency: v.currency,
        available: v.available,
        archivedAt: v.archivedAt,
        productName: v.product.name,
        productWeightGrams: v.product.weightGrams,
        productActive: v.product.isActive,
        productArchived: v.product.archivedAt !== null,
        stockType: v.product.stockType,
        costPrice: v.costPrice === null ? null : dec(v.costPrice).toFixed(2),
      },
    ]),
  );
  const missing = ids.find((id) => !variations.has(id));
  if (missing !== undefined) throw new NotFoundError('Variation', String(missing));
  return { variations, prices };
}

/** Problems of a variation that can no longer be sold. */
export function checkSellable(problems: Problems, path: InputPath, variation: CatalogVariation) {
  if (variation.archivedAt || variation.productArchived) problems.add(path, `variation ${variation.sku} is archived`);
  else if (!variation.available || !variation.productActive) problems.add(path, `variation ${variation.sku} is not available for sale`);
}

export interface PricedLine {
  unitPrice: Decimal;
  priceSource: PriceSource;
}

/**
 * Unit prices in line order: the override when given, else the catalog rule
 * (category price, wholesale tier) of the pricing helper's priceLinesFor.
 */
export async function priceLines(
  db: ReadDb,
  tenantId: number,
  pricing: CustomerPricing,
  lines: Array<{ variationId: number; quantity: number; override?: Decimal | null }>,
  options: { atCost?: boolean; prices?: ReadonlyMap<number, PriceRow> } = {},
): Promise<PricedLine[]> {
  if (options.atCost) return costLines(db, tenantId, lines);
  const wanted = lines.filter((l) => l.override == null);
  const resolved = await priceLinesFor(db, tenantId, { category: pricing.category }, wanted, options.prices);
  let next = 0;
  return lines.map((l) => {
    if (l.override != null) return { unitPrice: l.override, priceSource: 'OVERRIDE' };
    const r = resolved[next++]!;
    return { unitPrice: r.unitPrice, priceSource: r.source };
  });
}

/** Internal orders (transfers, returns to a supplier) are valued at the variations' cost price (0 when unknown); an override still wins. */
async function costLines(db: ReadDb, tenantId: number, lines: Array<{ variationId: number; override?: Decimal | null }>): Promise<PricedLine[]> {
  const ids = [...new Set(lines.filter((l) => l.override == null).map((l) => l.variationId))];
  const rows = ids.length ? await db.variation.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, costPrice: true } }) : [];
  const cost = new Map(rows.map((r) => [r.id, r.costPrice]));
  return lines.map((l) =>
    l.override != null ? { unitPrice: l.override, priceSource: 'OVERRIDE' } : { unitPrice: dec(cost.get(l.variationId)?.toString() ?? 0), priceSource: 'COST' },
  );
}

export function lineWeight(variation: CatalogVariation, quantity: number): number {
  return (variation.weightGrams || variation.productWeightGrams) * quantity;
}

/** Ids that must belong to the tenant: warehouses, order source, regions, party customers. */
export interface ReferenceIds {
  warehouseIds?: number[];
  sourceId?: number | null;
  regionIds?: number[];
  customerIds?: number[];
  /** The order's customer: checked first (NotFoundError before any other reference) and its pricing returned, from the same read. */
  pricingCustomerId?: number | null;
}

/** A customer as an order's parties and pricing read it. */
export interface CustomerRow {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  regionId: number | null;
  postalCode: string | null;
  status: string;
  category: (PricingCategory & { discountAccess: boolean }) | null;
}

/** What checkReferences finds of the ids (read by it, or by orderCreate's one statement). */
export interface ReferenceRows {
  warehouses: Array<{ id: number }>;
  source: { id: number; isActive: boolean } | null;
  regions: Array<{ id: number }>;
  customers: CustomerRow[];
}

/** The ids each kind of reference is read for, without repeats. */
export function referenceIds(refs: ReferenceIds) {
  return {
    warehouseIds: [...new Set(refs.warehouseIds ?? [])],
    regionIds: [...new Set(refs.regionIds ?? [])],
    customerIds: [...new Set([...(refs.customerIds ?? []), ...(refs.pricingCustomerId ? [refs.pricingCustomerId] : [])])],
  };
}

export async function checkReferences(db: ReadDb, tenantId: number, refs: ReferenceIds) {
  const { warehouseIds, regionIds, customerIds } = referenceIds(refs);
  const [warehouses, source, regions, customers] = await Promise.all([
    warehouseIds.length ? db.warehouse.findMany({ where: { tenantId, id: { in: warehouseIds } }, select: { id: true } }) : [],
    refs.sourceId ? db.orderSource.findFirst({ where: { tenantId, id: refs.sourceId }, select: { id: true, isActive: true } }) : null,
    regionIds.length ? db.region.findMany({ where: { tenantId, id: { in: regionIds } }, select: { id: true } }) : [],
    customerIds.length
      ? db.customer.findMany({
          where: { tenantId, id: { in: customerIds }, deletedAt: null },
          select: { id: true, name: true, phone: true, email: true, address: true, regionId: true, postalCode: true, status: true, category: { select: categorySelect } },
        })
      : [],
  ]);
  return referencesFrom(refs, { warehouses, source, regions, customers });
}

/** checkReferences' verdict on the rows found: NotFoundError for the first id missing, the pricing customer's first. */
export function referencesFrom(refs: ReferenceIds, rows: ReferenceRows) {
  const { warehouseIds, regionIds, customerIds } = referenceIds(refs);
  const { customers, source } = rows;
  const missing = (entity: string, wanted: number[], found: Array<{ id: number }>) => {
    const ids = new Set(found.map((r) => r.id));
    const id = wanted.find((w) => !ids.has(w));
    if (id !== undefined) throw new NotFoundError(entity, String(id));
  };
  const pricingCustomer = refs.pricingCustomerId ? customers.find((c) => c.id === refs.pricingCustomerId) : undefined;
  if (refs.pricingCustomerId && !pricingCustomer) throw new NotFoundError('Customer', String(refs.pricingCustomerId));
  const pricing: CustomerPricing = pricingCustomer ? { customerId: pricingCustomer.id, category: pricingCustomer.category } : { customerId: null, category: null };
  missing('Warehouse', warehouseIds, rows.warehouses);
  if (refs.sourceId && !source) throw new NotFoundError('OrderSource', String(refs.sourceId));
  missing('Region', regionIds, rows.regions);
  missing('Customer', customerIds, customers);
  // A deactivated source stays on the orders that name it; new ones may not (the caller reports it with the other problems).
  return { customers: new Map(customers.map((c) => [c.id, c])), pricing, sourceInactive: source ? !source.isActive : false };
}

/** The OrderParty columns of a party input, filled from its customer where not given. */
export function partyColumns(party: PartyData, customer: CustomerRow | undefined) {
  return {
    customerId: party.customerId ?? null,
    name: clean(party.name) ?? customer?.name ?? '',
    phone: clean(party.phone) ?? customer?.phone ?? null,
    email: clean(party.email) ?? customer?.email ?? null,
    address: clean(party.address) ?? customer?.address ?? null,
    regionId: party.regionId ?? customer?.regionId ?? null,
    province: clean(party.province),
    city: clean(party.city),
    district: clean(party.district),
    subDistrict: clean(party.subDistrict),
    postalCode: clean(party.postalCode) ?? customer?.postalCode ?? null,
    country: clean(party.country),
    latitude: party.latitude ?? null,
    longitude: party.longitude ?? null,
    remarks: clean(party.remarks),
  };
}

/**
 * Own-stock lines beyond what is available now (on hand minus reserved, over the
 * active warehouses, or at the origin warehouse when the order names one) are
 * problems, each naming the line's quantity and the total available, unless the
 * order is a backorder. Lines of one variation count together; supplier and
 * preorder stock is not counted here.
 */
export async function checkAvailability(
  db: ReadDb,
  problems: Problems,
  tenantId: number,
  lines: ReadonlyArray<AvailabilityLine>,
  originWarehouseId: number | null | undefined,
): Promise<void> {
  const ids = [...new Set(lines.filter((l) => l.variation.stockType === 'OWN').map((l) => l.variation.id))];
  if (!ids.length) return;
  const levels = await db.stockLevel.findMany({
    where: { tenantId, variationId: { in: ids }, ...(originWarehouseId ? { warehouseId: originWarehouseId } : { warehouse: { isActive: true } }) },
    select: { variationId: true, onHand: true, reserved: true },
  });
  availabilityProblems(problems, lines, levels, originWarehouseId);
}

type AvailabilityLine = { path: InputPath; variation: Pick<CatalogVariation, 'id' | 'sku' | 'stockType'>; quantity: number };

/** checkAvailability on stock rows read already (those of the origin warehouse, else of the active ones; other variations' rows are ignored). */
export function availabilityProblems(
  problems: Problems,
  lines: ReadonlyArray<AvailabilityLine>,
  levels: ReadonlyArray<{ variationId: number; onHand: number; reserved: number }>,
  originWarehouseId: number | null | undefined,
): void {
  const own = lines.filter((l) => l.variation.stockType === 'OWN');
  if (!own.length) return;
  const available = new Map<number, number>();
  for (const level of levels) available.set(level.variationId, (available.get(level.variationId) ?? 0) + Math.max(level.onHand - level.reserved, 0));
  const wanted = new Map<number, number>();
  for (const line of own) wanted.set(line.variation.id, (wanted.get(line.variation.id) ?? 0) + line.quantity);
  const where = originWarehouseId ? 'at the origin warehouse' : 'over the active warehouses';
  for (const line of own) {
    const total = wanted.get(line.variation.id)!;
    const have = available.get(line.variation.id) ?? 0;
    if (total <= have) continue;
    const of = total === line.quantity ? `${line.quantity} requested` : `${line.quantity} requested (${total} on the order's lines of this variation)`;
    problems.add([...line.path, 'quantity'], `${line.variation.sku}: ${of}, ${have} available ${where}; set backorder: true to order it anyway`);
  }
}
