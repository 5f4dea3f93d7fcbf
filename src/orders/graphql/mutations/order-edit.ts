// orderEdit: seed 001 POST /orders/update, seed 002 PATCH /order, seed 004 PATCH /orders/{id}.
import { PROMOTION_APPLY_ERRORS } from '../../../promotions/graphql/error-types.js';
import { builder } from '../../../graphql/builder.js';
import { OrderTotals } from '../order-totals.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { AdjustmentCategoryEnum, DiscountTypeEnum, PartyRoleEnum, PriceSourceEnum } from '../types.js';
import { PaymentMethodEnum } from '../../../payments/graphql/types.js';
import { OrderNotEditableError, VersionConflictError } from '../../errors.js';
import { editOrder, type OrderEditResult, type PreviewItem, type StockEffect } from '../../order-edit-service.js';
import { adjustmentData, DiscountInput, discountData, itemData, OrderAdjustmentInput, OrderItemInput, OrderPartyInput, partyData } from './order-create.js';

const OrderItemUpdateInput = builder.inputType('OrderItemUpdateInput', {
  description: 'Changes to one existing line; fields left out stay as they are.',
  fields: (t) => ({
    item: t.globalID({ required: true, description: 'Global id of the order line.' }),
    quantity: t.int({ required: false, description: 'New quantity; the catalog price is looked up again for it unless the line has a hand-set price.' }),
    unit: t.string({ required: false, description: 'New unit of measure.' }),
    unitPrice: t.field({ type: 'Decimal', required: false, description: 'A hand-set price (priceSource OVERRIDE).' }),
    catalogPrice: t.boolean({ required: false, description: 'True: drop a hand-set price and use the catalog price again.' }),
    discount: t.field({ type: DiscountInput, required: false, description: 'New line discount.' }),
    removeDiscount: t.boolean({ required: false, description: 'True: remove the line discount.' }),
    externalLineId: t.string({ required: false, description: "New line reference of the caller." }),
    note: t.string({ required: false, description: 'New note on the line.' }),
  }),
});

const OrderEditInput = builder.inputType('OrderEditInput', {
  description: 'Changes to a draft, PENDING or CONFIRMED order. Totals are recomputed; parts not mentioned stay.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the order.' }),
    expectedVersion: t.int({ required: false, description: "The order's version as the client read it; a different current version is a VersionConflictError." }),
    dryRun: t.boolean({ required: false, description: 'True: compute and return the would-be order and its stock effect, write nothing.' }),
    backorder: t.boolean({ required: false, description: 'Accept added or raised own-stock lines beyond what is available now; without it they are refused, naming the quantity and what is available.' }),
    addItems: t.field({ type: [OrderItemInput], required: false, description: 'New lines.' }),
    updateItems: t.field({ type: [OrderItemUpdateInput], required: false, description: 'Changes to existing lines.' }),
    removeItems: t.globalIDList({ required: false, description: 'Global ids of lines to remove.' }),
    buyer: t.field({ type: OrderPartyInput, required: false, description: 'Replaces the buyer.' }),
    recipient: t.field({ type: OrderPartyInput, required: false, description: 'Replaces the recipient (the shipping address).' }),
    dropshipper: t.field({ type: OrderPartyInput, required: false, description: 'Replaces the dropshipper.' }),
    removeParties: t.field({ type: [PartyRoleEnum], required: false, description: 'Parties to remove, e.g. DROPSHIPPER.' }),
    adjustments: t.field({
      type: [OrderAdjustmentInput],
      required: false,
      description: 'Replaces all costs and order discounts when given (an empty list removes them); when left out they stay, percentages following the new subtotal.',
    }),
    couponCodes: t.stringList({
      required: false,
      description:
        "Replaces the order's coupons (any case, at most 10; an empty list removes them and gives their uses back); left out, its coupons stay, and an edit they no longer fit is refused with the coupon's error. Automatic promotions are matched again.",
    }),
    notes: t.string({ required: false, description: 'New notes.' }),
    internalNotes: t.string({ required: false, description: 'New staff notes.' }),
    contractReference: t.string({ required: false, description: 'New contract reference, at most 80 characters; an empty string clears it.' }),
    salesRep: t.string({ required: false, description: 'New sales person, as free text.' }),
    salesRepresentative: t.globalID({
      required: false,
      description: "Global id of the (active) sales rep to attribute the order to (SalesRep id); the order then counts for the rep's team. null removes the rep.",
    }),
    externalStatus: t.string({ required: false, description: "The channel's status text." }),
    paymentMethod: t.field({ type: PaymentMethodEnum, required: false, description: 'New payment method.' }),
    originWarehouse: t.globalID({ required: false, description: 'New shipping warehouse.' }),
    destinationWarehouse: t.globalID({ required: false, description: 'New target warehouse.' }),
  }),
});

const OrderEditLine = builder.objectRef<PreviewItem>('OrderEditLine').implement({
  description: 'A line of the order as it is (or would be) after the edit.',
  fields: (t) => ({
    item: t.prismaField({
      type: 'OrderItem',
      nullable: true,
      description: 'The stored line; null for a line a dry run would add.',
      resolve: (query, line, _args, ctx) => (line.itemId === null ? null : ctx.prisma.orderItem.findUnique({ ...query, where: { id: line.itemId } })),
    }),
    variation: t.prismaField({
      type: 'Variation',
      nullable: true,
      description: 'The variation sold.',
      resolve: (query, line, _args, ctx) =>
        line.variationId === null ? null : ctx.prisma.variation.findFirst({ ...query, where: { id: line.variationId, tenantId: ctx.tenantId } }),
    }),
    sku: t.exposeString('sku', { description: 'SKU.' }),
    productName: t.exposeString('productName', { description: 'Product name.' }),
    variationName: t.exposeString('variationName', { nullable: true, description: 'Variation name.' }),
    quantity: t.exposeInt('quantity', { description: 'Units.' }),
    unit: t.exposeString('unit', { description: 'Unit of measure.' }),
    unitPrice: t.expose('unitPrice', { type: 'Decimal', description: 'Unit price.' }),
    priceSource: t.expose('priceSource', { type: PriceSourceEnum, description: 'Which rule gave the price.' }),
    discountType: t.expose('discountType', { type: DiscountTypeEnum, nullable: true, description: 'How the line discount was entered.' }),
    discountValue: t.exposeString('discountValue', { nullable: true, description: 'The line discount as entered.' }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', description: 'The line discount amount.' }),
    lineTotal: t.expose('lineTotal', { type: 'Decimal', description: 'Unit price x quantity - discount.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Weight of the line in grams.' }),
  }),
});

const OrderEditAdjustment = builder.objectRef<OrderEditResult['adjustments'][number]>('OrderEditAdjustment').implement({
  description: 'A cost or order discount as it is (or would be) after the edit.',
  fields: (t) => ({
    category: t.expose('category', { type: AdjustmentCategoryEnum, description: 'What it is.' }),
    name: t.exposeString('name', { description: 'Label.' }),
    type: t.expose('type', { type: DiscountTypeEnum, description: 'How it was entered.' }),
    value: t.exposeString('value', { description: 'As entered.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Resulting amount, always positive.' }),
    promotion: t.prismaField({
      type: 'Promotion',
      nullable: true,
      description: 'The promotion or coupon this discount applies; null for a cost or a discount entered by hand.',
      resolve: (query, a, _args, ctx) => (a.promotionId === null ? null : ctx.prisma.promotion.findFirst({ ...query, where: { id: a.promotionId, tenantId: ctx.tenantId } })),
    }),
  }),
});

const OrderStockEffect = builder.objectRef<StockEffect>('OrderStockEffect').implement({
  description: 'How the edit changes the units the order will need of one variation.',
  fields: (t) => ({
    variation: t.prismaField({
      type: 'Variation',
      description: 'The variation.',
      resolve: (query, e, _args, ctx) => ctx.prisma.variation.findUniqueOrThrow({ ...query, where: { id: e.variationId } }),
    }),
    quantityChange: t.exposeInt('quantityChange', { description: 'Units after the edit minus units before (negative: fewer).' }),
    available: t.exposeInt('available', {
      nullable: true,
      description: "Units available now (on hand - reserved) in the order's warehouse, or all warehouses when it has none; null when the product's stock is not tracked.",
    }),
  }),
});

const OrderEditPayload = builder.objectRef<OrderEditResult>('OrderEditPayload').implement({
  description: 'The edited order, or with dryRun the order as the edit would leave it.',
  fields: (t) => ({
    order: t.prismaField({
      type: 'Order',
      description: 'The stored order (unchanged after a dry run).',
      resolve: (query, r, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: r.orderId } }),
    }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
    version: t.exposeInt('version', { description: 'The order version after the edit (the current one after a dry run).' }),
    lines: t.field({ type: [OrderEditLine], resolve: (r) => r.items, description: 'The lines after the edit.' }),
    adjustments: t.field({ type: [OrderEditAdjustment], resolve: (r) => r.adjustments, description: 'The costs and order discounts after the edit.' }),
    totals: t.field({ type: OrderTotals, resolve: (r) => r.totals, description: 'The totals after the edit (the same figures Order.totals will show).' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Weight after the edit in grams.' }),
    stockEffect: t.field({ type: [OrderStockEffect], resolve: (r) => r.stockEffect, description: 'Per variation whose quantity changes: the change and what is available now.' }),
  }),
});

builder.mutationField('orderEdit', (t) =>
  t.field({
    type: OrderEditPayload,
    description: "Edits lines, parties, costs and notes of a draft, PENDING or CONFIRMED order, recomputing the totals; writes an 'edit' event. With dryRun, writes nothing.",
    errors: { types: [OrderNotEditableError, VersionConflictError, ...PROMOTION_APPLY_ERRORS] },
    args: { input: t.arg({ type: OrderEditInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      editOrder(ctx, {
        orderId: decodeIdArg(input.order, 'Order'),
        expectedVersion: input.expectedVersion,
        dryRun: input.dryRun,
        backorder: input.backorder,
        addItems: input.addItems?.map(itemData),
        updateItems: input.updateItems?.map((u) => ({ ...u, itemId: decodeIdArg(u.item, 'OrderItem'), discount: discountData(u.discount) })),
        removeItems: input.removeItems?.map((i) => decodeIdArg(i, 'OrderItem')),
        buyer: partyData(input.buyer),
        recipient: partyData(input.recipient),
        dropshipper: partyData(input.dropshipper),
        removeParties: input.removeParties,
        adjustments: input.adjustments?.map(adjustmentData),
        couponCodes: input.couponCodes,
        notes: input.notes,
        internalNotes: input.internalNotes,
        salesRep: input.salesRep,
        contractReference: input.contractReference,
        salesRepId: input.salesRepresentative === undefined ? undefined : input.salesRepresentative === null ? null : decodeIdArg(input.salesRepresentative, 'SalesRep'),
        externalStatus: input.externalStatus,
        paymentMethod: input.paymentMethod,
        originWarehouseId: input.originWarehouse ? decodeIdArg(input.originWarehouse, 'Warehouse') : null,
        destinationWarehouseId: input.destinationWarehouse ? decodeIdArg(input.destinationWarehouse, 'Warehouse') : null,
      }),
  }),
);
