// Sales report (seed 002 Report and Analyzer: sales, profit, best customers,
// products and locations, per source and admin): sums over orders and their
// lines, grouped by a period in the shop's time zone or by one dimension, in one
// SQL statement. Read under the tenant's row-level security through the request's
// client; a key bound to a channel gets that channel's orders only (raw SQL passes
// the key's scoped Prisma client by, so the condition is added here).
//
// Which orders count: placed orders (no drafts), not cancelled, of the kinds that
// are sold (SALE, REQUEST), unless the filter names statuses, kinds or drafts.
//
// Figures of a group:
//   grossSales    = sum of unit price x quantity of the lines not cancelled
//   itemDiscounts = sum of the line discounts
//   orderDiscounts= the orders' DISCOUNT adjustments (order-level groupings only)
//   returns       = value of the units that came back (their share of the line total)
//   netSales      = grossSales - itemDiscounts - orderDiscounts - returns
//   cost          = sum of the line's cost price (recorded when the line was written) x units kept
//   grossProfit   = netSales - cost
// Grouped by product, variation or product category the figures are the lines'
// (an order discount, shipping or a refund belongs to no one line): those fields are null.
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Db } from '../db/client.js';
import { UNPREPARED } from '../db/statement-names.js';
import { Prisma } from '../db/generated/prisma/client.js';
import type { AdjustmentCategory } from '../db/generated/prisma/enums.js';
import type { OrderFilterValue } from '../orders/order-filters.js';
import { InputError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { reportFilterSql } from './report-filters.js';

export const REPORT_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
export const ORDER_DIMENSIONS = ['CUSTOMER', 'CUSTOMER_CATEGORY', 'CHANNEL', 'SOURCE', 'WAREHOUSE', 'COURIER', 'SALES_REP', 'SALES_TEAM', 'CITY'] as const;
export const LINE_DIMENSIONS = ['PRODUCT', 'VARIATION', 'PRODUCT_CATEGORY'] as const;
export const REPORT_GROUPINGS = [...REPORT_PERIODS, ...ORDER_DIMENSIONS, ...LINE_DIMENSIONS] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_METRICS = ['NET_SALES', 'GROSS_SALES', 'UNITS', 'ORDERS', 'GROSS_PROFIT'] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];
/** Metrics that reveal costs: sorting by them needs the costs.read permission. */
export const COST_METRICS: readonly ReportMetric[] = ['GROSS_PROFIT'];

export const ADJUSTMENT_CATEGORIES = ['SHIPPING', 'DISCOUNT', 'SHIPPING_DISCOUNT', 'TAX', 'COD_FEE', 'INSURANCE', 'PACKING', 'OTHER_COST'] as const satisfies readonly AdjustmentCategory[];

/** The node type a grouping's key is the id of (undefined: the key is a text value or a date). */
export const KEY_TYPES: Partial<Record<ReportGrouping, string>> = {
  CUSTOMER: 'Customer',
  CUSTOMER_CATEGORY: 'CustomerCategory',
  SOURCE: 'OrderSource',
  WAREHOUSE: 'Warehouse',
  COURIER: 'Courier',
  PRODUCT: 'Product',
  VARIATION: 'Variation',
  PRODUCT_CATEGORY: 'ProductCategory',
};

export const MAX_TOP = 1_000;
const DEFAULT_TOP = 10;

export interface SalesReportInput {
  groupBy: ReportGrouping;
  /** First and last calendar day (YYYY-MM-DD) in the shop's time zone, both included. */
  from?: string | null;
  to?: string | null;
  filter?: OrderFilterValue | null;
  /** Groupings other than periods: the best `top` groups, the rest summed as one "other" row. */
  top?: number | null;
  sortBy?: ReportMetric | null;
}

export interface SalesFigures {
  orderCount: number;
  unitCount: number;
  unitsReturned: number;
  grossSales: Decimal;
  itemDiscounts: Decimal;
  orderDiscounts: Decimal | null;
  returns: Decimal;
  netSales: Decimal;
  /** Order costs and discounts by category; null for line groupings. */
  adjustments: Array<{ category: AdjustmentCategory; amount: Decimal }> | null;
  grandTotal: Decimal | null;
  netTotal: Decimal | null;
  refunds: Decimal | null;
  cost: Decimal;
  /** Units kept whose line has no cost price (their cost counts as zero). */
  uncostedUnits: number;
  grossProfit: Decimal;
  /** grossProfit / netSales x 100, two decimals; null when there are no net sales. */
  marginPercent: Decimal | null;
}

export interface SalesReportRow {
  /** The period's first day (YYYY-MM-DD), the channel or sales rep, the entity's id; null: orders without one; null with isOther: the rest. */
  key: string | null;
  label: string | null;
  isOther: boolean;
  figures: SalesFigures;
}

export interface SalesReport {
  groupBy: ReportGrouping;
  timeZone: string;
  /** Whether the figures are the lines' (product groupings) rather than the orders'. */
  lineLevel: boolean;
  rows: SalesReportRow[];
  totals: SalesFigures;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = 3_600_000;

function checkDay(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InputError(`${field} must be a calendar date such as "2026-03-01"`);
  }
  return value;
}

const isLine = (g: ReportGrouping) => (LINE_DIMENSIONS as readonly string[]).includes(g);
const isPeriod = (g: ReportGrouping) => (REPORT_PERIODS as readonly string[]).includes(g);

/** Key and label of an order-level grouping; joins it needs. */
function orderKey(groupBy: ReportGrouping): { key: Prisma.Sql; label: Prisma.Sql; joins: Prisma.Sql } {
  const none = Prisma.empty;
  switch (groupBy) {
    case 'DAY':
    case 'WEEK':
    case 'MONTH': {
      // A date here, written as YYYY-MM-DD once per group at the end.
      const unit = Prisma.raw(`'${groupBy.toLowerCase()}'`);
      const key = Prisma.sql`date_trunc(${unit}, o."orderedAt" AT TIME ZONE s.tz)::date`;
      return { key, label: Prisma.sql`NULL::text`, joins: none };
    }
    case 'CUSTOMER':
      return { key: Prisma.sql`o."customerId"::text`, label: Prisma.sql`dc."name"`, joins: Prisma.sql`LEFT JOIN "Customer" dc ON dc."id" = o."customerId"` };
    case 'CUSTOMER_CATEGORY':
      // The category recorded on the order, else the customer's (as the order filter).
      return {
        key: Prisma.sql`coalesce(o."customerCategoryId", dc."categoryId")::text`,
        label: Prisma.sql`dcc."name"`,
        joins: Prisma.sql`LEFT JOIN "Customer" dc ON dc."id" = o."customerId"
          LEFT JOIN "CustomerCategory" dcc ON dcc."id" = coalesce(o."customerCategoryId", dc."categoryId")`,
      };
    case 'CHANNEL':
      return { key: Prisma.sql`o."channel"`, label: Prisma.sql`o."channel"`, joins: none };
    case 'SOURCE':
      return { key: Prisma.sql`o."sourceId"::text`, label: Prisma.sql`ds."name"`, joins: Prisma.sql`LEFT JOIN "OrderSource" ds ON ds."id" = o."sourceId"` };
    case 'WAREHOUSE':
      return {
        key: Prisma.sql`o."originWarehouseId"::text`,
        label: Prisma.sql`dw."name"`,
        joins: Prisma.sql`LEFT JOIN "Warehouse" dw ON dw."id" = o."originWarehouseId"`,
      };
    case 'COURIER':
      // The courier of the order's first shipment.
      return {
        key: Prisma.sql`dsh."courierId"::text`,
        label: Prisma.sql`dcr."name"`,
        joins: Prisma.sql`LEFT JOIN LATERAL (SELECT sh."courierId" FROM "Shipment" sh WHERE sh."orderId" = o."id" ORDER BY sh."id" LIMIT 1) dsh ON true
          LEFT JOIN "Courier" dcr ON dcr."id" = dsh."courierId"`,
      };
    case 'SALES_REP':
      // The rep the order is attributed to; orders from before reps were records keep their free text.
      return {
        key: Prisma.sql`coalesce(o."salesRepId"::text, o."salesRep")`,
        label: Prisma.sql`coalesce(dsr."name", o."salesRep")`,
        joins: Prisma.sql`LEFT JOIN "SalesRep" dsr ON dsr."id" = o."salesRepId"`,
      };
    case 'SALES_TEAM':
      return { key: Prisma.sql`o."salesTeamId"::text`, label: Prisma.sql`dst."name"`, joins: Prisma.sql`LEFT JOIN "SalesTeam" dst ON dst."id" = o."salesTeamId"` };
    case 'CITY':
      // Where it was delivered: the recipient's city.
      return {
        key: Prisma.sql`dp."city"`,
        label: Prisma.sql`dp."city"`,
        joins: Prisma.sql`LEFT JOIN "OrderParty" dp ON dp."orderId" = o."id" AND dp."role" = 'RECIPIENT'`,
      };
    default:
      throw new Error(`not an order grouping: ${groupBy}`);
  }
}

function lineKey(groupBy: ReportGrouping): { key: Prisma.Sql; label: Prisma.Sql } {
  switch (groupBy) {
    case 'PRODUCT':
      return { key: Prisma.sql`v."productId"::text`, label: Prisma.sql`coalesce(p."name", i."productName")` };
    case 'VARIATION':
      return { key: Prisma.sql`i."variationId"::text`, label: Prisma.sql`coalesce(v."sku", i."sku")` };
    case 'PRODUCT_CATEGORY':
      return { key: Prisma.sql`p."categoryId"::text`, label: Prisma.sql`pc."name"` };
    default:
      throw new Error(`not a line grouping: ${groupBy}`);
  }
}

const METRIC_SQL: Record<ReportMetric, Prisma.Sql> = {
  NET_SALES: Prisma.sql`g."netSales"`,
  GROSS_SALES: Prisma.sql`g."grossSales"`,
  UNITS: Prisma.sql`g."unitCount"`,
  ORDERS: Prisma.sql`g."orderCount"`,
  GROSS_PROFIT: Prisma.sql`g."netSales" - g."cost"`,
};

interface FigureRow {
  orderCount: number;
  unitCount: number;
  unitsReturned: number;
  grossSales: string;
  itemDiscounts: string;
  orderDiscounts: string | null;
  returns: string;
  cost: string;
  uncostedUnits: number;
  grandTotal: string | null;
  netTotal: string | null;
  refunds: string | null;
  [category: `adj_${string}`]: string | null;
}

interface ReportRow extends FigureRow {
  tz: string;
  /** Period reports: whether the shop's zone is whole hours from UTC (the hours could be read). */
  wholeHours?: boolean;
  isTotal: boolean;
  isOther: boolean;
  key: string | null;
  label: string | null;
}

/** The figures a grouped row sums, from the facts CTE `f` (an order counted once however many lines it has). */
const sums = (orderCount: Prisma.Sql) => Prisma.sql`
  ${orderCount}::int AS "orderCount",
  coalesce(sum(f."units"), 0)::int AS "unitCount",
  coalesce(sum(f."unitsReturned"), 0)::int AS "unitsReturned",
  coalesce(sum(f."gross"), 0)::text AS "grossSales",
  coalesce(sum(f."itemDiscounts"), 0)::text AS "itemDiscounts",
  sum(f."orderDiscounts")::text AS "orderDiscounts",
  coalesce(sum(f."returns"), 0)::text AS "returns",
  coalesce(sum(f."cost"), 0)::text AS "cost",
  coalesce(sum(f."uncosted"), 0)::int AS "uncostedUnits",
  sum(f."grandTotal")::text AS "grandTotal",
  sum(f."netTotal")::text AS "netTotal",
  sum(f."refunds")::text AS "refunds",
  ${Prisma.join(
    ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`sum(f.${Prisma.raw(`"adj_${c}"`)})::text AS ${Prisma.raw(`"adj_${c}"`)}`),
    ',\n  ',
  )}`;
const SUMS = sums(Prisma.sql`count(DISTINCT f."orderId")`);

const adj = (c: string) => Prisma.raw(`"adj_${c}"`);
/** SalesHour's and OrderSalesFact's column of an adjustment category: SHIPPING_DISCOUNT -> "shippingDiscount". */
const categoryColumn = (c: string, alias: string) => Prisma.raw(`${alias}."${c.toLowerCase().replace(/_(.)/g, (_m, l: string) => l.toUpperCase())}"`);

/**
 * Whether a report can read SalesHour (the sums per UTC hour and channel kept by the
 * writers) instead of every order: a period grouping, and a filter that keeps the
 * default set of orders or narrows it by channel only. The statement still falls back to
 * the orders when the shop's zone is not a whole number of hours from UTC.
 */
export function readsHours(input: SalesReportInput): boolean {
  if (!isPeriod(input.groupBy)) return false;
  return Object.entries(input.filter ?? {}).every(
    ([name, value]) =>
      name === 'channels' || value == null || (Array.isArray(value) && value.length === 0) || (name === 'isDraft' && value === false) || (name === 'search' && !String(value).trim()),
  );
}

/**
 * Whether an order-level report can read OrderSalesFact (the figures each order adds,
 * kept by the writers) instead of summing lines, adjustments and refunds: the filter
 * keeps to the orders counted by default (it names no statuses, kinds or drafts).
 */
export function readsFacts(input: SalesReportInput): boolean {
  const f = input.filter ?? {};
  return !isLine(input.groupBy) && !f.statuses?.length && !f.kinds?.length && !f.isDraft;
}

/**
 * The sums per period, named as the order-level facts, when the zone allows it: the
 * folded days (SalesDay) and the hours not folded yet, or, while the shop's days are
 * in another zone (it changed since the last fold), every hour.
 */
function hourFacts(tenant: Prisma.Sql, groupBy: ReportGrouping, input: SalesReportInput, channel: string | null): Prisma.Sql {
  const unit = Prisma.raw(`'${groupBy.toLowerCase()}'`);
  const channels = input.filter?.channels?.map((c) => c.trim().toLowerCase());
  /** The conditions every source shares, on its alias: tenant and channels. */
  const shared = (a: string) => {
    const where: Prisma.Sql[] = [Prisma.sql`${Prisma.raw(a)}."tenantId" = ${tenant}`, Prisma.sql`(SELECT "wholeHours" FROM settings)`];
    if (channel !== null) where.push(Prisma.sql`${Prisma.raw(a)}."channel" = ${channel}::text`);
    if (channels?.length) where.push(Prisma.sql`${Prisma.raw(a)}."channel" = ANY(${channels}::text[])`);
    return where;
  };
  const days = shared('d');
  days.push(Prisma.sql`d."timeZone" = s.tz`, Prisma.sql`(SELECT "daysReady" FROM settings)`);
  if (input.from) days.push(Prisma.sql`d."day" >= ${input.from}::date`);
  if (input.to) days.push(Prisma.sql`d."day" <= ${input.to}::date`);
  const hours = shared('h');
  // As for the orders: the days widened by 14 hours as constants, for the planner's estimate.
  if (input.from) {
    const outer = new Date(Date.parse(`${input.from}T00:00:00Z`) - 14 * HOUR);
    hours.push(Prisma.sql`h."hour" >= ${outer}::timestamptz`, Prisma.sql`h."hour" >= (${input.from}::date)::timestamp AT TIME ZONE s.tz`);
  }
  if (input.to) {
    const outer = new Date(Date.parse(`${input.to}T00:00:00Z`) + 38 * HOUR);
    hours.push(Prisma.sql`h."hour" < ${outer}::timestamptz`, Prisma.sql`h."hour" < (${input.to}::date + 1)::timestamp AT TIME ZONE s.tz`);
  }
  // Summed per period in each source: the grouping sets above then see a row or two per period, not one per hour.
  const columns: Array<[string, string]> = [
    ['units', 'units'], ['unitsReturned', 'unitsReturned'], ['gross', 'gross'], ['itemDiscounts', 'itemDiscounts'],
    ['discount', 'orderDiscounts'], ['returns', 'returns'], ['cost', 'cost'], ['uncostedUnits', 'uncosted'],
    ['grandTotal', 'grandTotal'], ['netTotal', 'netTotal'], ['refunds', 'refunds'], ['orders', 'orders'],
  ];
  const sums = (a: string) =>
    Prisma.join([
      ...columns.map(([c, as]) => Prisma.sql`sum(${Prisma.raw(`${a}."${c}"`)}) AS ${Prisma.raw(`"${as}"`)}`),
      ...ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`sum(${categoryColumn(c, a)}) AS ${adj(c)}`),
    ], ', ');
  const fromHours = (extra: Prisma.Sql) => Prisma.sql`
      SELECT date_trunc(${unit}, h."hour" AT TIME ZONE s.tz)::date AS "key", ${sums('h')}
        FROM "SalesHour" h CROSS JOIN settings s
       WHERE ${Prisma.join(hours, ' AND ')} AND ${extra}
       GROUP BY 1`;
  return Prisma.sql`
      SELECT date_trunc(${unit}, d."day")::date AS "key", ${sums('d')}
        FROM "SalesDay" d CROSS JOIN settings s
       WHERE ${Prisma.join(days, ' AND ')}
       GROUP BY 1
      UNION ALL ${fromHours(Prisma.sql`h."slot" >= 0 AND (SELECT "daysReady" FROM settings)`)}
      UNION ALL ${fromHours(Prisma.sql`NOT (SELECT "daysReady" FROM settings)`)}`;
}

/**
 * The statement. `orders`: the matching orders (one index range scan on the tenant and
 * period); their lines, adjustments and refunds are summed per order in set-based joins
 * on the tenant's rows (hash joins over a long period, index probes over a short one:
 * the planner picks); `facts`: one row per order (or per line, for product groupings)
 * with its group key; then the groups, ranked for top N + other, and the totals.
 */
export function salesReportSql(tenantId: number, input: SalesReportInput, channel: string | null, source: 'hours' | 'orders' = 'orders'): Prisma.Sql {
  const groupBy = input.groupBy;
  const from = checkDay(input.from, 'from');
  const to = checkDay(input.to, 'to');
  if (from && to && from > to) throw new InputError('from must not be after to');
  const top = input.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new InputError(`top must be between 1 and ${MAX_TOP}`);
  const metric = METRIC_SQL[input.sortBy ?? 'NET_SALES'];
  const tenant = Prisma.sql`${tenantId}::int`;

  const where: Prisma.Sql[] = [Prisma.sql`o."tenantId" = ${tenant}`, ...reportFilterSql(input.filter)];
  if (channel !== null) where.push(Prisma.sql`o."channel" = ${channel}::text`);
  // Local calendar days to instants in the shop's zone (s.tz is the one value of the settings CTE).
  // The same days widened by 14 hours either way (the furthest any zone is from UTC), as constants:
  // the planner estimates the period's rows from them (it cannot from the zone's conversion).
  if (from) {
    const outer = new Date(Date.parse(`${from}T00:00:00Z`) - 14 * HOUR);
    where.push(Prisma.sql`o."orderedAt" >= ${outer}::timestamptz`, Prisma.sql`o."orderedAt" >= (${from}::date)::timestamp AT TIME ZONE s.tz`);
  }
  if (to) {
    const outer = new Date(Date.parse(`${to}T00:00:00Z`) + 24 * HOUR + 14 * HOUR);
    where.push(Prisma.sql`o."orderedAt" < ${outer}::timestamptz`, Prisma.sql`o."orderedAt" < (${to}::date + 1)::timestamp AT TIME ZONE s.tz`);
  }
  const whereSql = Prisma.join(where, ' AND ');
  if (source === 'hours' && !readsHours(input)) throw new Error(`salesReport: this report cannot read the hours`);

  /** The matching orders with their group key (order-level groupings), and the columns `extra` names. */
  const ordersCte = (extra: Prisma.Sql) => {
    const { key, label, joins } = orderKey(groupBy);
    return Prisma.sql`orders AS MATERIALIZED (
      SELECT o."id", ${key} AS "key", ${label} AS "label"${extra}
        FROM "Order" o
        CROSS JOIN settings s
        ${joins}
       WHERE ${whereSql}
    )`;
  };
  let ctes: Prisma.Sql;
  if (source === 'hours') {
    ctes = Prisma.sql`facts AS (${hourFacts(tenant, groupBy, input, channel)})`;
  } else if (isLine(groupBy)) {
    const { key, label } = lineKey(groupBy);
    ctes = Prisma.sql`
    orders AS MATERIALIZED (SELECT o."id" FROM "Order" o CROSS JOIN settings s WHERE ${whereSql}),
    facts AS (
      SELECT ${key} AS "key", ${label} AS "label", i."orderId",
             i."quantity" AS "units", i."returnedQuantity" AS "unitsReturned",
             i."unitPrice" * i."quantity" AS "gross", i."discountAmount" AS "itemDiscounts",
             NULL::numeric AS "orderDiscounts", coalesce(rl."value", 0) AS "returns",
             coalesce(i."costPrice" * (i."quantity" - i."returnedQuantity"), 0) AS "cost",
             CASE WHEN i."costPrice" IS NULL THEN i."quantity" - i."returnedQuantity" ELSE 0 END AS "uncosted",
             NULL::numeric AS "grandTotal", NULL::numeric AS "netTotal", NULL::numeric AS "refunds",
             ${Prisma.join(ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`NULL::numeric AS ${adj(c)}`), ', ')}
        FROM orders o
        JOIN "OrderItem" i ON i."orderId" = o."id" AND i."tenantId" = ${tenant} AND NOT i."isCancelled"
        LEFT JOIN "Variation" v ON v."id" = i."variationId"
        LEFT JOIN "Product" p ON p."id" = v."productId"
        LEFT JOIN "ProductCategory" pc ON pc."id" = p."categoryId"
        LEFT JOIN (
          SELECT r."orderItemId", sum(r."value") AS "value" FROM "OrderReturnLine" r WHERE r."tenantId" = ${tenant} GROUP BY r."orderItemId"
        ) rl ON rl."orderItemId" = i."id"
    )`;
  } else if (source === 'orders' && readsFacts(input)) {
    // Every order the filter keeps is counted by default, so each has its facts row: read it
    // instead of summing the order's lines, adjustments and refunds.
    ctes = Prisma.sql`
    ${ordersCte(Prisma.empty)},
    facts AS (
      SELECT o."key", o."label", o."id" AS "orderId", f."units", f."unitsReturned", f."gross", f."itemDiscounts",
             f."discount" AS "orderDiscounts", f."returns", f."cost", f."uncostedUnits" AS "uncosted",
             f."grandTotal", f."netTotal", f."refunds",
             ${Prisma.join(ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`${categoryColumn(c, 'f')} AS ${adj(c)}`), ', ')},
             1 AS "orders"
        FROM orders o
        JOIN "OrderSalesFact" f ON f."orderId" = o."id"
    )`;
  } else {
    ctes = Prisma.sql`
    ${ordersCte(Prisma.sql`, o."grandTotal", o."returnedTotal",
             CASE WHEN o."status" = 'CANCELLED' OR o."returnStatus" = 'FULL' THEN 0
                  ELSE greatest(o."grandTotal" - o."returnedTotal", 0) END AS "netTotal"`)},
    lines AS (
      SELECT i."orderId", sum(i."quantity") AS "units", sum(i."returnedQuantity") AS "unitsReturned",
             sum(i."unitPrice" * i."quantity") AS "gross", sum(i."discountAmount") AS "itemDiscounts",
             sum(i."costPrice" * (i."quantity" - i."returnedQuantity")) AS "cost",
             sum(CASE WHEN i."costPrice" IS NULL THEN i."quantity" - i."returnedQuantity" ELSE 0 END) AS "uncosted"
        FROM "OrderItem" i JOIN orders o ON o."id" = i."orderId"
       WHERE i."tenantId" = ${tenant} AND NOT i."isCancelled"
       GROUP BY i."orderId"
    ),
    adjustments AS (
      SELECT a."orderId",
             ${Prisma.join(ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`sum(a."amount") FILTER (WHERE a."category" = ${Prisma.raw(`'${c}'`)}) AS ${adj(c)}`), ', ')}
        FROM "OrderAdjustment" a JOIN orders o ON o."id" = a."orderId"
       WHERE a."tenantId" = ${tenant}
       GROUP BY a."orderId"
    ),
    refunds AS (
      SELECT p."orderId", sum(p."amount") AS "refunds"
        FROM "Payment" p JOIN orders o ON o."id" = p."orderId"
       WHERE p."tenantId" = ${tenant} AND p."kind" = 'REFUND'
       GROUP BY p."orderId"
    ),
    facts AS (
      SELECT o."key", o."label", o."id" AS "orderId",
             coalesce(l."units", 0) AS "units", coalesce(l."unitsReturned", 0) AS "unitsReturned",
             coalesce(l."gross", 0) AS "gross", coalesce(l."itemDiscounts", 0) AS "itemDiscounts",
             coalesce(a."adj_DISCOUNT", 0) AS "orderDiscounts", o."returnedTotal" AS "returns",
             coalesce(l."cost", 0) AS "cost", coalesce(l."uncosted", 0) AS "uncosted",
             o."grandTotal", o."netTotal", coalesce(r."refunds", 0) AS "refunds",
             ${Prisma.join(ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`coalesce(a.${adj(c)}, 0) AS ${adj(c)}`), ', ')},
             1 AS "orders"
        FROM orders o
        LEFT JOIN lines l ON l."orderId" = o."id"
        LEFT JOIN adjustments a ON a."orderId" = o."id"
        LEFT JOIN refunds r ON r."orderId" = o."id"
    )`;
  }

  // wholeHours: the zone is a whole number of hours from UTC (now), so every UTC hour falls in one local day.
  // daysReady: the shop's SalesDay rows are in its zone (all of them share one, so one row tells).
  const settings = Prisma.sql`settings AS MATERIALIZED (
    SELECT t."timeZone" AS tz,
           extract(epoch FROM (now() AT TIME ZONE t."timeZone") - (now() AT TIME ZONE 'UTC'))::int % 3600 = 0 AS "wholeHours",
           coalesce((SELECT d."timeZone" FROM "SalesDay" d WHERE d."tenantId" = t."id" LIMIT 1) = t."timeZone", true) AS "daysReady"
      FROM "Tenant" t WHERE t."id" = ${tenant})`;
  if (isPeriod(groupBy)) {
    // Every period its own row; periods whose orders all left the count (the hours keep their zero sums) are none.
    return Prisma.sql`${Prisma.raw(UNPREPARED)}
    WITH ${settings}, ${ctes}
    SELECT (SELECT tz FROM settings) AS "tz", (SELECT "wholeHours" FROM settings) AS "wholeHours",
           (GROUPING(f."key") = 1) AS "isTotal", false AS "isOther",
           to_char(f."key", 'YYYY-MM-DD') AS "key", to_char(f."key", 'YYYY-MM-DD') AS "label",
           ${sums(Prisma.sql`coalesce(sum(f."orders"), 0)`)}
      FROM facts f
     GROUP BY GROUPING SETS ((f."key"), ())
    HAVING GROUPING(f."key") = 1 OR sum(f."orders") > 0`;
  }
  // Dimensions: ranked by the metric, the first `top` kept, the rest one other row. Keys are
  // joined through coalesce(key, ''), an equality (hash-joinable): "none" ranks as one group.
  const ranked = (grouped: Prisma.Sql, rows: Prisma.Sql, join: Prisma.Sql, figures: Prisma.Sql) => Prisma.sql`${Prisma.raw(UNPREPARED)}
    WITH ${settings}, ${ctes},
    grouped AS (${grouped}),
    ranked AS (
      SELECT g."k", row_number() OVER (ORDER BY ${metric} DESC, g."key" NULLS LAST) > ${top}::int AS "isOther"
        FROM grouped g
    )
    SELECT (SELECT tz FROM settings) AS "tz",
           (GROUPING(r."isOther") = 1) AS "isTotal",
           coalesce(r."isOther", false) AS "isOther",
           CASE WHEN r."isOther" THEN NULL ELSE f."key" END AS "key",
           CASE WHEN r."isOther" THEN NULL ELSE min(f."label") END AS "label",
           ${figures}
      FROM ${rows}
      JOIN ranked r ON r."k" = ${join}
     GROUP BY GROUPING SETS ((r."isOther", CASE WHEN r."isOther" THEN NULL ELSE f."key" END), ())`;
  const netSales = Prisma.sql`coalesce(sum(f."gross"), 0) - coalesce(sum(f."itemDiscounts"), 0) - coalesce(sum(f."orderDiscounts"), 0) - coalesce(sum(f."returns"), 0) AS "netSales"`;
  if (!isLine(groupBy)) {
    // An order has one key, so the groups' sums add up: the other row and the totals are
    // summed from the groups, not from every order again.
    const factColumns = ['units', 'unitsReturned', 'gross', 'itemDiscounts', 'orderDiscounts', 'returns', 'cost', 'uncosted', 'grandTotal', 'netTotal', 'refunds', 'orders'];
    const grouped = Prisma.sql`
      SELECT coalesce(f."key", '') AS "k", f."key", min(f."label") AS "label",
             ${Prisma.join(factColumns.map((c) => Prisma.sql`sum(f.${Prisma.raw(`"${c}"`)}) AS ${Prisma.raw(`"${c}"`)}`), ', ')},
             ${Prisma.join(ADJUSTMENT_CATEGORIES.map((c) => Prisma.sql`sum(f.${adj(c)}) AS ${adj(c)}`), ', ')},
             sum(f."orders") AS "orderCount", coalesce(sum(f."units"), 0) AS "unitCount", coalesce(sum(f."gross"), 0) AS "grossSales", ${netSales}
        FROM facts f GROUP BY f."key"`;
    return ranked(grouped, Prisma.sql`grouped f`, Prisma.sql`f."k"`, sums(Prisma.sql`coalesce(sum(f."orders"), 0)`));
  }
  const grouped = Prisma.sql`
      SELECT coalesce(f."key", '') AS "k", f."key",
             count(DISTINCT f."orderId") AS "orderCount", coalesce(sum(f."units"), 0) AS "unitCount",
             coalesce(sum(f."gross"), 0) AS "grossSales", ${netSales}, coalesce(sum(f."cost"), 0) AS "cost"
        FROM facts f GROUP BY f."key"`;
  return ranked(grouped, Prisma.sql`facts f`, Prisma.sql`coalesce(f."key", '')`, SUMS);
}

function figures(row: FigureRow, lineLevel: boolean): SalesFigures {
  const grossSales = dec(row.grossSales);
  const itemDiscounts = dec(row.itemDiscounts);
  const orderDiscounts = lineLevel ? null : dec(row.orderDiscounts ?? 0);
  const returns = dec(row.returns);
  const netSales = grossSales.minus(itemDiscounts).minus(orderDiscounts ?? 0).minus(returns);
  const cost = dec(row.cost);
  const grossProfit = netSales.minus(cost);
  return {
    orderCount: Number(row.orderCount),
    unitCount: Number(row.unitCount),
    unitsReturned: Number(row.unitsReturned),
    grossSales,
    itemDiscounts,
    orderDiscounts,
    returns,
    netSales,
    adjustments: lineLevel ? null : ADJUSTMENT_CATEGORIES.map((category) => ({ category, amount: dec(row[`adj_${category}`] ?? 0) })),
    grandTotal: lineLevel ? null : dec(row.grandTotal ?? 0),
    netTotal: lineLevel ? null : dec(row.netTotal ?? 0),
    refunds: lineLevel ? null : dec(row.refunds ?? 0),
    cost,
    uncostedUnits: Number(row.uncostedUnits),
    grossProfit,
    marginPercent: netSales.isZero() ? null : grossProfit.times(100).dividedBy(netSales).toDecimalPlaces(2),
  };
}

const zeroRow = (): FigureRow => ({
  orderCount: 0,
  unitCount: 0,
  unitsReturned: 0,
  grossSales: '0',
  itemDiscounts: '0',
  orderDiscounts: null,
  returns: '0',
  cost: '0',
  uncostedUnits: 0,
  grandTotal: null,
  netTotal: null,
  refunds: null,
});

/**
 * The report for the tenant of `prisma` (the request's client: tenant-bound, and for
 * a key bound to a channel, that channel's orders only).
 */
export async function salesReport(prisma: Db, tenantId: number, input: SalesReportInput): Promise<SalesReport> {
  const channel = keyScopeOfClient(prisma)?.channel ?? null;
  // A period report over the default orders (or some channels) reads the hours; in a zone
  // that is not whole hours from UTC those answer nothing and the orders are read instead.
  let rows: ReportRow[] | null = null;
  if (readsHours(input)) {
    rows = await prisma.$queryRaw<ReportRow[]>(salesReportSql(tenantId, input, channel, 'hours'));
    if (!rows.some((row) => row.wholeHours)) rows = null;
  }
  rows ??= await prisma.$queryRaw<ReportRow[]>(salesReportSql(tenantId, input, channel, 'orders'));
  const lineLevel = isLine(input.groupBy);
  const total = rows.find((row) => row.isTotal);
  const groups = rows.filter((row) => !row.isTotal);
  const metric = input.sortBy ?? 'NET_SALES';
  const out: SalesReportRow[] = groups.map((row) => ({ key: row.key, label: row.label, isOther: row.isOther, figures: figures(row, lineLevel) }));
  if (isPeriod(input.groupBy)) out.sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
  else out.sort((a, b) => Number(a.isOther) - Number(b.isOther) || compareMetric(b.figures, a.figures, metric) || compareKeys(a.key, b.key));
  return {
    groupBy: input.groupBy,
    timeZone: total?.tz ?? 'UTC',
    lineLevel,
    rows: out,
    totals: figures(total ?? zeroRow(), lineLevel),
  };
}

function metricValue(f: SalesFigures, metric: ReportMetric): Decimal {
  switch (metric) {
    case 'NET_SALES':
      return f.netSales;
    case 'GROSS_SALES':
      return f.grossSales;
    case 'UNITS':
      return dec(f.unitCount);
    case 'ORDERS':
      return dec(f.orderCount);
    case 'GROSS_PROFIT':
      return f.grossProfit;
  }
}

function compareMetric(a: SalesFigures, b: SalesFigures, metric: ReportMetric): number {
  return metricValue(a, metric).comparedTo(metricValue(b, metric));
}

/** Keys as the SQL ranks ties: ascending text, none last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
