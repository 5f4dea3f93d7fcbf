// Order money: OrderTotals (seed 001 price_info, from the stored columns) and the
// costs and discounts behind them (OrderAdjustment).
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { AdjustmentCategory, DiscountType } from '../../db/generated/prisma/enums.js';
import type { Prisma } from '../../db/generated/prisma/client.js';
import type { Decimal } from '../../shared/money.js';

// Stored columns (Prisma) or freshly computed figures (an edit's preview).
type Money = Prisma.Decimal | Decimal;

export interface Totals {
  subtotal: Money;
  itemDiscount: Money;
  shipping: Money;
  discount: Money;
  tax: Money;
  codFee: Money;
  insurance: Money;
  otherCost: Money;
  grandTotal: Money;
  currency: string;
}

export const OrderTotals = builder.objectRef<Totals>('OrderTotals').implement({
  description: "An order's money figures. Amounts are in `currency`.",
  fields: (t) => ({
    subtotal: t.expose('subtotal', { type: 'Decimal', description: 'Sum of the line totals (after line discounts).' }),
    itemDiscount: t.expose('itemDiscount', { type: 'Decimal', description: 'Sum of the line discounts, already taken off the subtotal.' }),
    shipping: t.expose('shipping', { type: 'Decimal', description: 'Shipping charged to the buyer.' }),
    discount: t.expose('discount', { type: 'Decimal', description: 'Order-level discounts (shipping discounts included).' }),
    tax: t.expose('tax', { type: 'Decimal', description: 'Tax.' }),
    codFee: t.expose('codFee', { type: 'Decimal', description: 'Cash-on-delivery fee.' }),
    insurance: t.expose('insurance', { type: 'Decimal', description: 'Shipping insurance.' }),
    otherCost: t.expose('otherCost', { type: 'Decimal', description: 'Other costs (packing and the like).' }),
    grandTotal: t.expose('grandTotal', {
      type: 'Decimal',
      description: 'What the buyer pays: subtotal + shipping + tax + COD fee + insurance + other costs - discount.',
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, e.g. "IDR".' }),
  }),
});

// Each figure and the Order column it is stored in: the resolver, the select and the
// compiled reads (src/graphql/compiled-reads) all read this one table.
const totalsColumns = {
  subtotal: 'subtotal',
  itemDiscount: 'itemDiscountTotal',
  shipping: 'shippingTotal',
  discount: 'discountTotal',
  tax: 'taxTotal',
  codFee: 'codFee',
  insurance: 'insuranceTotal',
  otherCost: 'otherCostTotal',
  grandTotal: 'grandTotal',
  currency: 'currency',
} as const satisfies Record<keyof Totals, string>;

type TotalsColumn = (typeof totalsColumns)[keyof Totals];

builder.prismaObjectFields('Order', (t) => ({
  totals: t.field({
    type: OrderTotals,
    description: 'Subtotal, discounts, shipping, tax, fees and grand total, as stored on the order.',
    select: Object.fromEntries(Object.values(totalsColumns).map((column) => [column, true])) as Record<TotalsColumn, true>,
    extensions: { embeddedColumns: totalsColumns },
    resolve: (order) =>
      Object.fromEntries(Object.entries(totalsColumns).map(([figure, column]) => [figure, order[column]])) as unknown as Totals,
  }),
}));

export const OrderAdjustment = builder.prismaNode('OrderAdjustment', {
  description: 'An order cost or discount: shipping, discount, tax, COD fee, insurance, ...',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    category: t.expose('category', { type: AdjustmentCategory, description: 'What it is.' }),
    name: t.exposeString('name', { description: 'Label, e.g. "Diskon Order".' }),
    type: t.expose('type', { type: DiscountType, description: 'How it was entered.' }),
    value: t.exposeString('value', { description: 'As entered: an amount, a percentage, or a cascade such as "55.05+3".' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Resulting amount in the order currency, always positive.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});
