// Deterministic demo data for one tenant: an Indonesian online shop in the shape of
// seed 002 (catalog with tiered prices, stock per warehouse with its ledger,
// customers by category) with orders in every status and kind, their items,
// costs, events, allocations, shipments, payments, comments and returns.
// Rows are generated in memory from a seeded PRNG, then bulk-inserted with
// INSERT ... SELECT FROM unnest(...) on ids reserved from each table's sequence:
// row-by-row Prisma writes would take minutes for 20,000 orders.
import type { Database, SqlRunner } from './client.js';
import type {
  CancelReason,
  CustomerStatus,
  DiscountType,
  OrderKind,
  OrderStatus,
  PaymentMethod,
  PriceSource,
  StockMovementKind,
  StockType,
} from './generated/prisma/enums.js';

export interface SeedOptions {
  /** Slug of the tenant to create; seeding refuses an existing slug. */
  tenant: string;
  /** Exact number of orders to create. */
  orders: number;
  /** PRNG seed: the same options give the same data. Default 1. */
  seed?: number;
  /** Called as rows are written, in units of orders. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  tenantId: number;
  /** Rows written per table. */
  counts: Record<string, number>;
}

export class SeedError extends Error {}

/** Every date is relative to this instant, never the clock, so runs are repeatable. */
export const SEED_BASE_TIME = Date.UTC(2026, 10, 1);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Orders span this many days before SEED_BASE_TIME. */
const ORDER_WINDOW = 180 * DAY;
const CHUNK_ROWS = 5_000;

// ---------------------------------------------------------------- PRNG

/** mulberry32: a small, fast, well-distributed 32-bit PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  /** Index in [0, n) biased towards 0 (bestsellers, loyal customers). */
  skewed(n: number, power: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  /** Time in [from, to]. */
  between(from: number, to: number): number {
    return from + Math.floor(this.next() * Math.max(0, to - from));
  }
}

// ---------------------------------------------------------------- money (integer cents)

const idr = (rupiah: number) => Math.round(rupiah * 100);
/** Rounds cents to a multiple of `rupiah` rupiah. */
const roundIdr = (cents: number, rupiah: number) => Math.round(cents / (rupiah * 100)) * rupiah * 100;
/** cents * percent, half-up, to whole rupiah; percent given in basis points (10% = 1000). */
const percentOf = (cents: number, bps: number) => Math.floor((cents * bps) / 1_000_000 + 0.5) * 100;
const bpsOf = (percent: string) => Math.round(Number(percent) * 100);
/** Discount of a cascaded string such as "10+5": each step applies to what the previous left. */
function cascadedDiscount(cents: number, value: string): number {
  let left = cents;
  for (const part of value.split('+')) left -= percentOf(left, bpsOf(part));
  return cents - left;
}
function moneyText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------- tables and bulk insert

type ColType = 'int' | 'text' | 'bool' | 'money' | 'coord' | 'ts' | 'texts' | `enum:${string}`;
// ref: the table whose row index the value holds (turned into that row's id at insert time).
type Col = readonly [name: string, type: ColType, ref?: string];
type Row = Record<string, unknown>;

// Insert order: a table only references tables above it (or itself).
const TABLES = {
  Region: [['level', 'enum:RegionLevel'], ['code', 'text'], ['name', 'text'], ['parentId', 'int', 'Region'], ['postalCodes', 'texts']],
  Courier: [['code', 'text'], ['name', 'text'], ['supportsCod', 'bool'], ['isActive', 'bool'], ['createdAt', 'ts']],
  BankAccount: [['bankName', 'text'], ['accountName', 'text'], ['accountNumber', 'text'], ['isActive', 'bool'], ['createdAt', 'ts']],
  OrderSource: [['name', 'text'], ['isActive', 'bool'], ['createdAt', 'ts']],
  OrderReason: [['kind', 'enum:ReasonKind'], ['code', 'text'], ['label', 'text'], ['isActive', 'bool']],
  CustomerCategory: [
    ['code', 'text'], ['name', 'text'], ['isActive', 'bool'], ['discountAccess', 'bool'], ['wholesaleAccess', 'bool'], ['createdAt', 'ts'],
  ],
  Supplier: [
    ['name', 'text'], ['phone', 'text'], ['email', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['postalCode', 'text'],
    ['notes', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  Warehouse: [
    ['code', 'text'], ['name', 'text'], ['phone', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['postalCode', 'text'],
    ['isActive', 'bool'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  ProductCategory: [['name', 'text'], ['parentId', 'int', 'ProductCategory'], ['createdAt', 'ts']],
  Product: [
    ['name', 'text'], ['description', 'text'], ['stockType', 'enum:StockType'], ['categoryId', 'int', 'ProductCategory'],
    ['supplierId', 'int', 'Supplier'], ['weightGrams', 'int'], ['images', 'texts'], ['isActive', 'bool'], ['isFeatured', 'bool'],
    ['showStock', 'bool'], ['preorderUnit', 'enum:PreorderUnit'], ['preorderLength', 'int'], ['archivedAt', 'ts'], ['createdAt', 'ts'],
    ['updatedAt', 'ts'],
  ],
  Variation: [
    ['productId', 'int', 'Product'], ['sku', 'text'], ['name', 'text'], ['size', 'text'], ['color', 'text'], ['weightGrams', 'int'],
    ['images', 'texts'], ['costPrice', 'money'], ['price', 'money'], ['available', 'bool'], ['archivedAt', 'ts'], ['createdAt', 'ts'],
    ['updatedAt', 'ts'],
  ],
  VariationPrice: [['variationId', 'int', 'Variation'], ['customerCategoryId', 'int', 'CustomerCategory'], ['price', 'money']],
  WholesalePrice: [['variationId', 'int', 'Variation'], ['minQty', 'int'], ['maxQty', 'int'], ['price', 'money']],
  Customer: [
    ['name', 'text'], ['phone', 'text'], ['email', 'text'], ['lineId', 'text'], ['otherContact', 'text'],
    ['categoryId', 'int', 'CustomerCategory'], ['status', 'enum:CustomerStatus'], ['address', 'text'], ['regionId', 'int', 'Region'],
    ['postalCode', 'text'], ['notes', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  CustomerAddress: [
    ['customerId', 'int', 'Customer'], ['label', 'text'], ['recipientName', 'text'], ['phone', 'text'], ['address', 'text'],
    ['regionId', 'int', 'Region'], ['postalCode', 'text'], ['isDefault', 'bool'], ['createdAt', 'ts'],
  ],
  Order: [
    ['code', 'text'], ['kind', 'enum:OrderKind'], ['status', 'enum:OrderStatus'], ['paymentStatus', 'enum:PaymentStatus'],
    ['channel', 'text'], ['sourceId', 'int', 'OrderSource'], ['externalRef', 'text'], ['externalStatus', 'text'],
    ['customerId', 'int', 'Customer'], ['customerCategoryId', 'int', 'CustomerCategory'], ['originWarehouseId', 'int', 'Warehouse'],
    ['destinationWarehouseId', 'int', 'Warehouse'], ['paymentMethod', 'enum:PaymentMethod'], ['subtotal', 'money'],
    ['itemDiscountTotal', 'money'], ['shippingTotal', 'money'], ['discountTotal', 'money'], ['taxTotal', 'money'], ['codFee', 'money'],
    ['insuranceTotal', 'money'], ['otherCostTotal', 'money'], ['grandTotal', 'money'], ['weightGrams', 'int'], ['notes', 'text'],
    ['internalNotes', 'text'], ['salesRep', 'text'], ['orderedAt', 'ts'], ['confirmedAt', 'ts'], ['processedAt', 'ts'],
    ['packedAt', 'ts'], ['shippedAt', 'ts'], ['completedAt', 'ts'], ['cancelledAt', 'ts'], ['returnedAt', 'ts'], ['paidAt', 'ts'],
    ['printedAt', 'ts'], ['printedBy', 'text'], ['cancelReason', 'enum:CancelReason'], ['cancelNote', 'text'], ['cancelledBy', 'text'],
    ['pickupOption', 'enum:PickupOption'], ['version', 'int'], ['createdBy', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  OrderParty: [
    ['orderId', 'int', 'Order'], ['role', 'enum:PartyRole'], ['customerId', 'int', 'Customer'], ['name', 'text'], ['phone', 'text'],
    ['email', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['province', 'text'], ['city', 'text'], ['district', 'text'],
    ['subDistrict', 'text'], ['postalCode', 'text'], ['country', 'text'], ['latitude', 'coord'], ['longitude', 'coord'], ['remarks', 'text'],
  ],
  OrderItem: [
    ['orderId', 'int', 'Order'], ['variationId', 'int', 'Variation'], ['sku', 'text'], ['productName', 'text'], ['variationName', 'text'],
    ['quantity', 'int'], ['unit', 'text'], ['unitPrice', 'money'], ['priceSource', 'enum:PriceSource'], ['discountType', 'enum:DiscountType'],
    ['discountValue', 'text'], ['discountAmount', 'money'], ['lineTotal', 'money'], ['weightGrams', 'int'], ['isCancelled', 'bool'],
    ['externalLineId', 'text'], ['note', 'text'],
  ],
  OrderItemAllocation: [['orderItemId', 'int', 'OrderItem'], ['warehouseId', 'int', 'Warehouse'], ['quantity', 'int'], ['shippedQuantity', 'int']],
  OrderAdjustment: [
    ['orderId', 'int', 'Order'], ['category', 'enum:AdjustmentCategory'], ['name', 'text'], ['type', 'enum:DiscountType'], ['value', 'text'],
    ['amount', 'money'], ['createdAt', 'ts'],
  ],
  OrderEvent: [
    ['orderId', 'int', 'Order'], ['sequence', 'int'], ['type', 'text'], ['fromStatus', 'enum:OrderStatus'], ['toStatus', 'enum:OrderStatus'],
    ['actor', 'text'], ['reason', 'text'], ['note', 'text'], ['createdAt', 'ts'],
  ],
  Comment: [['orderId', 'int', 'Order'], ['author', 'text'], ['body', 'text'], ['visibility', 'enum:CommentVisibility'], ['createdAt', 'ts']],
  CancellationRequest: [
    ['orderId', 'int', 'Order'], ['requestedBy', 'enum:CancellationRequester'], ['reason', 'enum:CancelReason'], ['note', 'text'],
    ['status', 'enum:CancellationRequestStatus'], ['decidedAt', 'ts'], ['decidedBy', 'text'], ['createdAt', 'ts'],
  ],
  OrderReturn: [
    ['orderId', 'int', 'Order'], ['returnBy', 'text'], ['reason', 'text'], ['restock', 'bool'], ['actor', 'text'], ['createdAt', 'ts'],
  ],
  OrderReturnLine: [
    ['returnId', 'int', 'OrderReturn'], ['orderItemId', 'int', 'OrderItem'], ['warehouseId', 'int', 'Warehouse'], ['quantity', 'int'],
  ],
  Shipment: [
    ['orderId', 'int', 'Order'], ['warehouseId', 'int', 'Warehouse'], ['courierId', 'int', 'Courier'], ['serviceName', 'text'],
    ['trackingNumber', 'text'], ['status', 'enum:ShipmentStatus'], ['pickupOption', 'enum:PickupOption'], ['pickupRequestedAt', 'ts'],
    ['pickupSlotStart', 'ts'], ['pickupSlotEnd', 'ts'], ['pickupCancelledAt', 'ts'], ['shippingCost', 'money'], ['weightGrams', 'int'],
    ['lengthCm', 'int'], ['widthCm', 'int'], ['heightCm', 'int'], ['labelPrintedAt', 'ts'], ['labelPrintedBy', 'text'], ['shippedAt', 'ts'],
    ['deliveredAt', 'ts'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  ShipmentEvent: [
    ['shipmentId', 'int', 'Shipment'], ['status', 'text'], ['location', 'text'], ['description', 'text'], ['occurredAt', 'ts'], ['createdAt', 'ts'],
  ],
  Payment: [
    ['orderId', 'int', 'Order'], ['kind', 'enum:PaymentKind'], ['method', 'enum:PaymentMethod'], ['amount', 'money'],
    ['bankAccountId', 'int', 'BankAccount'], ['installmentNumber', 'int'], ['reference', 'text'], ['note', 'text'], ['paidAt', 'ts'],
    ['recordedBy', 'text'], ['createdAt', 'ts'],
  ],
  StockLevel: [['variationId', 'int', 'Variation'], ['warehouseId', 'int', 'Warehouse'], ['onHand', 'int'], ['reserved', 'int'], ['updatedAt', 'ts']],
  StockMovement: [
    ['variationId', 'int', 'Variation'], ['warehouseId', 'int', 'Warehouse'], ['kind', 'enum:StockMovementKind'], ['quantityIn', 'int'],
    ['quantityOut', 'int'], ['reservedDelta', 'int'], ['balance', 'int'], ['description', 'text'], ['actor', 'text'],
    ['orderId', 'int', 'Order'], ['createdAt', 'ts'],
  ],
} as const satisfies Record<string, readonly Col[]>;

type TableName = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Ids reserved from a table's sequence: usually one contiguous range. */
class IdBlock {
  constructor(
    private readonly first: number,
    private readonly list: number[] | null,
    readonly size: number,
  ) {}
  at(index: number): number {
    return this.list ? this.list[index] : this.first + index;
  }
}

/**
 * Takes `counts[table]` ids from each table's serial sequence, so later inserts by
 * Prisma cannot collide. On PostgreSQL a no-op ALTER SEQUENCE locks the sequence
 * against concurrent nextval() for this short transaction, which makes read +
 * setval atomic and O(1) per table; a role that may not alter the sequence falls
 * back to one nextval() per row. PGlite has one connection, so no one can interleave.
 */
async function reserveIds(db: SqlRunner, kind: Database['kind'], counts: Record<TableName, number>): Promise<Record<TableName, IdBlock>> {
  const tables = TABLE_NAMES.filter((t) => counts[t] > 0);
  const ids = Object.fromEntries(TABLE_NAMES.map((t) => [t, new IdBlock(0, [], 0)])) as Record<TableName, IdBlock>;
  const sequences = await db.query<{ t: string; seq: string }>(
    `SELECT t, pg_get_serial_sequence(format('%I', t), 'id') AS seq FROM unnest($1::text[]) AS t`,
    [tables],
  );
  const seqOf = new Map(sequences.map((r) => [r.t, r.seq]));
  try {
    await db.transaction(async (sql) => {
      for (const table of tables) {
        const seq = seqOf.get(table)!;
        if (kind === 'postgres') await sql.exec(`ALTER SEQUENCE ${seq} INCREMENT BY 1`);
        const [state] = await sql.query<{ last: number; called: boolean }>(`SELECT last_value::int AS last, is_called AS called FROM ${seq}`);
        const first = state.called ? Number(state.last) + 1 : Number(state.last);
        await sql.query('SELECT setval($1::regclass, $2::bigint, true)', [seq, first + counts[table] - 1]);
        ids[table] = new IdBlock(first, null, counts[table]);
      }
    });
    return ids;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error; // insufficient_privilege
  }
  for (const table of tables) {
    const [row] = await db.query<{ ids: number[] }>(
      'SELECT array_agg(v)::int[] AS ids FROM (SELECT nextval($1::regclass) AS v FROM generate_series(1, $2::int)) AS s',
      [seqOf.get(table)!, counts[table]],
    );
    ids[table] = new IdBlock(0, row.ids.map(Number).sort((a, b) => a - b), counts[table]);
  }
  return ids;
}

/**
 * On PostgreSQL, half of a bulk insert's server time goes to foreign-key triggers
 * (one lookup per reference per row). Like pg_restore --disable-triggers, skip them
 * for this transaction when that is allowed (superuser) and safe: the tables have
 * no triggers of their own, and every reference was checked to name a row inserted
 * here (arrayLiteral). PGlite, and so the tests, keep the checks on.
 */
async function bulkLoadMode(sql: SqlRunner, kind: Database['kind']): Promise<boolean> {
  if (kind !== 'postgres') return false;
  const [row] = await sql.query<{ superuser: boolean; triggers: number }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser,
            (SELECT count(*)::int FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(
               SELECT format('%I', t)::regclass FROM unnest($1::text[]) AS t)) AS triggers`,
    [TABLE_NAMES],
  );
  if (!row.superuser || row.triggers > 0) return false;
  await sql.exec('SET LOCAL session_replication_role = replica');
  return true;
}

function quoteElement(value: string): string {
  const plain = value.indexOf('"') < 0 && value.indexOf('\\') < 0;
  return plain ? `"${value}"` : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * One column as a PostgreSQL array literal, passed as text (the same on node-pg and
 * PGlite). Reference columns hold row indexes; each must name a row that this seed
 * inserts, which is what makes the foreign key hold (see bulkLoadMode).
 */
function arrayLiteral(type: ColType, ref: string | undefined, rows: readonly Row[], col: string, ids: Record<TableName, IdBlock>): string {
  const parts = new Array<string>(rows.length);
  const refIds = ref ? ids[ref as TableName] : undefined;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][col];
    if (v === null || v === undefined) {
      parts[i] = 'NULL';
      continue;
    }
    if (refIds && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) < refIds.size)) {
      throw new SeedError(`seed bug: reference ${String(v)} to ${ref} is outside its ${refIds.size} rows`);
    }
    switch (type) {
      case 'int':
      case 'ts': // epoch milliseconds, turned into timestamptz in SQL (cheaper than toISOString)
        parts[i] = String(refIds ? refIds.at(v as number) : (v as number));
        break;
      case 'text':
        parts[i] = quoteElement(v as string);
        break;
      case 'bool':
        parts[i] = v ? 't' : 'f';
        break;
      case 'money':
        parts[i] = moneyText(v as number);
        break;
      case 'coord':
        parts[i] = (v as number).toFixed(6);
        break;
      case 'texts':
        parts[i] = quoteElement(`{${(v as string[]).map(quoteElement).join(',')}}`);
        break;
      default:
        parts[i] = v as string; // enum labels are plain identifiers
    }
  }
  return `{${parts.join(',')}}`;
}

function pgArrayType(type: ColType): string {
  switch (type) {
    case 'int':
      return 'int[]';
    case 'text':
    case 'texts':
      return 'text[]';
    case 'bool':
      return 'bool[]';
    case 'money':
    case 'coord':
      return 'numeric[]';
    case 'ts':
      return 'int8[]';
    default:
      return `"${type.slice('enum:'.length)}"[]`;
  }
}

function insertStatement(table: TableName): string {
  const cols: readonly Col[] = TABLES[table];
  const names = ['id', ...cols.map((c) => c[0])];
  const types: ColType[] = ['int', ...cols.map((c) => c[1])];
  const quoted = names.map((n) => `"${n}"`);
  const select = names.map((n, k) =>
    types[k] === 'texts' ? `u."${n}"::text[]` : types[k] === 'ts' ? `timestamptz 'epoch' + u."${n}" * interval '1 millisecond'` : `u."${n}"`,
  );
  const arrays = types.map((t, k) => `$${k + 2}::text::${pgArrayType(t)}`);
  return (
    `INSERT INTO "${table}" ("tenantId", ${quoted.join(', ')}) ` +
    `SELECT $1::int, ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${quoted.join(', ')})`
  );
}

/** Catches a misspelt column in generated rows, which would otherwise insert NULL silently. */
function assertKnownColumns(table: TableName, rows: Row[]) {
  const known = new Set<string>(TABLES[table].map((c) => c[0]));
  for (const row of rows.slice(0, 200)) {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new SeedError(`seed bug: ${table} has no column "${key}"`);
    }
  }
}

// ---------------------------------------------------------------- reference data

type SubdistrictSpec = readonly [code: string, name: string, postalCode: string];
type DistrictSpec = readonly [code: string, name: string, subdistricts: readonly SubdistrictSpec[]];
type CitySpec = readonly [code: string, name: string, lat: number, lng: number, districts: readonly DistrictSpec[]];
type ProvinceSpec = readonly [code: string, name: string, cities: readonly CitySpec[]];

// Kemendagri-style codes: province.city.district.village (1xxx kelurahan, 2xxx desa).
const REGIONS: readonly ProvinceSpec[] = [
  ['31', 'DKI Jakarta', [
    ['31.71', 'Kota Jakarta Pusat', -6.1865, 106.8341, [
      ['31.71.01', 'Gambir', [['1001', 'Gambir', '10110'], ['1002', 'Cideng', '10150'], ['1004', 'Petojo Utara', '10130']]],
      ['31.71.06', 'Menteng', [['1001', 'Menteng', '10310'], ['1002', 'Pegangsaan', '10320'], ['1003', 'Cikini', '10330']]],
    ]],
    ['31.74', 'Kota Jakarta Selatan', -6.2615, 106.8106, [
      ['31.74.07', 'Kebayoran Baru', [['1001', 'Selong', '12110'], ['1002', 'Gunung', '12120'], ['1008', 'Senayan', '12190']]],
      ['31.74.01', 'Tebet', [['1001', 'Tebet Barat', '12810'], ['1005', 'Manggarai', '12850']]],
    ]],
    ['31.73', 'Kota Jakarta Barat', -6.1674, 106.7637, [
      ['31.73.05', 'Kebon Jeruk', [['1001', 'Kebon Jeruk', '11530'], ['1004', 'Kedoya Utara', '11520']]],
      ['31.73.03', 'Grogol Petamburan', [['1001', 'Grogol', '11450'], ['1003', 'Tanjung Duren Selatan', '11470']]],
    ]],
  ]],
  ['32', 'Jawa Barat', [
    ['32.73', 'Kota Bandung', -6.9175, 107.6191, [
      ['32.73.13', 'Coblong', [['1001', 'Dago', '40135'], ['1002', 'Lebakgede', '40132'], ['1004', 'Sekeloa', '40134']]],
      ['32.73.05', 'Sumur Bandung', [['1001', 'Braga', '40111'], ['1004', 'Merdeka', '40113']]],
    ]],
    ['32.01', 'Kabupaten Bogor', -6.5944, 106.7892, [
      ['32.01.01', 'Cibinong', [['1001', 'Cibinong', '16911'], ['1003', 'Pakansari', '16915']]],
    ]],
    ['32.75', 'Kota Bekasi', -6.2383, 106.9756, [
      ['32.75.01', 'Bekasi Barat', [['1001', 'Kranji', '17135'], ['1004', 'Bintara', '17134']]],
    ]],
    ['32.06', 'Kabupaten Tasikmalaya', -7.3506, 108.2172, [
      ['32.06.30', 'Sukaratu', [['2001', 'Sukaratu', '46415'], ['2002', 'Gunungsari', '46415']]],
    ]],
  ]],
  ['33', 'Jawa Tengah', [
    ['33.74', 'Kota Semarang', -6.9667, 110.4167, [
      ['33.74.10', 'Semarang Tengah', [['1001', 'Pekunden', '50134'], ['1003', 'Sekayu', '50132']]],
      ['33.74.07', 'Tembalang', [['1001', 'Tembalang', '50275'], ['1005', 'Bulusan', '50277']]],
    ]],
    ['33.72', 'Kota Surakarta', -7.5755, 110.8243, [
      ['33.72.01', 'Laweyan', [['1001', 'Laweyan', '57148'], ['1005', 'Sondakan', '57147']]],
    ]],
  ]],
  ['34', 'DI Yogyakarta', [
    ['34.71', 'Kota Yogyakarta', -7.7956, 110.3695, [
      ['34.71.05', 'Gondokusuman', [['1001', 'Terban', '55223'], ['1005', 'Baciro', '55225']]],
    ]],
    ['34.04', 'Kabupaten Sleman', -7.7167, 110.3556, [
      ['34.04.07', 'Depok', [['2001', 'Caturtunggal', '55281'], ['2003', 'Condongcatur', '55283']]],
    ]],
  ]],
  ['35', 'Jawa Timur', [
    ['35.78', 'Kota Surabaya', -7.2575, 112.7521, [
      ['35.78.09', 'Genteng', [['1001', 'Genteng', '60275'], ['1004', 'Embong Kaliasin', '60271']]],
      ['35.78.02', 'Wonokromo', [['1001', 'Darmo', '60241'], ['1004', 'Ngagel', '60246']]],
    ]],
    ['35.07', 'Kabupaten Malang', -8.1648, 112.6385, [
      ['35.07.17', 'Tajinan', [['2001', 'Tajinan', '65172'], ['2006', 'Gunungronggo', '65172']]],
    ]],
    ['35.73', 'Kota Malang', -7.9666, 112.6326, [
      ['35.73.02', 'Klojen', [['1003', 'Kauman', '65119'], ['1006', 'Oro-oro Dowo', '65119']]],
    ]],
  ]],
  ['51', 'Bali', [
    ['51.71', 'Kota Denpasar', -8.6705, 115.2126, [
      ['51.71.03', 'Denpasar Barat', [['1004', 'Dauh Puri', '80113'], ['1007', 'Pemecutan', '80119']]],
    ]],
    ['51.03', 'Kabupaten Badung', -8.5819, 115.1771, [
      ['51.03.01', 'Kuta', [['1001', 'Kuta', '80361'], ['1004', 'Legian', '80361']]],
    ]],
  ]],
  ['12', 'Sumatera Utara', [
    ['12.75', 'Kota Medan', 3.5952, 98.6722, [
      ['12.75.08', 'Medan Baru', [['1001', 'Babura', '20153'], ['1005', 'Petisah Hulu', '20151']]],
    ]],
  ]],
  ['73', 'Sulawesi Selatan', [
    ['73.71', 'Kota Makassar', -5.1477, 119.4327, [
      ['73.71.08', 'Ujung Pandang', [['1004', 'Losari', '90111'], ['1006', 'Sawerigading', '90115']]],
    ]],
  ]],
];

interface CourierSpec {
  code: string;
  name: string;
  cod: boolean;
  services: readonly string[];
  awb: (rng: Rng, serial: string) => string;
}

const COURIERS: readonly CourierSpec[] = [
  { code: 'jne', name: 'JNE Express', cod: true, services: ['REG', 'YES', 'OKE', 'JTR'], awb: (r, s) => `CGK${s}${r.digits(6)}` },
  { code: 'jnt', name: 'J&T Express', cod: true, services: ['EZ', 'ECO'], awb: (r, s) => `JP${s}${r.digits(3)}` },
  { code: 'sicepat', name: 'SiCepat Ekspres', cod: true, services: ['REG', 'BEST', 'GOKIL'], awb: (r, s) => `00${s}${r.digits(3)}` },
  { code: 'anteraja', name: 'AnterAja', cod: true, services: ['REG', 'ND'], awb: (r, s) => `1000${s}${r.digits(3)}` },
  { code: 'pos', name: 'POS Indonesia', cod: false, services: ['Pos Kilat Khusus', 'Pos Nextday'], awb: (r, s) => `P${r.digits(3)}${s}ID` },
  { code: 'ninja', name: 'Ninja Xpress', cod: true, services: ['Standard'], awb: (r, s) => `NLIDAP${s}${r.digits(2)}` },
  { code: 'sap', name: 'SAP Express', cod: false, services: ['REG', 'ODS', 'Cargo'], awb: (r, s) => `SAP${s}${r.digits(3)}` },
  { code: 'lion', name: 'Lion Parcel', cod: false, services: ['REGPACK', 'JAGOPACK', 'BIGPACK'], awb: (r, s) => `11LP${s}${r.digits(3)}` },
];

const BANKS = [
  ['BCA', '8720'],
  ['Mandiri', '1370'],
  ['BNI', '0451'],
  ['BRI', '0335'],
] as const;

const ORDER_SOURCES = ['Instagram', 'WhatsApp', 'Shopee', 'Tokopedia', 'Website', 'Facebook'] as const;

const ORDER_REASONS: readonly (readonly ['CANCEL' | 'RETURN' | 'PENDING', string, string])[] = [
  ['CANCEL', 'customer_request', 'Permintaan pembeli'],
  ['CANCEL', 'out_of_stock', 'Stok habis'],
  ['CANCEL', 'payment_failed', 'Pembayaran tidak diterima'],
  ['CANCEL', 'fraud_detected', 'Terindikasi penipuan'],
  ['CANCEL', 'duplicate_order', 'Pesanan ganda'],
  ['CANCEL', 'other', 'Alasan lain'],
  ['RETURN', 'wrong_size', 'Ukuran tidak sesuai'],
  ['RETURN', 'damaged', 'Barang rusak saat diterima'],
  ['RETURN', 'wrong_item', 'Barang yang dikirim salah'],
  ['RETURN', 'not_as_described', 'Tidak sesuai deskripsi'],
  ['RETURN', 'delivery_failed', 'Gagal kirim, kembali ke pengirim'],
  ['PENDING', 'awaiting_payment', 'Menunggu pembayaran'],
  ['PENDING', 'awaiting_stock', 'Menunggu stok'],
  ['PENDING', 'address_check', 'Verifikasi alamat'],
];

interface CategorySpec {
  code: string;
  name: string;
  isActive: boolean;
  discountAccess: boolean;
  wholesaleAccess: boolean;
  /** Category price as a share of the base price, or null for base price. */
  factor: number | null;
  /** Share of variations with a price for this category. */
  coverage: number;
  /** Weight among customers. */
  share: number;
  /** Buys by the dozen (wholesale tiers, PPN on offline invoices). */
  bulk: boolean;
  /** May pay by installments. */
  installments: boolean;
  /** Usually ships to its own buyers under its shop name. */
  dropship: boolean;
}

const CUSTOMER_CATEGORIES: readonly CategorySpec[] = [
  { code: 'N', name: 'Pelanggan', isActive: true, discountAccess: true, wholesaleAccess: true, factor: null, coverage: 0, share: 56, bulk: false, installments: false, dropship: false },
  { code: 'Y', name: 'Reseller', isActive: true, discountAccess: true, wholesaleAccess: true, factor: 0.85, coverage: 0.9, share: 18, bulk: true, installments: true, dropship: false },
  { code: 'D', name: 'Dropshipper', isActive: true, discountAccess: false, wholesaleAccess: false, factor: 0.9, coverage: 0.9, share: 12, bulk: false, installments: false, dropship: true },
  { code: 'MG', name: 'Member Gold', isActive: true, discountAccess: true, wholesaleAccess: false, factor: 0.95, coverage: 0.5, share: 8, bulk: false, installments: true, dropship: false },
  { code: 'AG', name: 'Agen', isActive: true, discountAccess: false, wholesaleAccess: true, factor: 0.8, coverage: 0.4, share: 6, bulk: true, installments: true, dropship: false },
  { code: 'VIP', name: 'Member Platinum (lama)', isActive: false, discountAccess: true, wholesaleAccess: true, factor: 0.9, coverage: 0.1, share: 0, bulk: false, installments: false, dropship: false },
];

const WAREHOUSES = [
  { code: 'GDG-JKT', name: 'Gudang Jakarta', region: '31.73.05.1001', street: 'Jl. Panjang No. 18', hub: 'Hub Cakung', weight: 40 },
  { code: 'GDG-BDG', name: 'Gudang Bandung', region: '32.73.05.1004', street: 'Jl. Merdeka No. 56', hub: 'Hub Bandung Soekarno-Hatta', weight: 20 },
  { code: 'GDG-SBY', name: 'Gudang Surabaya', region: '35.78.09.1001', street: 'Jl. Genteng Kali No. 9', hub: 'Hub Surabaya Rungkut', weight: 20 },
  { code: 'GDG-SMG', name: 'Gudang Semarang', region: '33.74.07.1001', street: 'Jl. Ngesrep Timur V No. 3', hub: 'Hub Semarang Kaligawe', weight: 12 },
  { code: 'GDG-DPS', name: 'Gudang Denpasar', region: '51.71.03.1007', street: 'Jl. Gunung Agung No. 77', hub: 'Hub Denpasar Cargo', weight: 8 },
] as const;

const SUPPLIERS = [
  'CV Sumber Rejeki Textile',
  'PT Tekstil Nusantara Abadi',
  'UD Makmur Jaya',
  'CV Kopi Lampung Raya',
  'PT Kosmetika Indah Lestari',
  'CV Elektronik Sinar Mas',
  'UD Snack Juara Malang',
  'PT Perabot Rumah Sentosa',
];

type AttrKind = 'apparel' | 'shoes' | 'color' | 'volume' | 'shade' | 'flavor' | 'pack' | 'diameter';

interface ProductCategorySpec {
  parent: string;
  name: string;
  prefix: string;
  attrs: AttrKind;
  price: readonly [number, number];
  weight: readonly [number, number];
  items: readonly string[];
}

const PRODUCT_CATEGORIES: readonly ProductCategorySpec[] = [
  { parent: 'Fashion', name: 'Pakaian Wanita', prefix: 'PWN', attrs: 'apparel', price: [75_000, 350_000], weight: [250, 600],
    items: ['Gamis Ceruty Babydoll', 'Blouse Rayon Motif Bunga', 'Tunik Linen Polos', 'Rok Plisket Premium', 'Cardigan Rajut Oversize', 'Kulot Highwaist Crinkle', 'Dress Midi Katun', 'Setelan Piyama Satin'] },
  { parent: 'Fashion', name: 'Pakaian Pria', prefix: 'PPR', attrs: 'apparel', price: [60_000, 300_000], weight: [200, 700],
    items: ['Kemeja Flanel Lengan Panjang', 'Kaos Polos Cotton Combed 30s', 'Celana Chino Slim Fit', 'Jaket Bomber Parasut', 'Kemeja Batik Slimfit', 'Hoodie Fleece Polos', 'Celana Cargo Pendek', 'Koko Kurta Toyobo'] },
  { parent: 'Fashion', name: 'Hijab', prefix: 'HJB', attrs: 'color', price: [15_000, 95_000], weight: [80, 200],
    items: ['Pashmina Ceruty Babydoll', 'Hijab Segi Empat Voal Motif', 'Bergo Jersey Instan', 'Khimar Syari Wolfis', 'Ciput Rajut Anti Pusing'] },
  { parent: 'Fashion', name: 'Sepatu & Sandal', prefix: 'SPT', attrs: 'shoes', price: [85_000, 450_000], weight: [500, 1_000],
    items: ['Sneakers Kanvas Casual', 'Sepatu Pantofel Kulit', 'Sandal Slop Karet', 'Flat Shoes Wanita', 'Sepatu Running Ringan'] },
  { parent: 'Fashion', name: 'Tas & Dompet', prefix: 'TAS', attrs: 'color', price: [35_000, 350_000], weight: [150, 900],
    items: ['Tas Selempang Kulit Sintetis', 'Ransel Laptop Anti Air', 'Totebag Kanvas Sablon', 'Dompet Lipat Pria', 'Sling Bag Mini'] },
  { parent: 'Kecantikan', name: 'Perawatan Wajah', prefix: 'SKN', attrs: 'volume', price: [25_000, 150_000], weight: [50, 250],
    items: ['Serum Vitamin C', 'Facial Wash Gentle', 'Sunscreen SPF 50 PA++++', 'Toner Hydrating', 'Moisturizer Gel Aloe'] },
  { parent: 'Kecantikan', name: 'Makeup', prefix: 'MKP', attrs: 'shade', price: [20_000, 180_000], weight: [30, 150],
    items: ['Lip Cream Matte', 'Cushion Foundation', 'Bedak Padat Two Way Cake', 'Eyeliner Spidol Waterproof', 'Blush On Powder'] },
  { parent: 'Makanan & Minuman', name: 'Makanan Ringan', prefix: 'SNK', attrs: 'flavor', price: [10_000, 60_000], weight: [100, 550],
    items: ['Keripik Singkong', 'Basreng Daun Jeruk', 'Makaroni Ngehe', 'Kacang Bawang Renyah', 'Keripik Pisang', 'Seblak Instan Kering'] },
  { parent: 'Makanan & Minuman', name: 'Minuman', prefix: 'MNM', attrs: 'pack', price: [18_000, 120_000], weight: [200, 1_100],
    items: ['Kopi Bubuk Robusta Lampung', 'Teh Tubruk Wangi Melati', 'Kopi Susu Gula Aren', 'Susu Kurma Madu', 'Jahe Merah Instan'] },
  { parent: 'Makanan & Minuman', name: 'Bumbu Dapur', prefix: 'BMB', attrs: 'pack', price: [15_000, 75_000], weight: [150, 600],
    items: ['Sambal Bawang Homemade', 'Bumbu Rendang Instan', 'Kecap Manis Botol', 'Sambal Roa Manado'] },
  { parent: 'Elektronik', name: 'Aksesoris HP', prefix: 'AHP', attrs: 'color', price: [15_000, 250_000], weight: [50, 350],
    items: ['Charger Fast Charging 20W', 'Kabel Data Type-C 1m', 'Powerbank 10000mAh', 'Case HP Silikon Bening', 'Tempered Glass Full Cover', 'Holder HP Motor'] },
  { parent: 'Elektronik', name: 'Audio', prefix: 'AUD', attrs: 'color', price: [45_000, 450_000], weight: [100, 800],
    items: ['TWS Earbuds Bluetooth 5.3', 'Headset Gaming RGB', 'Speaker Bluetooth Mini', 'Earphone Kabel Bass'] },
  { parent: 'Rumah Tangga', name: 'Peralatan Dapur', prefix: 'DPR', attrs: 'diameter', price: [25_000, 450_000], weight: [300, 3_000],
    items: ['Panci Presto Stainless', 'Wajan Teflon Anti Lengket', 'Set Pisau Dapur 6 in 1', 'Rice Cooker Mini 0.8L', 'Toples Kaca Kedap Udara'] },
  { parent: 'Rumah Tangga', name: 'Dekorasi', prefix: 'DKR', attrs: 'color', price: [30_000, 300_000], weight: [200, 2_500],
    items: ['Lampu Tidur LED Estetik', 'Sarung Bantal Sofa Motif', 'Tirai Jendela Blackout', 'Rak Dinding Kayu Minimalis'] },
];

const BRANDS = ['Zahra', 'Rumah Kain', 'Nusantara', 'Kirana', 'Bintang', 'Sinar', 'Mutiara', 'Aruna', 'Lestari', 'Cahaya', 'Sekar', 'Arunika'];
const COLORS = ['Hitam', 'Putih', 'Navy', 'Maroon', 'Mocca', 'Sage', 'Dusty Pink', 'Abu-abu', 'Army', 'Cream'];
const APPAREL_SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const SHOE_SIZES = ['38', '39', '40', '41', '42', '43'];
const VOLUMES = ['20ml', '30ml', '50ml', '100ml'];
const SHADES = ['01 Ivory', '02 Natural', '03 Sand', '04 Honey', '05 Rosy', '06 Nude'];
const FLAVORS = ['Original', 'Balado', 'Pedas Manis', 'Keju', 'Jagung Bakar', 'Extra Pedas'];
const SNACK_SIZES = ['100g', '250g', '500g'];
const PACKS = ['200g', '500g', '1kg', '1L'];
const DIAMETERS = ['18cm', '20cm', '22cm', '24cm'];

const FEMALE_NAMES = ['Siti', 'Dewi', 'Putri', 'Rina', 'Sri', 'Ayu', 'Nurul', 'Fitri', 'Indah', 'Wulan', 'Ratna', 'Maya', 'Dian', 'Intan', 'Anisa', 'Nabila', 'Aulia', 'Rahma', 'Kartika', 'Mega', 'Yuliana', 'Novi', 'Endah', 'Tri', 'Citra'];
const MALE_NAMES = ['Budi', 'Agus', 'Andi', 'Joko', 'Eko', 'Rizky', 'Fajar', 'Dedi', 'Hendra', 'Ahmad', 'Muhammad', 'Yoga', 'Bayu', 'Dimas', 'Arif', 'Rudi', 'Wahyu', 'Teguh', 'Bambang', 'Iwan', 'Hadi', 'Slamet', 'Reza', 'Ilham', 'Gilang'];
const LAST_NAMES = ['Santoso', 'Wijaya', 'Saputra', 'Pratama', 'Hidayat', 'Kurniawan', 'Setiawan', 'Lestari', 'Rahmawati', 'Susanti', 'Nugroho', 'Siregar', 'Nasution', 'Simanjuntak', 'Hakim', 'Gunawan', 'Permana', 'Firmansyah', 'Utami', 'Wibowo', 'Purnomo', 'Sitompul', 'Harahap', 'Putra', 'Maharani', 'Kusuma', 'Halim', 'Tanjung', 'Sembiring', 'Ramadhan'];
const STREETS = ['Merdeka', 'Sudirman', 'Diponegoro', 'Gatot Subroto', 'Ahmad Yani', 'Pahlawan', 'Cempaka Putih', 'Melati', 'Mawar', 'Kenanga', 'Veteran', 'Siliwangi', 'Gajah Mada', 'Hayam Wuruk', 'Kartini', 'Pemuda', 'Imam Bonjol', 'Teuku Umar', 'Cendrawasih', 'Flamboyan'];
const PHONE_PREFIXES = ['0812', '0813', '0821', '0822', '0852', '0856', '0857', '0878', '0896', '0881'];
const STAFF = ['cs.rina', 'cs.dimas', 'admin.ayu', 'admin.budi'];
const SALES_REPS = ['Andi Saputra', 'Wulan Lestari', 'Hendra Gunawan', 'Maya Kusuma'];

// ---------------------------------------------------------------- order lifecycle

type Step = 'create' | 'confirm' | 'process' | 'pack' | 'ship' | 'complete' | 'cancel' | 'return';

const FORWARD: readonly (readonly [Step, OrderStatus | null, OrderStatus])[] = [
  ['create', null, 'PENDING'],
  ['confirm', 'PENDING', 'CONFIRMED'],
  ['process', 'CONFIRMED', 'PROCESSING'],
  ['pack', 'PROCESSING', 'PACKED'],
  ['ship', 'PACKED', 'SHIPPED'],
  ['complete', 'SHIPPED', 'COMPLETED'],
];

/** Time from the previous step, [min, max]. */
const STEP_GAP: Record<Step, readonly [number, number]> = {
  create: [0, 0],
  confirm: [5 * MIN, 8 * HOUR],
  process: [30 * MIN, 30 * HOUR],
  pack: [20 * MIN, 10 * HOUR],
  ship: [HOUR, 36 * HOUR],
  complete: [DAY, 6 * DAY],
  cancel: [10 * MIN, 3 * DAY],
  return: [2 * DAY, 10 * DAY],
};

const STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'RETURNED'];
const STATUS_WEIGHTS: readonly (readonly [OrderStatus, number])[] = [
  ['PENDING', 7], ['CONFIRMED', 5], ['PROCESSING', 5], ['PACKED', 4], ['SHIPPED', 9], ['COMPLETED', 55], ['CANCELLED', 10], ['RETURNED', 5],
];
const OTHER_KINDS: readonly OrderKind[] = ['REQUEST', 'DISTRIBUTION', 'RETURN', 'CENTRAL_DISTRIBUTION', 'RELOCATION'];
const KIND_WEIGHTS: readonly (readonly [OrderKind, number])[] = [
  ['SALE', 88], ['REQUEST', 3], ['DISTRIBUTION', 3], ['RETURN', 2], ['CENTRAL_DISTRIBUTION', 2], ['RELOCATION', 2],
];
/** Stock moves between the tenant's own warehouses. */
const TRANSFER_KINDS = new Set<OrderKind>(['DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION']);
/** No customer and no payment: transfers, and returns of goods to a supplier. */
const INTERNAL_KINDS = new Set<OrderKind>([...TRANSFER_KINDS, 'RETURN']);

interface Transition {
  type: Step;
  from: OrderStatus | null;
  to: OrderStatus;
  at: number;
}

interface OrderPlan {
  seq: number;
  status: OrderStatus;
  kind: OrderKind;
  orderedAt: number;
  transitions: Transition[];
  times: Partial<Record<Step, number>>;
}

interface VariationInfo {
  idx: number;
  sku: string;
  productName: string;
  name: string;
  price: number;
  cost: number;
  weight: number;
  own: boolean;
  categoryPrices: Map<number, number>;
  tiers: { min: number; max: number | null; price: number }[];
}

interface RegionInfo {
  idx: number;
  name: string;
  code: string;
  parent: number | null;
  lat: number;
  lng: number;
  postalCode: string | null;
}

interface CustomerInfo {
  idx: number;
  name: string;
  phone: string;
  email: string | null;
  category: number | null;
  region: number;
  address: string;
  postalCode: string;
  shopName: string;
  addresses: { region: number; address: string; postalCode: string; recipient: string; phone: string }[];
}

interface MovementSpec {
  level: number;
  kind: StockMovementKind;
  qin: number;
  qout: number;
  reserved: number;
  at: number;
  order: number | null;
  description: string;
  actor: string;
  seq: number;
}

interface PaymentSpec {
  kind: 'PAYMENT' | 'REFUND';
  amount: number;
  at: number;
  installment: number | null;
}

// ---------------------------------------------------------------- generator

class TenantData {
  readonly rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as Row[]])) as Record<TableName, Row[]>;
  private readonly rng: Rng;
  private readonly regions: RegionInfo[] = [];
  private readonly regionByCode = new Map<string, number>();
  private readonly subdistricts: number[] = [];
  private readonly couriers: { idx: number; spec: CourierSpec }[] = [];
  private readonly sourceByName = new Map<string, number>();
  private readonly warehouses: { idx: number; code: string; name: string; region: number; address: string; hub: string; weight: number }[] = [];
  private readonly variations: VariationInfo[] = [];
  private readonly ownVariations: number[] = [];
  private readonly popular: number[] = [];
  private readonly customers: CustomerInfo[] = [];
  private readonly buyers: number[] = [];
  private readonly suppliers: { name: string; address: string; region: number }[] = [];
  /** Stock level index = own-variation position * warehouses + warehouse. */
  private readonly ownPosition = new Map<number, number>();
  private readonly movements: MovementSpec[] = [];
  private movementSeq = 0;

  constructor(
    private readonly slug: string,
    private readonly tenantName: string,
    private readonly orderCount: number,
    seed: number,
  ) {
    this.rng = new Rng(seed);
  }

  build(): void {
    this.buildRegions();
    this.buildReference();
    this.buildCatalog();
    this.buildCustomers();
    this.buildOrders();
    this.buildStock();
  }

  private add(table: TableName, row: Row): number {
    const rows = this.rows[table];
    rows.push(row);
    return rows.length - 1;
  }

  // ------------------------------------------------------------ regions and reference data

  private buildRegions() {
    for (const [pCode, pName, cities] of REGIONS) {
      const province = this.addRegion('PROVINCE', pCode, pName, null, [], 0, 0, null);
      const provincePostal: string[] = [];
      for (const [cCode, cName, lat, lng, districts] of cities) {
        const cityPostal: string[] = [];
        const city = this.addRegion('CITY', cCode, cName, province, cityPostal, lat, lng, null);
        for (const [dCode, dName, villages] of districts) {
          const districtPostal: string[] = [];
          const district = this.addRegion('DISTRICT', dCode, dName, city, districtPostal, lat, lng, null);
          for (const [vCode, vName, postal] of villages) {
            const idx = this.addRegion('SUBDISTRICT', `${dCode}.${vCode}`, vName, district, [postal], lat, lng, postal);
            this.subdistricts.push(idx);
            for (const list of [districtPostal, cityPostal, provincePostal]) if (!list.includes(postal)) list.push(postal);
          }
        }
      }
      this.rows.Region[province].postalCodes = provincePostal;
    }
  }

  private addRegion(level: string, code: string, name: string, parent: number | null, postalCodes: string[], lat: number, lng: number, postal: string | null) {
    const idx = this.add('Region', { level, code, name, parentId: parent, postalCodes });
    this.regions.push({ idx, name, code, parent, lat, lng, postalCode: postal });
    this.regionByCode.set(code, idx);
    return idx;
  }

  /** Province, city, district and subdistrict names of a subdistrict. */
  private regionPath(sub: number) {
    const district = this.regions[sub].parent!;
    const city = this.regions[district].parent!;
    const province = this.regions[city].parent!;
    return { province, city, district, sub };
  }

  private buildReference() {
    const rng = this.rng;
    const at = SEED_BASE_TIME - 400 * DAY;
    for (const spec of COURIERS) {
      const idx = this.add('Courier', { code: spec.code, name: spec.name, supportsCod: spec.cod, isActive: true, createdAt: at });
      this.couriers.push({ idx, spec });
    }
    for (const [bank, branch] of BANKS) {
      this.add('BankAccount', { bankName: bank, accountName: this.tenantName, accountNumber: `${branch}${rng.digits(bank === 'Mandiri' ? 9 : 6)}`, isActive: true, createdAt: at });
    }
    for (const name of ORDER_SOURCES) {
      this.sourceByName.set(name, this.add('OrderSource', { name, isActive: name !== 'Facebook', createdAt: at }));
    }
    for (const [kind, code, label] of ORDER_REASONS) this.add('OrderReason', { kind, code, label, isActive: true });
    for (const c of CUSTOMER_CATEGORIES) {
      this.add('CustomerCategory', {
        code: c.code, name: c.name, isActive: c.isActive, discountAccess: c.discountAccess, wholesaleAccess: c.wholesaleAccess, createdAt: at,
      });
    }
    for (const name of SUPPLIERS) {
      const region = rng.pick(this.subdistricts);
      const address = `${rng.pick(['Jl.', 'Jl. Raya'])} ${rng.pick(STREETS)} No. ${rng.int(1, 200)}`;
      this.suppliers.push({ name, address, region });
      this.add('Supplier', {
        name,
        phone: `021${rng.digits(8)}`,
        email: `sales@${name.toLowerCase().replace(/^(cv|pt|ud) /, '').replace(/[^a-z]+/g, '')}.co.id`,
        address,
        regionId: region,
        postalCode: this.regions[region].postalCode,
        notes: rng.chance(0.3) ? 'Tempo pembayaran 30 hari' : null,
        createdAt: at,
        updatedAt: at,
      });
    }
    const warehouseCount = this.orderCount < 500 ? 3 : this.orderCount < 5_000 ? 4 : 5;
    for (const w of WAREHOUSES.slice(0, warehouseCount)) {
      const region = this.regionByCode.get(w.region)!;
      const idx = this.add('Warehouse', {
        code: w.code, name: w.name, phone: `08${rng.digits(10)}`, address: w.street, regionId: region,
        postalCode: this.regions[region].postalCode, isActive: true, createdAt: at, updatedAt: at,
      });
      this.warehouses.push({ idx, code: w.code, name: w.name, region, address: w.street, hub: w.hub, weight: w.weight });
    }
  }

  // ------------------------------------------------------------ catalog

  private buildCatalog() {
    const rng = this.rng;
    const parents = new Map<string, number>();
    const leafIdx: number[] = [];
    const at = SEED_BASE_TIME - 400 * DAY;
    for (const spec of PRODUCT_CATEGORIES) {
      if (!parents.has(spec.parent)) parents.set(spec.parent, this.add('ProductCategory', { name: spec.parent, parentId: null, createdAt: at }));
      leafIdx.push(this.add('ProductCategory', { name: spec.name, parentId: parents.get(spec.parent)!, createdAt: at }));
    }
    const productCount = Math.min(2_000, Math.max(20, Math.round(this.orderCount / 40)));
    const categoryCount = CUSTOMER_CATEGORIES.length;
    for (let p = 0; p < productCount; p++) {
      const c = p < PRODUCT_CATEGORIES.length ? p : rng.int(0, PRODUCT_CATEGORIES.length - 1);
      const spec = PRODUCT_CATEGORIES[c];
      // The first products are own stock, so transfers always have something to move.
      const stockType: StockType = p < 3 ? 'OWN' : rng.weighted([['OWN', 80], ['SUPPLIER', 12], ['PREORDER', 8]]);
      const base = rng.pick(spec.items);
      const name = rng.chance(0.7) ? `${base} ${rng.pick(BRANDS)}` : base;
      const createdAt = SEED_BASE_TIME - 200 * DAY - rng.int(0, 200) * DAY - rng.int(0, DAY);
      const archived = rng.chance(0.03);
      const weight = roundTo(rng.int(spec.weight[0], spec.weight[1]), 10);
      const preorderUnit = stockType === 'PREORDER' ? rng.pick(['DAY', 'WEEK'] as const) : null;
      const productIdx = this.add('Product', {
        name,
        description: `${name} — kualitas terbaik, siap kirim dari gudang kami. Cocok untuk dijual kembali.`,
        stockType,
        categoryId: leafIdx[c],
        supplierId: stockType === 'OWN' && rng.chance(0.7) ? null : rng.int(0, SUPPLIERS.length - 1),
        weightGrams: weight,
        images: Array.from({ length: rng.int(1, 3) }, (_, k) => `https://cdn.ordergraph.example/${this.slug}/products/${spec.prefix.toLowerCase()}-${pad(p + 1, 4)}-${k + 1}.jpg`),
        isActive: !archived,
        isFeatured: rng.chance(0.08),
        showStock: stockType === 'OWN',
        preorderUnit,
        preorderLength: preorderUnit === null ? null : preorderUnit === 'DAY' ? rng.int(3, 14) : rng.int(1, 4),
        archivedAt: archived ? SEED_BASE_TIME - rng.int(1, 60) * DAY : null,
        createdAt,
        updatedAt: createdAt + rng.int(0, 30) * DAY,
      });
      const archivedAt = this.rows.Product[productIdx].archivedAt as number | null;

      const basePrice = roundIdr(idr(rng.int(spec.price[0], spec.price[1])), 500);
      this.variationAttrs(spec.attrs, rng.int(1, 4)).forEach((attrs, n) => {
        const v = this.rows.Variation.length;
        const price = Math.max(idr(1_000), roundIdr(basePrice * (1 + (attrs.step ?? 0) * 0.12), 500));
        const cost = roundIdr(price * (0.55 + rng.next() * 0.2), 100);
        const sku = `${spec.prefix}-${pad(p + 1, 4)}-${pad(n + 1, 2)}`;
        const variationWeight = weight + (attrs.step ?? 0) * 20;
        this.add('Variation', {
          productId: productIdx,
          sku,
          name: attrs.name,
          size: attrs.size,
          color: attrs.color,
          weightGrams: variationWeight,
          images: [],
          costPrice: cost,
          price,
          available: stockType === 'OWN' || rng.chance(0.85),
          archivedAt,
          createdAt,
          updatedAt: createdAt,
        });
        const info: VariationInfo = {
          idx: v, sku, productName: name, name: attrs.name, price, cost, weight: variationWeight, own: stockType === 'OWN',
          categoryPrices: new Map(), tiers: [],
        };
        for (let k = 0; k < categoryCount; k++) {
          const cat = CUSTOMER_CATEGORIES[k];
          if (cat.factor === null || !rng.chance(cat.coverage)) continue;
          const catPrice = Math.max(roundIdr(price * cat.factor, 100), roundIdr(cost * 1.05, 100));
          info.categoryPrices.set(k, catPrice);
          this.add('VariationPrice', { variationId: v, customerCategoryId: k, price: catPrice });
        }
        if (rng.chance(0.3)) {
          const firstMin = rng.pick([3, 5, 6]);
          const tierCount = rng.int(2, 3);
          for (let t = 0; t < tierCount; t++) {
            const min = firstMin * 2 ** t;
            const max = t === tierCount - 1 ? null : firstMin * 2 ** (t + 1) - 1;
            const tierPrice = Math.max(roundIdr(price * (0.95 - 0.04 * t), 100), roundIdr(cost * 1.05, 100));
            info.tiers.push({ min, max, price: tierPrice });
            this.add('WholesalePrice', { variationId: v, minQty: min, maxQty: max, price: tierPrice });
          }
        }
        this.variations.push(info);
        if (info.own) {
          this.ownPosition.set(v, this.ownVariations.length);
          this.ownVariations.push(v);
        }
      });
    }
    // Sales concentrate on a shuffled set of bestsellers.
    this.popular.push(...rng.shuffle(this.variations.map((v) => v.idx)));
  }

  private variationAttrs(kind: AttrKind, count: number) {
    const rng = this.rng;
    type Attrs = { name: string; size: string | null; color: string | null; step?: number };
    const combos: Attrs[] = [];
    const sized = (sizes: readonly string[], colored: boolean) => {
      const colors = colored ? rng.shuffle([...COLORS]).slice(0, 2) : [null];
      for (const c of colors) {
        sizes.forEach((s, step) => combos.push({ name: c ? `${c} / ${s}` : s, size: s, color: c, step }));
      }
    };
    switch (kind) {
      case 'apparel':
        sized(rng.chance(0.2) ? ['All Size'] : APPAREL_SIZES, true);
        break;
      case 'shoes':
        sized(SHOE_SIZES, true);
        break;
      case 'color':
        for (const c of COLORS) combos.push({ name: c, size: null, color: c });
        break;
      case 'volume':
        sized(VOLUMES, false);
        break;
      case 'shade':
        for (const s of SHADES) combos.push({ name: s, size: null, color: s });
        break;
      case 'flavor':
        for (const f of rng.shuffle([...FLAVORS]).slice(0, 3)) {
          SNACK_SIZES.forEach((s, step) => combos.push({ name: `${f} ${s}`, size: s, color: null, step }));
        }
        break;
      case 'pack':
        sized(PACKS, false);
        break;
      case 'diameter':
        sized(DIAMETERS, false);
        break;
    }
    // Keep a few distinct combinations, in catalogue order.
    const chosen = rng.shuffle(combos.map((_, i) => i)).slice(0, Math.min(count, combos.length)).sort((a, b) => a - b);
    return chosen.map((i) => combos[i]);
  }

  // ------------------------------------------------------------ customers

  private personName(): string {
    const rng = this.rng;
    const first = rng.chance(0.55) ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
    return rng.chance(0.85) ? `${first} ${rng.pick(LAST_NAMES)}` : first;
  }

  private phone(serial: number): string {
    return `${this.rng.pick(PHONE_PREFIXES)}${pad(serial % 100_000, 5)}${this.rng.digits(3)}`;
  }

  private street(): string {
    const rng = this.rng;
    const rt = rng.chance(0.5) ? ` RT ${pad(rng.int(1, 12), 3)}/RW ${pad(rng.int(1, 9), 3)}` : '';
    return `${rng.pick(['Jl.', 'Jl.', 'Gg.', 'Komp.'])} ${rng.pick(STREETS)} No. ${rng.int(1, 150)}${rt}`;
  }

  private buildCustomers() {
    const rng = this.rng;
    const count = Math.min(5_000, Math.max(20, Math.round(this.orderCount / 10)));
    const weights = CUSTOMER_CATEGORIES.map((c, k) => [k, c.share] as const);
    for (let c = 0; c < count; c++) {
      const name = this.personName();
      const category = rng.chance(0.02) ? null : rng.weighted(weights);
      const status: CustomerStatus = rng.weighted([['ACTIVE', 85], ['PENDING', 5], ['INACTIVE', 5], ['BLOCKED', 3], ['REFUSED', 2]]);
      const region = rng.pick(this.subdistricts);
      const phone = this.phone(c);
      const handle = name.toLowerCase().replace(/[^a-z]+/g, '.');
      const address = this.street();
      const createdAt = SEED_BASE_TIME - ORDER_WINDOW - 10 * DAY - rng.int(0, 400 * DAY);
      const info: CustomerInfo = {
        idx: c, name, phone, email: rng.chance(0.45) ? `${handle}${c + 1}@${rng.pick(['gmail.com', 'gmail.com', 'yahoo.co.id', 'outlook.com'])}` : null,
        category, region, address, postalCode: this.regions[region].postalCode!,
        shopName: `${rng.pick(['Olshop', 'Toko', 'Butik', 'Griya', 'Kedai'])} ${rng.pick(['Berkah', 'Amanah', 'Barokah', 'Jaya', 'Makmur', 'Sejahtera', 'Cantik', 'Ceria'])} ${name.split(' ')[0]}`,
        addresses: [],
      };
      this.add('Customer', {
        name, phone, email: info.email,
        lineId: rng.chance(0.05) ? handle : null,
        otherContact: rng.chance(0.12) ? `IG @${handle.replace(/\./g, '_')}` : null,
        categoryId: category, status, address, regionId: region, postalCode: info.postalCode,
        notes: rng.chance(0.05) ? rng.pick(['Langganan sejak 2023', 'Minta nota fisik', 'Kirim sore hari saja']) : null,
        createdAt, updatedAt: createdAt + rng.int(0, 60) * DAY,
      });
      info.addresses.push({ region, address, postalCode: info.postalCode, recipient: name, phone });
      this.add('CustomerAddress', {
        customerId: c, label: 'Rumah', recipientName: name, phone, address, regionId: region, postalCode: info.postalCode, isDefault: true, createdAt,
      });
      const extra = rng.weighted([[0, 55], [1, 35], [2, 10]]);
      for (let a = 0; a < extra; a++) {
        const r = rng.pick(this.subdistricts);
        const label = rng.pick(['Kantor', 'Rumah Orang Tua', 'Kos', 'Toko']);
        const recipient = rng.chance(0.7) ? name : this.personName();
        const addr = { region: r, address: this.street(), postalCode: this.regions[r].postalCode!, recipient, phone: recipient === name ? phone : this.phone(c + 50_000 + a) };
        info.addresses.push(addr);
        this.add('CustomerAddress', {
          customerId: c, label, recipientName: recipient, phone: addr.phone, address: addr.address, regionId: r, postalCode: addr.postalCode,
          isDefault: false, createdAt: createdAt + rng.int(1, 100) * DAY,
        });
      }
      this.customers.push(info);
      if (status === 'ACTIVE' || status === 'INACTIVE') this.buyers.push(c);
    }
    // Orders come from active (and lapsed) customers; fall back to anyone in a tiny seed.
    if (this.buyers.length === 0) this.buyers.push(...this.customers.map((c) => c.idx));
    rng.shuffle(this.buyers);
  }

  // ------------------------------------------------------------ orders

  private planOrder(i: number): OrderPlan {
    const rng = this.rng;
    // The first orders cover every status and kind, so even small seeds show them all.
    const status = i < STATUSES.length ? STATUSES[i] : rng.weighted(STATUS_WEIGHTS);
    const k = i - STATUSES.length;
    const kind = k >= 0 && k < OTHER_KINDS.length ? OTHER_KINDS[k] : rng.weighted(KIND_WEIGHTS);
    let last: number;
    let final: Step | null = null;
    if (status === 'CANCELLED') {
      last = rng.weighted([[0, 45], [1, 30], [2, 15], [3, 10]]);
      final = 'cancel';
    } else if (status === 'RETURNED') {
      // A transfer that reached its destination is not returned; a failed delivery is.
      last = TRANSFER_KINDS.has(kind) ? 4 : rng.weighted([[4, 40], [5, 60]]);
      final = 'return';
    } else {
      last = FORWARD.findIndex((f) => f[2] === status);
    }
    const steps: Omit<Transition, 'at'>[] = FORWARD.slice(0, last + 1).map(([type, from, to]) => ({ type, from, to }));
    if (final) steps.push({ type: final, from: FORWARD[last][2], to: status });
    const offsets: number[] = [];
    let elapsed = 0;
    for (const step of steps) {
      const [lo, hi] = STEP_GAP[step.type];
      elapsed += rng.between(lo, hi);
      offsets.push(elapsed);
    }
    let age: number;
    if (status === 'SHIPPED') age = elapsed + rng.between(HOUR, 4 * DAY);
    else if (!final && status !== 'COMPLETED') age = elapsed + (rng.chance(0.85) ? rng.between(10 * MIN, 2 * DAY) : rng.between(2 * DAY, 25 * DAY));
    else age = rng.between(elapsed + HOUR, ORDER_WINDOW);
    const orderedAt = SEED_BASE_TIME - age;
    const transitions = steps.map((s, n) => ({ ...s, at: orderedAt + offsets[n] }));
    const times: Partial<Record<Step, number>> = {};
    for (const t of transitions) times[t.type] = t.at;
    return { seq: i, status, kind, orderedAt, transitions, times };
  }

  private buildOrders() {
    const plans = Array.from({ length: this.orderCount }, (_, i) => this.planOrder(i));
    // Codes and ids follow the order date, as they would in a live shop.
    plans.sort((a, b) => a.orderedAt - b.orderedAt || a.seq - b.seq);
    plans.forEach((plan, o) => this.buildOrder(o, plan));
  }

  private pickWarehouse(except?: number): number {
    const choices = this.warehouses.filter((w) => w.idx !== except).map((w) => [w.idx, w.weight] as const);
    return this.rng.weighted(choices);
  }

  private pickMethod(channel: string): PaymentMethod {
    const rng = this.rng;
    switch (channel) {
      case 'shopee':
      case 'tokopedia':
        return 'MARKETPLACE';
      case 'offline':
        return rng.weighted([['CASH', 45], ['BANK_TRANSFER', 35], ['QRIS', 20]]);
      case 'storefront':
        return rng.weighted([['VIRTUAL_ACCOUNT', 30], ['BANK_TRANSFER', 25], ['E_WALLET', 20], ['COD', 15], ['CREDIT_CARD', 10]]);
      default:
        return rng.weighted([['BANK_TRANSFER', 65], ['COD', 25], ['E_WALLET', 10]]);
    }
  }

  private buildOrder(o: number, plan: OrderPlan) {
    const rng = this.rng;
    const { kind, status, times, orderedAt } = plan;
    const code = `ORD-${pad(o + 1, 6)}`;
    const internal = INTERNAL_KINDS.has(kind);
    const transfer = TRANSFER_KINDS.has(kind);
    const last = plan.transitions[plan.transitions.length - 1];
    const customer = internal ? null : this.customers[this.buyers[rng.skewed(this.buyers.length, 1.7)]];
    const category = customer?.category ?? null;
    const catSpec = category === null ? null : CUSTOMER_CATEGORIES[category];
    const channel = internal
      ? 'offline'
      : kind === 'REQUEST'
        ? rng.pick(['offline', 'whatsapp'])
        : rng.weighted([['offline', 15], ['storefront', 15], ['shopee', 30], ['tokopedia', 20], ['whatsapp', 20]] as const);
    const sourceName =
      channel === 'shopee' ? 'Shopee' : channel === 'tokopedia' ? 'Tokopedia' : channel === 'storefront' ? 'Website'
        : channel === 'whatsapp' ? (rng.chance(0.7) ? 'WhatsApp' : 'Instagram') : null;
    const origin = this.pickWarehouse();
    const originInfo = this.warehouses.find((w) => w.idx === origin)!;
    const destination = transfer ? this.pickWarehouse(origin) : null;
    const destinationInfo = destination === null ? null : this.warehouses.find((w) => w.idx === destination)!;
    const method = internal ? null : this.pickMethod(channel);
    const couriers = this.couriers.filter((c) => (method === 'COD' ? c.spec.cod : internal ? ['sap', 'lion', 'jne'].includes(c.spec.code) : true));
    const courier = rng.pick(couriers);
    const service = internal ? courier.spec.services[courier.spec.services.length - 1] : rng.pick(courier.spec.services);
    const isDropship = !internal && (catSpec?.dropship ? rng.chance(0.8) : rng.chance(0.03));

    // Recipient: the buyer's address, another saved address, or (dropship) the end customer.
    let recipient: { name: string; phone: string; address: string; region: number; postalCode: string };
    if (internal) {
      // A transfer goes to another own warehouse; a RETURN order goes back to a supplier.
      const target = destinationInfo ?? rng.pick(this.suppliers);
      recipient = {
        name: target.name,
        phone: `08${rng.digits(10)}`,
        address: target.address,
        region: target.region,
        postalCode: this.regions[target.region].postalCode!,
      };
    } else if (isDropship) {
      const region = rng.pick(this.subdistricts);
      recipient = { name: this.personName(), phone: this.phone(o + 70_000), address: this.street(), region, postalCode: this.regions[region].postalCode! };
    } else {
      const a = customer!.addresses.length > 1 && rng.chance(0.3) ? rng.pick(customer!.addresses) : customer!.addresses[0];
      recipient = { name: a.recipient, phone: a.phone, address: a.address, region: a.region, postalCode: a.postalCode };
    }

    // ---- items
    const orderIdx = this.rows.Order.length;
    const itemCount = rng.weighted([[1, 20], [2, 22], [3, 20], [4, 16], [5, 12], [6, 10]]);
    const chosen = new Set<number>();
    const items: { row: number; v: VariationInfo; qty: number }[] = [];
    let subtotal = 0;
    let itemDiscountTotal = 0;
    let weight = 0;
    for (let n = 0; n < itemCount; n++) {
      let v = -1;
      for (let attempt = 0; attempt < 6 && (v < 0 || chosen.has(v)); attempt++) {
        v = internal ? this.ownVariations[rng.skewed(this.ownVariations.length, 1.3)] : this.popular[rng.skewed(this.popular.length, 1.8)];
      }
      if (chosen.has(v)) continue;
      chosen.add(v);
      const info = this.variations[v];
      const bulk = catSpec?.bulk ?? false;
      const qty = internal
        ? rng.int(5, 40)
        : bulk
          ? rng.weighted([[1, 15], [2, 15], [3, 15], [4, 10], [6, 15], [12, 15], [24, 5], [rng.int(5, 30), 10]])
          : rng.weighted([[1, 62], [2, 24], [3, 9], [4, 3], [6, 2]]);
      let unit = info.price;
      let source: PriceSource = 'BASE';
      if (internal) {
        unit = info.cost;
        source = 'OVERRIDE';
      } else {
        const catPrice = category === null ? undefined : info.categoryPrices.get(category);
        if (catPrice !== undefined && catPrice < unit) {
          unit = catPrice;
          source = 'CATEGORY';
        }
        if (catSpec?.wholesaleAccess ?? true) {
          const tier = info.tiers.find((t) => qty >= t.min && (t.max === null || qty <= t.max));
          if (tier && tier.price < unit) {
            unit = tier.price;
            source = 'WHOLESALE';
          }
        }
        if (rng.chance(0.015)) {
          unit = roundIdr(unit * 0.9, 500);
          source = 'OVERRIDE';
        }
      }
      const gross = unit * qty;
      let discountType: DiscountType | null = null;
      let discountValue: string | null = null;
      let discount = 0;
      if (!internal && (catSpec?.discountAccess ?? true) && rng.chance(0.15)) {
        discountType = rng.weighted([['NOMINAL', 35], ['PERCENTAGE', 45], ['CASCADED', 20]] as const);
        if (discountType === 'NOMINAL') {
          discountValue = String(rng.pick([2_000, 5_000, 10_000]) * qty);
          discount = Math.min(idr(Number(discountValue)), Math.floor(gross / 200) * 100);
        } else if (discountType === 'PERCENTAGE') {
          discountValue = rng.pick(['5', '10', '15', '20']);
          discount = percentOf(gross, bpsOf(discountValue));
        } else {
          discountValue = rng.weighted([['10+5', 40], ['20+10', 30], ['15+5+2', 20], ['55.05+3', 10]] as const);
          discount = cascadedDiscount(gross, discountValue);
        }
      }
      const lineTotal = gross - discount;
      subtotal += lineTotal;
      itemDiscountTotal += discount;
      weight += info.weight * qty;
      const row = this.add('OrderItem', {
        orderId: orderIdx, variationId: v, sku: info.sku, productName: info.productName, variationName: info.name, quantity: qty,
        unit: 'PCS', unitPrice: unit, priceSource: source, discountType, discountValue, discountAmount: discount, lineTotal,
        weightGrams: info.weight * qty, isCancelled: false,
        externalLineId: channel === 'shopee' || channel === 'tokopedia' ? `${o + 1}${pad(items.length + 1, 2)}${rng.digits(4)}` : null,
        note: rng.chance(0.03) ? rng.pick(['Warna jangan sampai salah', 'Bonus stiker ya', 'Minta dibungkus kado']) : null,
      });
      items.push({ row, v: info, qty });
    }

    // ---- order costs (seed 002 order_cost, seed 001 price_info)
    const adjustments: { category: string; name: string; type: DiscountType; value: string; amount: number }[] = [];
    const originProvince = this.regionPath(originInfo.region).province;
    const sameProvince = this.regionPath(recipient.region).province === originProvince;
    const kg = Math.max(1, Math.ceil((weight - 300) / 1000));
    const rate = idr(sameProvince ? rng.pick([9_000, 10_000, 11_000]) : rng.pick([15_000, 18_000, 22_000, 26_000]));
    const shippingCost = kg * rate * (['YES', 'BEST', 'ODS', 'ND'].includes(service) ? 2 : 1);
    if (!internal) {
      if (channel !== 'offline' || rng.chance(0.3)) {
        if (!rng.chance(0.1)) {
          adjustments.push({ category: 'SHIPPING', name: `Ongkir ${courier.spec.name} ${service}`, type: 'NOMINAL', value: String(shippingCost / 100), amount: shippingCost });
        }
      }
      if ((catSpec?.discountAccess ?? true) && rng.chance(0.18)) {
        const t = rng.weighted([['PERCENTAGE', 45], ['NOMINAL', 45], ['CASCADED', 10]] as const);
        if (t === 'PERCENTAGE') {
          const value = rng.pick(['5', '10']);
          adjustments.push({ category: 'DISCOUNT', name: rng.pick(['Diskon Member', 'Promo Gajian']), type: t, value, amount: percentOf(subtotal, bpsOf(value)) });
        } else if (t === 'NOMINAL') {
          const value = rng.pick([10_000, 15_000, 25_000, 50_000]);
          if (idr(value) * 3 <= subtotal) adjustments.push({ category: 'DISCOUNT', name: 'Voucher Toko', type: t, value: String(value), amount: idr(value) });
        } else {
          adjustments.push({ category: 'DISCOUNT', name: 'Promo Bertingkat', type: t, value: '10+5', amount: cascadedDiscount(subtotal, '10+5') });
        }
      }
      if (rng.chance(0.1)) adjustments.push({ category: 'INSURANCE', name: 'Asuransi Pengiriman', type: 'PERCENTAGE', value: '0.2', amount: Math.max(idr(1_000), percentOf(subtotal, 20)) });
      if (method === 'COD') adjustments.push({ category: 'COD_FEE', name: 'Biaya COD', type: 'PERCENTAGE', value: '3', amount: Math.max(idr(2_500), percentOf(subtotal, 300)) });
      if (rng.chance(0.06)) {
        const [name, value] = rng.pick([['Packing Kayu', 25_000], ['Bubble Wrap Tambahan', 5_000], ['Biaya Admin', 3_000]] as const);
        adjustments.push({ category: 'OTHER_COST', name, type: 'NOMINAL', value: String(value), amount: idr(value) });
      }
      if (channel === 'offline' && catSpec?.bulk && rng.chance(0.25)) {
        adjustments.push({ category: 'TAX', name: 'PPN 11%', type: 'PERCENTAGE', value: '11', amount: percentOf(subtotal, 1_100) });
      }
    }
    const total = (c: string) => adjustments.filter((a) => a.category === c).reduce((s, a) => s + a.amount, 0);
    const shippingTotal = total('SHIPPING');
    const discountTotal = total('DISCOUNT');
    const taxTotal = total('TAX');
    const codFee = total('COD_FEE');
    const insuranceTotal = total('INSURANCE');
    const otherCostTotal = total('OTHER_COST');
    const grandTotal = subtotal + shippingTotal + taxTotal + codFee + insuranceTotal + otherCostTotal - discountTotal;
    for (const a of adjustments) this.add('OrderAdjustment', { orderId: orderIdx, ...a, createdAt: orderedAt });

    // ---- payments, derived payment status
    const payments = internal ? [] : this.planPayments(plan, method!, grandTotal, catSpec?.installments ?? false);
    let paid = 0;
    let refunded = 0;
    let paidAt: number | null = null;
    const bank = rng.int(0, BANKS.length - 1);
    for (const p of payments) {
      if (p.kind === 'PAYMENT') {
        paid += p.amount;
        if (paidAt === null && paid >= grandTotal) paidAt = p.at;
      } else refunded += p.amount;
    }
    const net = paid - refunded;
    const paymentStatus = refunded > 0 && net <= 0 ? 'REFUNDED' : net >= grandTotal ? 'PAID' : net > 0 ? 'PARTIALLY_PAID' : 'UNPAID';
    const externalRef =
      channel === 'shopee' ? `${new Date(orderedAt).toISOString().slice(2, 10).replace(/-/g, '')}${pad(o + 1, 6)}${rng.digits(2)}`
        : channel === 'tokopedia' ? `INV/${new Date(orderedAt).toISOString().slice(0, 10).replace(/-/g, '')}/MPL/${pad(o + 1, 10)}` : null;
    for (const p of payments) {
      const reference = p.kind === 'REFUND' ? `RFD-${code}` : method === 'MARKETPLACE' ? externalRef
        : method === 'BANK_TRANSFER' ? `TRF${rng.digits(10)}` : method === 'VIRTUAL_ACCOUNT' ? `8808${rng.digits(12)}`
          : method === 'E_WALLET' ? `${rng.pick(['OVO', 'DANA', 'GOPAY', 'SPAY'])}-${rng.digits(10)}` : method === 'QRIS' ? `QR${rng.digits(14)}` : null;
      this.add('Payment', {
        orderId: orderIdx, kind: p.kind, method, amount: p.amount,
        bankAccountId: method === 'BANK_TRANSFER' ? bank : null,
        installmentNumber: p.installment, reference,
        note: p.installment ? `Cicilan ke-${p.installment}` : p.kind === 'REFUND' ? 'Pengembalian dana' : null,
        paidAt: p.at, recordedBy: method === 'MARKETPLACE' ? 'system' : rng.pick(STAFF), createdAt: p.at,
      });
    }

    // ---- cancellation and return details
    let cancelReason: CancelReason | null = null;
    let cancelledBy: string | null = null;
    let cancelNote: string | null = null;
    if (status === 'CANCELLED') {
      cancelReason = last.from === 'PENDING' && paid === 0 && rng.chance(0.5)
        ? 'PAYMENT_FAILED'
        : rng.weighted([['CUSTOMER_REQUEST', 50], ['OUT_OF_STOCK', 20], ['FRAUD_DETECTED', 4], ['DUPLICATE_ORDER', 10], ['OTHER', 16]] as const);
      cancelledBy = cancelReason === 'CUSTOMER_REQUEST' ? (channel === 'shopee' || channel === 'tokopedia' ? 'channel' : 'buyer') : cancelReason === 'PAYMENT_FAILED' ? 'system' : 'seller';
      cancelNote = {
        CUSTOMER_REQUEST: 'Pembeli salah pilih ukuran, minta dibatalkan',
        OUT_OF_STOCK: 'Stok kosong di gudang',
        PAYMENT_FAILED: 'Batas waktu pembayaran habis',
        FRAUD_DETECTED: 'Alamat dan nomor tidak valid',
        DUPLICATE_ORDER: 'Pesanan dobel, dibatalkan salah satu',
        OTHER: 'Dibatalkan atas kesepakatan',
      }[cancelReason];
      if (rng.chance(0.35)) {
        this.add('CancellationRequest', {
          orderId: orderIdx, requestedBy: channel === 'shopee' || channel === 'tokopedia' ? 'CHANNEL' : cancelledBy === 'seller' ? 'SELLER' : 'BUYER',
          reason: cancelReason, note: cancelNote, status: 'APPROVED', decidedAt: last.at, decidedBy: rng.pick(STAFF),
          createdAt: rng.between(plan.transitions[plan.transitions.length - 2].at, last.at),
        });
      }
    } else if (['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED'].includes(status) && !internal && rng.chance(0.06)) {
      this.add('CancellationRequest', {
        orderId: orderIdx, requestedBy: rng.pick(['BUYER', 'CHANNEL']), reason: 'CUSTOMER_REQUEST', note: 'Pembeli ingin mengganti alamat pengiriman',
        status: 'REQUESTED', decidedAt: null, decidedBy: null, createdAt: rng.between(last.at, SEED_BASE_TIME),
      });
    } else if ((status === 'SHIPPED' || status === 'COMPLETED') && !internal && rng.chance(0.02)) {
      const decidedAt = times.ship! - rng.between(MIN, Math.min(HOUR, times.ship! - times.process!));
      this.add('CancellationRequest', {
        orderId: orderIdx, requestedBy: 'BUYER', reason: 'CUSTOMER_REQUEST', note: 'Berubah pikiran', status: 'REJECTED',
        decidedAt, decidedBy: rng.pick(STAFF), createdAt: rng.between(times.confirm!, decidedAt),
      });
    }
    const deliveryFailed = status === 'RETURNED' && !times.complete;
    let restock = true;
    if (status === 'RETURNED') {
      restock = deliveryFailed || rng.chance(0.8);
      const ret = this.add('OrderReturn', {
        orderId: orderIdx,
        returnBy: deliveryFailed ? 'courier' : internal ? 'seller' : 'customer_request',
        reason: deliveryFailed
          ? rng.pick(['Alamat tidak ditemukan', 'Penerima menolak paket', 'Penerima tidak di tempat 3x'])
          : rng.pick(['Ukuran tidak sesuai', 'Barang cacat produksi', 'Warna berbeda dengan foto', 'Barang yang dikirim salah']),
        restock, actor: `gudang.${originInfo.code.slice(4).toLowerCase()}`, createdAt: times.return!,
      });
      for (const item of items) {
        this.add('OrderReturnLine', { returnId: ret, orderItemId: item.row, warehouseId: restock ? origin : null, quantity: item.qty });
      }
    }

    // ---- events, allocations and the stock ledger
    const whActor = `gudang.${originInfo.code.slice(4).toLowerCase()}`;
    const staff = rng.pick(STAFF);
    plan.transitions.forEach((t, n) => {
      const actor =
        t.type === 'create' ? (channel === 'shopee' || channel === 'tokopedia' ? `${channel}-sync` : staff)
          : t.type === 'process' || t.type === 'pack' || t.type === 'return' ? whActor
            : t.type === 'ship' ? `${courier.spec.code}-pickup` : t.type === 'complete' ? 'system' : t.type === 'cancel' ? (cancelledBy === 'system' ? 'system' : staff) : staff;
      this.add('OrderEvent', {
        orderId: orderIdx, sequence: n + 1, type: t.type, fromStatus: t.from, toStatus: t.to, actor,
        reason: t.type === 'cancel' ? cancelReason!.toLowerCase() : t.type === 'return' ? (deliveryFailed ? 'delivery_failed' : 'customer_request') : null,
        note: t.type === 'cancel' ? cancelNote : null, createdAt: t.at,
      });
    });
    if (times.process) {
      const shipped = times.ship !== undefined;
      for (const item of items) {
        if (!item.v.own) continue;
        const level = this.levelOf(item.v.idx, origin);
        // Cancelled after allocation: the allocation row is gone, the ledger keeps reserve + release.
        if (status !== 'CANCELLED') {
          this.add('OrderItemAllocation', { orderItemId: item.row, warehouseId: origin, quantity: item.qty, shippedQuantity: shipped ? item.qty : 0 });
        }
        this.move(level, 'RESERVATION', 0, 0, item.qty, times.process, orderIdx, `Alokasi pesanan ${code}`, whActor);
        if (status === 'CANCELLED') this.move(level, 'RELEASE', 0, 0, -item.qty, times.cancel!, orderIdx, `Pembatalan pesanan ${code}`, whActor);
        if (shipped) {
          this.move(level, transfer ? 'TRANSFER_OUT' : 'SHIPMENT', 0, item.qty, -item.qty, times.ship!, orderIdx,
            transfer ? `Transfer ke ${destinationInfo!.code} (${code})` : `Pengiriman pesanan ${code}`, whActor);
        }
        if (transfer && times.complete) {
          const destLevel = this.levelOf(item.v.idx, destination!);
          this.move(destLevel, 'TRANSFER_IN', item.qty, 0, 0, times.complete, orderIdx, `Transfer dari ${originInfo.code} (${code})`,
            `gudang.${destinationInfo!.code.slice(4).toLowerCase()}`);
        }
        if (status === 'RETURNED' && restock) this.move(level, 'RETURN', item.qty, 0, 0, times.return!, orderIdx, `Retur pesanan ${code}`, whActor);
      }
    }

    // ---- shipment and tracking
    const hasShipment = times.ship !== undefined || (status === 'PACKED' && rng.chance(0.7)) || (status === 'CANCELLED' && last.from === 'PACKED');
    const pickupOption = channel === 'shopee' || channel === 'tokopedia' ? rng.pick(['EARLY_PICKUP', 'MID_PICKUP', 'LATE_PICKUP'] as const) : null;
    if (hasShipment) {
      const packedAt = times.pack!;
      const delivered = times.complete ?? null;
      const shipmentStatus = status === 'CANCELLED' ? 'CANCELLED' : deliveryFailed ? 'RETURNED' : delivered ? 'DELIVERED' : times.ship ? 'IN_TRANSIT'
        : pickupOption ? 'PICKUP_REQUESTED' : 'READY_TO_SHIP';
      const trackingNumber = times.ship || pickupOption ? courier.spec.awb(rng, pad(o + 1, 7)) : null;
      const labelPrintedAt = times.ship && rng.chance(0.85) ? rng.between(packedAt, times.ship) : null;
      const dim = Math.max(10, Math.round(Math.cbrt(weight * 4)));
      const shipment = this.add('Shipment', {
        orderId: orderIdx, warehouseId: origin, courierId: courier.idx, serviceName: service, trackingNumber, status: shipmentStatus,
        pickupOption, pickupRequestedAt: pickupOption ? packedAt : null,
        pickupSlotStart: pickupOption ? packedAt + 2 * HOUR : null, pickupSlotEnd: pickupOption ? packedAt + 6 * HOUR : null,
        pickupCancelledAt: status === 'CANCELLED' && pickupOption ? times.cancel! : null,
        shippingCost, weightGrams: weight, lengthCm: dim, widthCm: Math.max(10, dim - 5), heightCm: Math.max(5, Math.round(dim / 2)),
        labelPrintedAt, labelPrintedBy: labelPrintedAt ? whActor : null,
        shippedAt: times.ship ?? null, deliveredAt: delivered,
        createdAt: packedAt, updatedAt: last.at,
      });
      if (times.ship) this.trackShipment(shipment, times.ship, delivered, deliveryFailed ? times.return! : null, originInfo, recipient);
    }

    // ---- comments
    if (rng.chance(0.12)) {
      for (let n = rng.int(1, 2); n > 0; n--) {
        const pub = rng.chance(0.3);
        this.add('Comment', {
          orderId: orderIdx, author: rng.pick(STAFF),
          body: pub
            ? rng.pick(['Terima kasih sudah berbelanja, pesanan sedang kami siapkan', 'Mohon ditunggu, paket segera dikirim', 'Resi sudah diupdate ya kak'])
            : rng.pick(['Pelanggan minta dikirim sore', 'Sudah konfirmasi via WA', 'Mohon packing rapi, barang pecah belah', 'Cek ulang warna sebelum kirim', 'Pelanggan langganan, kasih bonus']),
          visibility: pub ? 'PUBLIC' : 'INTERNAL', createdAt: rng.between(orderedAt, last.at + HOUR > SEED_BASE_TIME ? SEED_BASE_TIME : last.at + HOUR),
        });
      }
    }

    // ---- parties
    const buyerPath = customer ? this.regionPath(customer.region) : this.regionPath(originInfo.region);
    this.add('OrderParty', this.party(orderIdx, 'BUYER', customer ? customer.idx : null,
      customer ? { name: customer.name, phone: customer.phone, email: customer.email, address: customer.address, region: customer.region, postalCode: customer.postalCode }
        : { name: originInfo.name, phone: null, email: null, address: originInfo.address, region: originInfo.region, postalCode: this.regions[originInfo.region].postalCode! },
      buyerPath));
    const recipientParty = this.party(orderIdx, 'RECIPIENT', !internal && !isDropship ? customer!.idx : null,
      { ...recipient, email: null }, this.regionPath(recipient.region));
    if (rng.chance(0.4)) {
      const r = this.regions[recipient.region];
      recipientParty.latitude = r.lat + (rng.next() - 0.5) * 0.08;
      recipientParty.longitude = r.lng + (rng.next() - 0.5) * 0.08;
    }
    if (rng.chance(0.08)) recipientParty.remarks = rng.pick(['Rumah pagar hitam', 'Titip satpam', 'Depan masjid', 'Sebelah warung kopi']);
    this.add('OrderParty', recipientParty);
    if (isDropship) {
      this.add('OrderParty', this.party(orderIdx, 'DROPSHIPPER', customer!.idx,
        { name: customer!.shopName, phone: customer!.phone, email: null, address: null, region: null, postalCode: null }, null));
    }

    // ---- the order row itself
    const printed = times.process !== undefined && rng.chance(0.6);
    const printedAt = printed ? rng.between(times.process!, times.pack ?? Math.min(times.process! + 4 * HOUR, SEED_BASE_TIME)) : null;
    const lastPayment = payments.length ? payments[payments.length - 1].at : 0;
    this.add('Order', {
      code, kind, status, paymentStatus, channel,
      sourceId: sourceName ? this.sourceByName.get(sourceName)! : null,
      externalRef,
      externalStatus: externalRef ? ({ PENDING: 'UNPAID', CONFIRMED: 'READY_TO_SHIP', PROCESSING: 'READY_TO_SHIP', PACKED: 'PROCESSED', SHIPPED: 'SHIPPED', COMPLETED: 'COMPLETED', CANCELLED: 'CANCELLED', RETURNED: 'TO_RETURN' } as const)[status] : null,
      customerId: customer?.idx ?? null, customerCategoryId: category, originWarehouseId: origin, destinationWarehouseId: destination,
      paymentMethod: method, subtotal, itemDiscountTotal, shippingTotal, discountTotal, taxTotal, codFee, insuranceTotal, otherCostTotal,
      grandTotal, weightGrams: weight,
      notes: rng.chance(0.1) ? rng.pick(['Tolong dikirim secepatnya', 'Packing rapi ya kak', 'Jangan lupa bonus stiker', 'Kirim tanpa nota harga']) : null,
      internalNotes: rng.chance(0.05) ? rng.pick(['Cek pembayaran manual', 'Pelanggan prioritas', 'Gabung kirim dengan pesanan sebelumnya']) : null,
      salesRep: (channel === 'offline' || channel === 'whatsapp') && !internal && rng.chance(0.35) ? rng.pick(SALES_REPS) : null,
      orderedAt, confirmedAt: times.confirm ?? null, processedAt: times.process ?? null, packedAt: times.pack ?? null,
      shippedAt: times.ship ?? null, completedAt: times.complete ?? null, cancelledAt: times.cancel ?? null, returnedAt: times.return ?? null,
      paidAt, printedAt, printedBy: printedAt ? whActor : null, cancelReason, cancelNote, cancelledBy,
      pickupOption: hasShipment ? pickupOption : null, version: plan.transitions.length,
      createdBy: channel === 'shopee' || channel === 'tokopedia' ? `${channel}-sync` : staff,
      createdAt: orderedAt, updatedAt: Math.max(last.at, lastPayment),
    });
  }

  private party(
    order: number,
    role: 'BUYER' | 'RECIPIENT' | 'DROPSHIPPER',
    customer: number | null,
    who: { name: string; phone: string | null; email: string | null; address: string | null; region: number | null; postalCode: string | null },
    path: { province: number; city: number; district: number; sub: number } | null,
  ): Row {
    return {
      orderId: order, role, customerId: customer, name: who.name, phone: who.phone, email: who.email, address: who.address,
      regionId: who.region, province: path ? this.regions[path.province].name : null, city: path ? this.regions[path.city].name : null,
      district: path ? this.regions[path.district].name : null, subDistrict: path ? this.regions[path.sub].name : null,
      postalCode: who.postalCode, country: path ? 'ID' : null, latitude: null, longitude: null, remarks: null,
    };
  }

  /** Payments of one order (seed 002 payments and installments), in time order. */
  private planPayments(plan: OrderPlan, method: PaymentMethod, grandTotal: number, mayInstall: boolean): PaymentSpec[] {
    const rng = this.rng;
    const { times, orderedAt, status } = plan;
    const end = times.cancel ?? times.return ?? SEED_BASE_TIME;
    const payments: PaymentSpec[] = [];
    if (method === 'MARKETPLACE' || method === 'CASH' || method === 'QRIS') {
      payments.push({ kind: 'PAYMENT', amount: grandTotal, at: orderedAt + rng.between(30_000, 5 * MIN), installment: null });
    } else if (method === 'COD') {
      if (times.complete) payments.push({ kind: 'PAYMENT', amount: grandTotal, at: times.complete, installment: null });
    } else {
      let count = (mayInstall && rng.chance(0.25)) || rng.chance(0.04) ? rng.int(2, 3) : 1;
      if (grandTotal < idr(3_000) * count) count = 1;
      const amounts: number[] = [];
      let left = grandTotal;
      for (let n = 1; n < count; n++) {
        const part = Math.floor(grandTotal / count / 100_000) * 100_000;
        amounts.push(part);
        left -= part;
      }
      amounts.push(left);
      // Paid before confirmation; later installments follow every few days.
      const confirm = times.confirm;
      let firstAt: number | null;
      if (confirm) firstAt = rng.between(orderedAt + MIN, confirm - MIN);
      else firstAt = rng.chance(0.35) ? rng.between(orderedAt + MIN, end - MIN) : null;
      if (firstAt !== null) {
        let at = firstAt;
        amounts.forEach((amount, n) => {
          if (n > 0) at += rng.between(2 * DAY, 12 * DAY);
          // Unconfirmed orders stop after the first installment; nothing is paid after the end.
          if (at >= end || (n > 0 && !confirm)) return;
          payments.push({ kind: 'PAYMENT', amount, at, installment: count > 1 ? n + 1 : null });
        });
      }
    }
    const paid = payments.reduce((s, p) => s + p.amount, 0);
    if ((status === 'CANCELLED' || status === 'RETURNED') && paid > 0) {
      const from = Math.max(end, payments[payments.length - 1].at) + HOUR;
      payments.push({ kind: 'REFUND', amount: paid, at: Math.min(rng.between(from, from + 2 * DAY), SEED_BASE_TIME - MIN), installment: null });
    }
    return payments;
  }

  /** Courier tracking history (seed 002 tracking, seed 001 delivery_history). */
  private trackShipment(
    shipment: number,
    shippedAt: number,
    deliveredAt: number | null,
    returnedAt: number | null,
    origin: { name: string; hub: string; region: number },
    recipient: { name: string; region: number },
  ) {
    const rng = this.rng;
    const originCity = this.regions[this.regionPath(origin.region).city].name;
    const destCity = this.regions[this.regionPath(recipient.region).city].name;
    const events: [string, string, string, number][] = [['picked_up', origin.name, 'Paket telah diserahkan ke kurir', shippedAt]];
    const until = deliveredAt ?? returnedAt ?? SEED_BASE_TIME;
    const at = (share: number) => shippedAt + Math.floor((until - shippedAt) * share);
    events.push(['in_transit', `${origin.hub}, ${originCity}`, 'Paket diproses di pusat sortir', at(0.2)]);
    if (deliveredAt) {
      events.push(['arrived_at_hub', destCity, `Paket tiba di gudang transit ${destCity}`, at(0.6)]);
      events.push(['out_for_delivery', destCity, 'Paket sedang diantar kurir', at(0.9)]);
      events.push(['delivered', destCity, `Paket diterima oleh [${recipient.name} - (YBS) Yang Bersangkutan]`, deliveredAt]);
    } else if (returnedAt) {
      events.push(['arrived_at_hub', destCity, `Paket tiba di gudang transit ${destCity}`, at(0.4)]);
      events.push(['delivery_failed', destCity, rng.pick(['Pengiriman gagal: alamat tidak ditemukan', 'Pengiriman gagal: penerima menolak paket']), at(0.55)]);
      events.push(['returned_to_sender', destCity, 'Paket dikembalikan ke pengirim', at(0.7)]);
      events.push(['returned', origin.name, 'Paket telah diterima kembali oleh pengirim', returnedAt]);
    } else if (rng.chance(0.6)) {
      events.push(['arrived_at_hub', destCity, `Paket tiba di gudang transit ${destCity}`, at(0.7)]);
    }
    for (const [status, location, description, occurredAt] of events) {
      this.add('ShipmentEvent', { shipmentId: shipment, status, location, description, occurredAt, createdAt: occurredAt });
    }
  }

  // ------------------------------------------------------------ stock

  private levelOf(variation: number, warehouse: number): number {
    return this.ownPosition.get(variation)! * this.warehouses.length + this.warehouses.findIndex((w) => w.idx === warehouse);
  }

  private move(level: number, kind: StockMovementKind, qin: number, qout: number, reserved: number, at: number, order: number | null, description: string, actor: string) {
    this.movements.push({ level, kind, qin, qout, reserved, at, order, description, actor, seq: this.movementSeq++ });
  }

  /**
   * Levels and their ledger. The opening receipt is sized last, from the level's
   * own history, so on hand never goes negative and never drops below reserved.
   */
  private buildStock() {
    const rng = this.rng;
    const W = this.warehouses.length;
    const levelCount = this.ownVariations.length * W;
    // Receipts, adjustments and stock counts beside the order movements.
    for (let level = 0; level < levelCount; level++) {
      const whCode = this.warehouses[level % W].code;
      const actor = `gudang.${whCode.slice(4).toLowerCase()}`;
      for (let n = rng.weighted([[0, 30], [1, 45], [2, 25]]); n > 0; n--) {
        const at = rng.between(SEED_BASE_TIME - ORDER_WINDOW, SEED_BASE_TIME - HOUR);
        const month = new Date(at).toISOString().slice(0, 7).replace('-', '');
        this.move(level, 'RECEIPT', rng.int(2, 20) * 10, 0, 0, at, null, `Penerimaan barang PO-${month}-${pad(rng.int(1, 999), 3)}`, actor);
      }
      if (rng.chance(0.15)) {
        const at = rng.between(SEED_BASE_TIME - ORDER_WINDOW, SEED_BASE_TIME - HOUR);
        if (rng.chance(0.6)) this.move(level, 'ADJUSTMENT', 0, rng.int(1, 3), 0, at, null, 'Barang rusak', actor);
        else this.move(level, 'ADJUSTMENT', rng.int(1, 2), 0, 0, at, null, 'Koreksi stok', actor);
      }
      if (rng.chance(0.1)) {
        const delta = rng.pick([-2, -1, 1, 2]);
        this.move(level, 'COUNT', Math.max(delta, 0), Math.max(-delta, 0), 0, rng.between(SEED_BASE_TIME - ORDER_WINDOW, SEED_BASE_TIME - HOUR), null, 'Stock opname', actor);
      }
    }
    this.movements.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const net = new Array<number>(levelCount).fill(0);
    const reserved = new Array<number>(levelCount).fill(0);
    const need = new Array<number>(levelCount).fill(0);
    for (const m of this.movements) {
      net[m.level] += m.qin - m.qout;
      reserved[m.level] += m.reserved;
      need[m.level] = Math.max(need[m.level], reserved[m.level] - net[m.level]);
    }
    const opening: MovementSpec[] = [];
    for (let level = 0; level < levelCount; level++) {
      const variation = this.variations[this.ownVariations[Math.floor(level / W)]];
      const leftover = rng.chance(0.08) ? 0 : rng.int(5, 300);
      const quantity = Math.max(1, need[level] + leftover);
      const createdAt = this.rows.Variation[variation.idx].createdAt as number;
      const whCode = this.warehouses[level % W].code;
      opening.push({
        level, kind: 'RECEIPT', qin: quantity, qout: 0, reserved: 0, at: createdAt + HOUR, order: null, description: 'Stok awal',
        actor: `gudang.${whCode.slice(4).toLowerCase()}`, seq: -1,
      });
    }
    // Opening receipts predate every order; merge them in front.
    opening.sort((a, b) => a.at - b.at || a.level - b.level);
    const all = [...opening, ...this.movements];
    const balance = new Array<number>(levelCount).fill(0);
    const updatedAt = new Array<number>(levelCount).fill(0);
    for (const m of all) {
      balance[m.level] += m.qin - m.qout;
      updatedAt[m.level] = m.at;
      const variation = this.ownVariations[Math.floor(m.level / W)];
      this.add('StockMovement', {
        variationId: variation, warehouseId: this.warehouses[m.level % W].idx, kind: m.kind, quantityIn: m.qin, quantityOut: m.qout,
        reservedDelta: m.reserved, balance: balance[m.level], description: m.description, actor: m.actor, orderId: m.order, createdAt: m.at,
      });
    }
    for (let level = 0; level < levelCount; level++) {
      this.add('StockLevel', {
        variationId: this.ownVariations[Math.floor(level / W)], warehouseId: this.warehouses[level % W].idx,
        onHand: balance[level], reserved: reserved[level], updatedAt: updatedAt[level],
      });
    }
  }
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

// ---------------------------------------------------------------- entry point

function tenantDisplayName(slug: string): string {
  const words = slug.split(/[-_\s]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1));
  return `Toko ${words.join(' ') || slug}`;
}

/**
 * Creates tenant `options.tenant` with a full, deterministic data set in one
 * transaction. Refuses (SeedError) when the slug already exists.
 */
export async function seedTenant(db: Database, options: SeedOptions): Promise<SeedResult> {
  const { tenant: slug, orders } = options;
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(slug)) {
    throw new SeedError(`Tenant slug "${slug}" is not valid: use lower-case letters, digits, "-" or "_" (at most 63 characters).`);
  }
  if (!Number.isInteger(orders) || orders < 0) throw new SeedError(`orders must be a whole number >= 0, got ${orders}`);
  const seed = options.seed ?? 1;
  const name = tenantDisplayName(slug);

  const existsError = (id: number) =>
    new SeedError(`Tenant "${slug}" already exists (id ${id}); choose another --tenant or delete that tenant first.`);
  const [existing] = await db.sql.query<{ id: number }>('SELECT id FROM "Tenant" WHERE slug = $1', [slug]);
  if (existing) throw existsError(existing.id);

  const data = new TenantData(slug, name, orders, seed);
  data.build();
  for (const table of TABLE_NAMES) assertKnownColumns(table, data.rows[table]);
  const totalRows = TABLE_NAMES.reduce((s, t) => s + data.rows[t].length, 0);
  const report = options.onProgress ?? (() => {});
  report(0, orders);
  // Reserved outside the main transaction so concurrent writers wait only a moment;
  // a failed seed merely leaves a gap in the sequences.
  const ids = await reserveIds(db.sql, db.kind, Object.fromEntries(TABLE_NAMES.map((t) => [t, data.rows[t].length])) as Record<TableName, number>);

  const tenantId = await db.sql.transaction(async (sql) => {
    // Another writer may have taken the slug since the check above.
    const [created] = await sql.query<{ id: number }>(
      `INSERT INTO "Tenant" (slug, name, currency, "createdAt") VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, name, 'IDR', new Date(SEED_BASE_TIME - 420 * DAY).toISOString()],
    );
    if (!created) {
      const [taken] = await sql.query<{ id: number }>('SELECT id FROM "Tenant" WHERE slug = $1', [slug]);
      throw existsError(taken?.id ?? 0);
    }
    const id = Number(created.id);
    await bulkLoadMode(sql, db.kind);
    let written = 0;
    // Serialises the next chunk while the database writes the previous one.
    let pending: Promise<unknown> = Promise.resolve();
    for (const table of TABLE_NAMES) {
      const rows = data.rows[table];
      const cols: readonly Col[] = TABLES[table];
      const statement = insertStatement(table);
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS);
        const params: unknown[] = [id, `{${chunk.map((_, k) => ids[table].at(start + k)).join(',')}}`];
        for (const [col, type, ref] of cols) params.push(arrayLiteral(type, ref, chunk, col, ids));
        await pending;
        pending = sql.query(statement, params).then(() => {
          written += chunk.length;
          report(Math.floor((orders * written) / totalRows), orders);
        });
      }
    }
    await pending;
    return id;
  });
  report(orders, orders);
  // Fresh statistics for the first queries' plans. PostgreSQL's autovacuum does this
  // on its own; the embedded PGlite has no autovacuum.
  if (db.kind === 'pglite') await db.sql.exec(`ANALYZE ${TABLE_NAMES.map((t) => `"${t}"`).join(', ')}`);

  const counts: Record<string, number> = { Tenant: 1 };
  for (const table of TABLE_NAMES) counts[table] = data.rows[table].length;
  return { tenantId, counts };
}
