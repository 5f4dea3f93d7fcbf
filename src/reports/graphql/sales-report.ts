// salesReport: sales, discounts, returns, refunds, cost and margin of the orders a
// filter selects, by day, week or month in the shop's time zone or by one dimension
// (top N + other). Cost fields need costs.read (the permission matrix guards them);
// sorting by profit too, since the order of the rows would tell it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { hasPermission } from '../../auth/permissions.js';
import { builder } from '../../graphql/builder.js';
import { AdjustmentCategory } from '../../db/generated/prisma/enums.js';
import { OrderFilter } from '../../orders/graphql/order-filter-input.js';
import {
  COST_METRICS,
  KEY_TYPES,
  MAX_TOP,
  REPORT_GROUPINGS,
  REPORT_METRICS,
  salesReport,
  type ReportGrouping,
  type ReportMetric,
  type SalesFigures as Figures,
  type SalesReport as Report,
  type SalesReportRow as Row,
} from '../sales-report.js';

const GROUPING_DESCRIPTIONS: Record<ReportGrouping, string> = {
  DAY: "Calendar day in the shop's time zone; the key is the day (YYYY-MM-DD).",
  WEEK: "Week from Monday in the shop's time zone; the key is its Monday (YYYY-MM-DD).",
  MONTH: "Calendar month in the shop's time zone; the key is its first day (YYYY-MM-DD).",
  CUSTOMER: 'Customer (key: Customer id); guest orders under a null key.',
  CUSTOMER_CATEGORY: "Customer category recorded on the order, else the customer's (key: CustomerCategory id).",
  CHANNEL: 'Sales channel (key: the channel code).',
  SOURCE: 'Order source (key: OrderSource id).',
  WAREHOUSE: 'Warehouse the order ships from (key: Warehouse id).',
  COURIER: "Courier of the order's first shipment (key: Courier id).",
  SALES_REP: 'Sales rep the order is attributed to (key: SalesRep id); an order without one, by the sales person written on it (key: the name).',
  SALES_TEAM: 'Sales team the order is attributed to (key: SalesTeam id); orders without one under a null key.',
  CITY: "Recipient's city (key: the city as written).",
  PRODUCT: 'Product of the line (key: Product id). Line figures: order discounts, costs and refunds are not split over lines.',
  VARIATION: 'Variation (SKU) of the line (key: Variation id). Line figures, as PRODUCT.',
  PRODUCT_CATEGORY: "Category of the line's product (key: ProductCategory id). Line figures, as PRODUCT.",
};

const SalesReportGroupBy = builder.enumType('SalesReportGroupBy', {
  description: 'What a sales report groups by: a period, or one dimension of the orders or their lines.',
  values: Object.fromEntries(REPORT_GROUPINGS.map((g) => [g, { value: g, description: GROUPING_DESCRIPTIONS[g] }])) as Record<
    ReportGrouping,
    { value: ReportGrouping; description: string }
  >,
});

const METRIC_DESCRIPTIONS: Record<ReportMetric, string> = {
  NET_SALES: 'Net sales.',
  GROSS_SALES: 'Gross sales.',
  UNITS: 'Units sold.',
  ORDERS: 'Number of orders.',
  GROSS_PROFIT: 'Gross profit (needs the costs.read permission).',
};

const SalesReportMetric = builder.enumType('SalesReportMetric', {
  description: 'What ranks the groups of a sales report (largest first).',
  values: Object.fromEntries(REPORT_METRICS.map((m) => [m, { value: m, description: METRIC_DESCRIPTIONS[m] }])) as Record<
    ReportMetric,
    { value: ReportMetric; description: string }
  >,
});

const SalesAdjustmentTotal = builder.objectRef<{ category: AdjustmentCategory; amount: unknown }>('SalesAdjustmentTotal').implement({
  description: 'Order costs or discounts of one category, summed.',
  fields: (t) => ({
    category: t.expose('category', { type: AdjustmentCategory, description: 'The category (shipping, tax, discount, ...).' }),
    amount: t.field({ type: 'Decimal', description: 'Their sum.', resolve: (a) => a.amount as never }),
  }),
});

const SalesFigures = builder.objectRef<Figures>('SalesFigures').implement({
  description:
    'Money and counts of a group of orders (or of their lines, for product groupings). netSales = grossSales - itemDiscounts - orderDiscounts - returns; grossProfit = netSales - cost.',
  fields: (t) => ({
    orderCount: t.exposeInt('orderCount', { description: 'Orders.' }),
    unitCount: t.exposeInt('unitCount', { description: 'Units ordered (lines not cancelled).' }),
    unitsReturned: t.exposeInt('unitsReturned', { description: 'Of those, units that came back.' }),
    grossSales: t.field({ type: 'Decimal', description: 'Unit price x quantity of the lines, before discounts.', resolve: (f) => f.grossSales }),
    itemDiscounts: t.field({ type: 'Decimal', description: 'Line discounts.', resolve: (f) => f.itemDiscounts }),
    orderDiscounts: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Order discounts (DISCOUNT adjustments); null for product groupings.',
      resolve: (f) => f.orderDiscounts,
    }),
    returns: t.field({ type: 'Decimal', description: 'Value of the units returned, at their line prices.', resolve: (f) => f.returns }),
    netSales: t.field({ type: 'Decimal', description: 'Gross sales less item and order discounts and returns.', resolve: (f) => f.netSales }),
    adjustments: t.field({
      type: [SalesAdjustmentTotal],
      nullable: true,
      description: 'Order costs and discounts by category (shipping, tax, COD fee, ...), every category listed; null for product groupings.',
      resolve: (f) => f.adjustments,
    }),
    grandTotal: t.field({ type: 'Decimal', nullable: true, description: "The orders' grand totals; null for product groupings.", resolve: (f) => f.grandTotal }),
    netTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'What the buyers still pay for: grand totals less returns (zero for a fully returned order); null for product groupings.',
      resolve: (f) => f.netTotal,
    }),
    refunds: t.field({ type: 'Decimal', nullable: true, description: 'Money given back (refund payments); null for product groupings.', resolve: (f) => f.refunds }),
    cost: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Cost of the units kept, at the cost price recorded on each line when it was written.',
      resolve: (f) => f.cost,
    }),
    uncostedUnits: t.int({ nullable: true, description: 'Units kept whose line has no cost price (counted at zero cost).', resolve: (f) => f.uncostedUnits }),
    grossProfit: t.field({ type: 'Decimal', nullable: true, description: 'Net sales less cost.', resolve: (f) => f.grossProfit }),
    marginPercent: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Gross profit as a percentage of net sales, two decimals; null without net sales.',
      resolve: (f) => f.marginPercent,
    }),
  }),
});

type RowWithType = Row & { keyType?: string };

const SalesReportRow = builder.objectRef<RowWithType>('SalesReportRow').implement({
  description: 'One group of a sales report.',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description:
        "The group: a period's first day (YYYY-MM-DD), a channel code or sales rep, or the global id of the customer, product, warehouse, ...; null for orders without one (a guest order by customer) and for the other row.",
      resolve: (row) => (row.key !== null && row.keyType ? encodeGlobalID(row.keyType, row.key) : row.key),
    }),
    label: t.exposeString('label', { nullable: true, description: 'A name to show: the product, customer or warehouse name, the channel, the day.' }),
    isOther: t.exposeBoolean('isOther', { description: 'The groups beyond the top N, summed in one row.' }),
    figures: t.field({ type: SalesFigures, description: "The group's figures.", resolve: (row) => row.figures }),
  }),
});

const SalesReport = builder.objectRef<Report>('SalesReport').implement({
  description: 'A sales report: a row per group, and the totals over every matching order.',
  fields: (t) => ({
    groupBy: t.field({ type: SalesReportGroupBy, description: 'What the rows are grouped by.', resolve: (r) => r.groupBy }),
    timeZone: t.exposeString('timeZone', { description: "The shop's time zone days, weeks and months are counted in (IANA name)." }),
    rows: t.field({
      type: [SalesReportRow],
      description: 'Periods in time order; other groupings largest first, the other row last.',
      resolve: (r) => r.rows.map((row) => ({ ...row, keyType: KEY_TYPES[r.groupBy] })),
    }),
    totals: t.field({ type: SalesFigures, description: 'Over every matching order (or line), whatever top keeps.', resolve: (r) => r.totals }),
  }),
});

builder.queryField('salesReport', (t) =>
  t.field({
    type: SalesReport,
    description:
      'Sales, discounts, returns, refunds, cost and margin of placed orders (drafts, cancelled orders and internal kinds left out unless the filter names them), grouped by a period or a dimension. A key bound to a channel sees its channel only.',
    args: {
      groupBy: t.arg({ type: SalesReportGroupBy, required: true, description: 'What to group by.' }),
      from: t.arg({ type: 'Date', required: false, description: 'First day, YYYY-MM-DD in the shop\'s time zone (included).' }),
      to: t.arg({ type: 'Date', required: false, description: 'Last day, YYYY-MM-DD in the shop\'s time zone (included).' }),
      filter: t.arg({ type: OrderFilter, required: false, description: "Which orders count, as the order list's filter." }),
      top: t.arg.int({ required: false, description: `For dimensions: the best groups kept (default 10, at most ${MAX_TOP}); the rest are summed in one other row. Periods are all listed.` }),
      sortBy: t.arg({ type: SalesReportMetric, required: false, description: 'What ranks the groups (default NET_SALES).' }),
    },
    resolve: (_root, args, ctx) => {
      if (args.sortBy && COST_METRICS.includes(args.sortBy) && !hasPermission(ctx.viewer.role, 'costs.read')) {
        throw new GraphQLError(`Role ${ctx.viewer.role} may not rank by ${args.sortBy}: it needs the costs.read permission`, { extensions: { code: 'FORBIDDEN' } });
      }
      return salesReport(ctx.prisma, ctx.tenantId, {
        groupBy: args.groupBy,
        from: args.from,
        to: args.to,
        filter: args.filter,
        top: args.top,
        sortBy: args.sortBy,
      });
    },
  }),
);
