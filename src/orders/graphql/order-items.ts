// OrderItem (an order line) and OrderItemAllocation (its units reserved per warehouse).
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { DiscountType, PriceSource } from '../../db/generated/prisma/enums.js';

export const OrderItem = builder.prismaNode('OrderItem', {
  description: 'One line of an order. SKU, names and prices are snapshots taken at order time.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    variation: t.relation('variation', { nullable: true, description: 'The variation ordered; null when it was deleted from the catalog.' }),
    sku: t.exposeString('sku', { description: 'SKU at order time.' }),
    productName: t.exposeString('productName', { description: 'Product name at order time.' }),
    variationName: t.exposeString('variationName', { nullable: true, description: 'Variation name at order time.' }),
    quantity: t.exposeInt('quantity', { description: 'Units ordered.' }),
    unit: t.exposeString('unit', { description: 'Unit of the quantity, e.g. "PCS".' }),
    unitPrice: t.expose('unitPrice', { type: 'Decimal', description: 'Price of one unit before the line discount.' }),
    priceSource: t.expose('priceSource', { type: PriceSource, description: 'Which price rule gave the unit price.' }),
    discountType: t.expose('discountType', { type: DiscountType, nullable: true, description: 'How the line discount was entered.' }),
    discountValue: t.exposeString('discountValue', {
      nullable: true,
      description: 'The line discount as entered: an amount, a percentage, or a cascade such as "55.05+3".',
    }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', description: 'The line discount in money.' }),
    lineTotal: t.expose('lineTotal', { type: 'Decimal', description: 'Quantity times unit price, minus the discount.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Weight of the line in grams.' }),
    isCancelled: t.exposeBoolean('isCancelled', { description: 'Whether this line was cancelled.' }),
    receivedQuantity: t.exposeInt('receivedQuantity', {
      nullable: true,
      description: "Units of a transfer line the destination warehouse received (orderValidate); null until received, and on other kinds' lines.",
    }),
    receiptShortfall: t.int({
      nullable: true,
      description: 'Units of a received transfer line that were shipped but did not arrive (quantity minus received); null until received.',
      select: { quantity: true, receivedQuantity: true },
      resolve: (item) => (item.receivedQuantity == null ? null : item.quantity - item.receivedQuantity),
    }),
    returnedQuantity: t.exposeInt('returnedQuantity', { description: 'Units of this line that came back over all returns of the order.' }),
    externalLineId: t.exposeString('externalLineId', { nullable: true, description: "The channel's own line id." }),
    note: t.exposeString('note', { nullable: true, description: 'Note on the line.' }),
    allocations: t.relation('allocations', {
      description: 'Units of this line reserved per warehouse.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

export const OrderItemAllocation = builder.prismaNode('OrderItemAllocation', {
  description: 'Units of one order line reserved in one warehouse.',
  ...tenantNode,
  fields: (t) => ({
    orderItem: t.relation('orderItem', { description: 'The order line.' }),
    warehouse: t.relation('warehouse', { description: 'Where the units are reserved.' }),
    quantity: t.exposeInt('quantity', { description: 'Units reserved.' }),
    shippedQuantity: t.exposeInt('shippedQuantity', { description: 'Units of the reservation already shipped.' }),
  }),
});
