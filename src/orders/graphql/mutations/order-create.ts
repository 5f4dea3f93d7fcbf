// orderCreate: seed 001 POST /orders/create, seed 002 POST /order, seed 003 POST /order,
// seed 004 POST /orders. The shared inputs (lines, parties, discounts, costs) are
// exported for orderEdit.
import { GraphQLError } from 'graphql';
import { builder } from '../../../graphql/builder.js';
import type { IdempotencyStore } from '../../../db/idempotency-store.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DiscountTypeEnum, AdjustmentCategoryEnum, OrderKindEnum } from '../types.js';
import { PaymentMethodEnum } from '../../../payments/graphql/types.js';
import { DuplicateOrderError, IdempotencyConflictError, IdempotencyKeyBusyError, IdempotencyKeyTakenError } from '../../errors.js';
import { ChannelNotAllowedError } from '../../../auth/errors.js';
import { createOrder } from '../../order-create-service.js';
import { PROMOTION_APPLY_ERRORS } from '../../../promotions/graphql/error-types.js';
import type { AdjustmentData, DiscountData, ItemData, OrderCreateData, PartyData } from '../../order-create-lines.js';

declare module '../../../graphql/context.js' {
  interface ContextServices {
    /** The tenant's idempotency keys (request keys and orderCreate's argument share them). */
    idempotency: IdempotencyStore;
  }
}

type GlobalId = { typename: string; id: string } | string;
const id = (arg: GlobalId | null | undefined, typename: string) => (arg ? decodeIdArg(arg, typename) : null);

export const DiscountInput = builder.inputType('DiscountInput', {
  description: 'A discount as entered: an amount, a percentage, or cascaded percentages, e.g. "55.05+3".',
  fields: (t) => ({
    type: t.field({ type: DiscountTypeEnum, required: true, description: 'NOMINAL, PERCENTAGE or CASCADED.' }),
    value: t.string({ required: true, description: 'The amount ("2500"), the percentage ("5") or the cascade ("55.05+3").' }),
  }),
});

export const OrderPartyInput = builder.inputType('OrderPartyInput', {
  description:
    'A buyer, recipient or dropshipper with contact and address. Fields not given are copied from `customer` when one is named.',
  fields: (t) => ({
    customer: t.globalID({ required: false, description: 'A customer of the shop this party is.' }),
    name: t.string({ required: false, description: 'Full name; required unless `customer` is given.' }),
    phone: t.string({ required: false, description: 'Phone number.' }),
    email: t.string({ required: false, description: 'E-mail address.' }),
    address: t.string({ required: false, description: 'Street address.' }),
    region: t.globalID({ required: false, description: 'Administrative region of the address.' }),
    province: t.string({ required: false, description: 'Province.' }),
    city: t.string({ required: false, description: 'City or regency.' }),
    district: t.string({ required: false, description: 'District (kecamatan).' }),
    subDistrict: t.string({ required: false, description: 'Sub-district (kelurahan / desa).' }),
    postalCode: t.string({ required: false, description: 'Postal code.' }),
    country: t.string({ required: false, description: 'Country, e.g. "Indonesia".' }),
    latitude: t.field({ type: 'Decimal', required: false, description: 'Latitude, -90 to 90, at most 6 decimals.' }),
    longitude: t.field({ type: 'Decimal', required: false, description: 'Longitude, -180 to 180, at most 6 decimals.' }),
    remarks: t.string({ required: false, description: 'Delivery remarks, e.g. "Titip di security".' }),
  }),
});

export const OrderItemInput = builder.inputType('OrderItemInput', {
  description: 'An order line: a variation and a quantity; the price comes from the catalog unless overridden.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation.' }),
    quantity: t.int({ required: true, description: 'Units ordered, 1 or more.' }),
    unit: t.string({ required: false, description: 'Unit of measure; default "PCS".' }),
    unitPrice: t.field({
      type: 'Decimal',
      required: false,
      description: 'A price set by hand; the line records priceSource OVERRIDE. Without it the catalog price applies.',
    }),
    discount: t.field({ type: DiscountInput, required: false, description: 'Line discount.' }),
    externalLineId: t.string({ required: false, description: "The caller's line reference." }),
    note: t.string({ required: false, description: 'Note on the line.' }),
  }),
});

export const OrderAdjustmentInput = builder.inputType('OrderAdjustmentInput', {
  description:
    'An order cost or discount. Percentages apply to: the subtotal (DISCOUNT, SHIPPING, INSURANCE, PACKING, OTHER_COST), the shipping (SHIPPING_DISCOUNT), the subtotal after order discounts (TAX), everything collected before the fee (COD_FEE).',
  fields: (t) => ({
    category: t.field({ type: AdjustmentCategoryEnum, required: true, description: 'What it is.' }),
    name: t.string({ required: false, description: 'Label, e.g. "Diskon Ultah"; defaults to the category.' }),
    type: t.field({ type: DiscountTypeEnum, required: false, description: 'NOMINAL (default) or PERCENTAGE; CASCADED for discounts only.' }),
    value: t.string({ required: true, description: 'The amount ("23000") or percentage ("2").' }),
  }),
});

export const OrderShippingInput = builder.inputType('OrderShippingInput', {
  description: 'How the order is sent: a courier service, or a custom courier with a flat fee.',
  fields: (t) => ({
    service: t.globalID({ required: false, description: 'Global id of the CourierService, e.g. JNE REG.' }),
    courier: t.globalID({ required: false, description: 'Global id of a custom Courier, priced by its flat fee (instead of a service).' }),
    price: t.field({
      type: 'Decimal',
      required: false,
      description: "The shipping cost agreed. Without it the service's rate prices it from the origin warehouse's region to the recipient's (or buyer's, or customer's) for the order's weight.",
    }),
    trackingNumber: t.string({ required: false, description: 'Air waybill (AWB) already booked, at most 60 characters; the ship step uses it.' }),
  }),
});

export const OrderInitialPaymentInput = builder.inputType('OrderInitialPaymentInput', {
  description: 'A payment made with the order (a deposit, or all of it).',
  fields: (t) => ({
    amount: t.field({ type: 'Decimal', required: true, description: 'Amount paid, at most the order total.' }),
    method: t.field({ type: PaymentMethodEnum, required: true, description: 'How it was paid.' }),
    bankAccount: t.globalID({ required: false, description: 'Global id of the active BankAccount it was transferred to.' }),
    paidAt: t.field({ type: 'DateTime', required: false, description: 'When the money moved; default now.' }),
    reference: t.string({ required: false, description: 'Transfer or gateway reference, at most 100 characters.' }),
  }),
});

export const OrderCreateInput = builder.inputType('OrderCreateInput', {
  description: 'A new order. Totals are computed on the server from the lines and adjustments; prices sent by a client are not trusted.',
  fields: (t) => ({
    idempotencyKey: t.string({
      required: false,
      description:
        "Makes retries safe. A key of the shop's idempotency keys, shared with the Idempotency-Key header and extensions.idempotencyKey: the same key with the same input returns the first order with replayed true, whatever the selection (kept as long as the order); with a different input, an IdempotencyConflictError; a key used by a request key for another request, an IDEMPOTENCY_CONFLICT error. A request key equal to this key is this key.",
    }),
    code: t.string({ required: false, description: 'Order number; generated as ORD-YYYYMMDD-NNNNN when not given. Unique per shop.' }),
    kind: t.field({ type: OrderKindEnum, required: false, description: 'What the order is for; default SALE.' }),
    channel: t.string({ required: false, description: 'Lower-case channel code, default "offline".' }),
    externalRef: t.string({
      required: false,
      description: "The channel's order reference; unique per channel, a second order with it is a DuplicateOrderError.",
    }),
    externalStatus: t.string({ required: false, description: "The channel's own status text." }),
    source: t.globalID({ required: false, description: 'Order source.' }),
    customer: t.globalID({ required: false, description: 'The customer; leave out for a guest. Decides category prices and discount access.' }),
    buyer: t.field({ type: OrderPartyInput, required: false, description: "Who ordered; defaults to the customer's details." }),
    recipient: t.field({ type: OrderPartyInput, required: false, description: 'Who receives the package.' }),
    dropshipper: t.field({ type: OrderPartyInput, required: false, description: 'Sender shown on the package.' }),
    tags: t.stringList({
      required: false,
      description: 'Free labels, e.g. ["vip", "gift"]: trimmed, case kept, repeats dropped (case-insensitively); each at most 40 characters, at most 20.',
    }),
    contractReference: t.string({ required: false, description: 'The contract or agreement the order falls under, at most 80 characters.' }),
    salesRep: t.string({ required: false, description: "Sales person or team, as free text; default the name of salesRepresentative." }),
    salesRepresentative: t.globalID({ required: false, description: "Global id of the (active) sales rep who took the order (SalesRep id); the order counts for the rep's team." }),
    notes: t.string({ required: false, description: 'Notes visible on the order.' }),
    internalNotes: t.string({ required: false, description: 'Notes for staff only.' }),
    paymentMethod: t.field({ type: PaymentMethodEnum, required: false, description: 'How the buyer pays.' }),
    originWarehouse: t.globalID({ required: false, description: 'Warehouse that ships it.' }),
    destinationWarehouse: t.globalID({ required: false, description: 'Target warehouse of relocation and distribution orders.' }),
    isDraft: t.boolean({ required: false, description: 'Save as a draft: editable, placed later with orderPlace.' }),
    backorder: t.boolean({
      required: false,
      description: 'Accept own-stock lines beyond what is available now; the order waits for stock. Without it such lines are refused, naming the quantity and what is available.',
    }),
    orderedAt: t.field({ type: 'DateTime', required: false, description: 'When it was ordered; default now.' }),
    items: t.field({ type: [OrderItemInput], required: true, description: 'The lines, 1 to 500.' }),
    discount: t.field({ type: DiscountInput, required: false, description: 'Order discount on the subtotal.' }),
    adjustments: t.field({ type: [OrderAdjustmentInput], required: false, description: 'Shipping, costs, fees, tax and further discounts.' }),
    deliveryType: t.globalID({ required: false, description: 'Global id of the DeliveryType: how the order reaches the buyer.' }),
    initialPayment: t.field({
      type: OrderInitialPaymentInput,
      required: false,
      description: 'A payment made with the order, recorded in the same transaction as by paymentRecord; the payment status follows.',
    }),
    shipping: t.field({
      type: OrderShippingInput,
      required: false,
      description: 'The courier service (or custom courier) and its price, added as the SHIPPING adjustment; not together with a SHIPPING adjustment.',
    }),
    couponCodes: t.stringList({
      required: false,
      description:
        'Coupon codes to apply, any case, at most 10. Each becomes a discount adjustment naming its promotion; automatic promotions the order matches apply without a code. A code that does not apply is a typed error and nothing is written.',
    }),
  }),
});

export function discountData(input: { type: DiscountData['type']; value: string } | null | undefined): DiscountData | null {
  return input ? { type: input.type, value: input.value } : null;
}

export function partyData(input: typeof OrderPartyInput.$inferInput | null | undefined): PartyData | null {
  if (!input) return null;
  const { customer, region, ...rest } = input;
  return { ...rest, customerId: id(customer, 'Customer'), regionId: id(region, 'Region') };
}

export function itemData(input: typeof OrderItemInput.$inferInput): ItemData {
  return { ...input, variationId: decodeIdArg(input.variation, 'Variation'), discount: discountData(input.discount) };
}

export function adjustmentData(input: typeof OrderAdjustmentInput.$inferInput): AdjustmentData {
  return { category: input.category, name: input.name, type: input.type, value: input.value };
}

function orderCreateData(input: typeof OrderCreateInput.$inferInput): OrderCreateData {
  return {
    idempotencyKey: input.idempotencyKey,
    code: input.code,
    kind: input.kind,
    channel: input.channel,
    externalRef: input.externalRef,
    externalStatus: input.externalStatus,
    sourceId: id(input.source, 'OrderSource'),
    customerId: id(input.customer, 'Customer'),
    buyer: partyData(input.buyer),
    recipient: partyData(input.recipient),
    dropshipper: partyData(input.dropshipper),
    salesRep: input.salesRep,
    tags: input.tags,
    contractReference: input.contractReference,
    salesRepId: id(input.salesRepresentative, 'SalesRep'),
    notes: input.notes,
    internalNotes: input.internalNotes,
    paymentMethod: input.paymentMethod,
    originWarehouseId: id(input.originWarehouse, 'Warehouse'),
    destinationWarehouseId: id(input.destinationWarehouse, 'Warehouse'),
    isDraft: input.isDraft,
    backorder: input.backorder,
    orderedAt: input.orderedAt,
    items: input.items.map(itemData),
    discount: discountData(input.discount),
    adjustments: input.adjustments?.map(adjustmentData) ?? null,
    couponCodes: input.couponCodes ?? null,
    deliveryTypeId: id(input.deliveryType, 'DeliveryType'),
    initialPayment: input.initialPayment
      ? {
          amount: input.initialPayment.amount,
          method: input.initialPayment.method,
          bankAccountId: id(input.initialPayment.bankAccount, 'BankAccount'),
          paidAt: input.initialPayment.paidAt,
          reference: input.initialPayment.reference,
        }
      : null,
    shipping: input.shipping
      ? {
          serviceId: id(input.shipping.service, 'CourierService'),
          courierId: id(input.shipping.courier, 'Courier'),
          price: input.shipping.price,
          trackingNumber: input.shipping.trackingNumber,
        }
      : null,
  };
}

const OrderCreatePayload = builder.objectRef<{ orderId: number; replayed: boolean }>('OrderCreatePayload').implement({
  description: 'The order created (or, for a replayed idempotency key, the one created first).',
  fields: (t) => ({
    order: t.prismaField({
      type: 'Order',
      description: 'The order, with its lines, parties, adjustments and totals.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this answers a retry: the order was created by an earlier request with the same idempotency key.' }),
  }),
});

builder.mutationField('orderCreate', (t) =>
  t.field({
    type: OrderCreatePayload,
    description:
      "Creates an order: prices from the catalog (customer category, wholesale tiers) unless overridden, totals computed on the server, status PENDING, a 'create' event. Reserves no stock (allocation is the process transition).",
    errors: { types: [DuplicateOrderError, IdempotencyConflictError, ChannelNotAllowedError, ...PROMOTION_APPLY_ERRORS] },
    args: { input: t.arg({ type: OrderCreateInput, required: true, description: 'The order.' }) },
    resolve: (_root, { input }, ctx) =>
      createOrder(ctx, orderCreateData(input)).catch((error: unknown) => {
        // A key taken by another request, or still held: the request keys' error codes, no typed result.
        if (error instanceof IdempotencyKeyTakenError || error instanceof IdempotencyKeyBusyError) {
          throw new GraphQLError(error.message, { extensions: { code: error.code } });
        }
        throw error;
      }),
  }),
);
