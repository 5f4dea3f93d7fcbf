// Couriers, shipments and their tracking history: read side.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { dateRangeWhere } from '../../shared/list-query.js';
import type { Context } from '../../graphql/context.js';
import { OrderStatus, PickupOption, ShipmentStatus } from '../../db/generated/prisma/enums.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import { InvalidShipmentStateError, OrderNotShippableError } from '../errors.js';
import { DuplicateCourierError } from '../courier-errors.js';
import { labelPath } from './label-path.js';
import { connectionOf } from '../../graphql/shared-connections.js';

// Registered with the Prisma enum object itself (not describedEnum), so other domains can
// pass either this ref or the Prisma enum as a field `type`; `satisfies` keeps every value described.
export const ShipmentStatusEnum = builder.enumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description: 'Where a shipment is, from packing to delivery.',
  values: {
    PENDING: { description: 'Created; not yet ready to hand over.' },
    READY_TO_SHIP: { description: 'Packed and labelled, waiting for the courier.' },
    PICKUP_REQUESTED: { description: 'The courier was asked to pick the package up.' },
    IN_TRANSIT: { description: 'Handed to the courier and on its way.' },
    DELIVERED: { description: 'Received by the recipient.' },
    RETURNED: { description: 'Came back to the sender.' },
    CANCELLED: { description: 'Called off before it was handed over.' },
  } satisfies Record<ShipmentStatus, { description: string }>,
});

export const PickupOptionEnum = builder.enumType(PickupOption, {
  name: 'PickupOption',
  description: 'Which of the courier pickup slots of the day to take.',
  values: {
    EARLY_PICKUP: { description: 'The earliest pickup slot.' },
    MID_PICKUP: { description: 'The middle pickup slot.' },
    LATE_PICKUP: { description: 'The latest pickup slot.' },
  } satisfies Record<PickupOption, { description: string }>,
});

export const Courier = builder.prismaNode('Courier', {
  description: 'A courier service the tenant ships with (an expedition), e.g. JNE or SiCepat.',
  ...tenantNode,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short code, unique per tenant, e.g. "jne".' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "JNE".' }),
    supportsCod: t.exposeBoolean('supportsCod', { description: 'Whether it collects cash on delivery.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive couriers are refused on new shipments and ship transitions; shipments that already name one keep it.' }),
  }),
});

export const ShipmentEvent = builder.prismaNode('ShipmentEvent', {
  description: "One step of a shipment's tracking history, as the courier reported it.",
  ...tenantNode,
  fields: (t) => ({
    shipment: t.relation('shipment', { description: 'The shipment tracked.' }),
    status: t.exposeString('status', { description: 'The courier\'s status word, e.g. "in_transit", "delivered".' }),
    location: t.exposeString('location', { nullable: true, description: 'Where it happened, e.g. "Jakarta".' }),
    description: t.exposeString('description', { nullable: true, description: 'The courier\'s description of the step.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened, as the courier reported.' }),
  }),
});

export const Shipment = builder.prismaNode('Shipment', {
  description: 'A package of an order handed to a courier, with its tracking number, pickup and history.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order shipped.' }),
    warehouse: t.relation('warehouse', { nullable: true, description: 'The warehouse it leaves from.' }),
    courier: t.relation('courier', { nullable: true, description: 'The courier carrying it.' }),
    serviceName: t.exposeString('serviceName', { nullable: true, description: 'The courier service, e.g. "REG" or "YES".' }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: 'Air waybill (AWB) / tracking number.' }),
    status: t.expose('status', { type: ShipmentStatusEnum, description: 'Where the shipment is.' }),
    pickupOption: t.expose('pickupOption', { type: PickupOptionEnum, nullable: true, description: 'The pickup slot chosen.' }),
    pickupRequestedAt: t.expose('pickupRequestedAt', { type: 'DateTime', nullable: true, description: 'When a pickup was requested.' }),
    pickupSlotStart: t.expose('pickupSlotStart', { type: 'DateTime', nullable: true, description: 'Start of the pickup slot.' }),
    pickupSlotEnd: t.expose('pickupSlotEnd', { type: 'DateTime', nullable: true, description: 'End of the pickup slot.' }),
    pickupCancelledAt: t.expose('pickupCancelledAt', { type: 'DateTime', nullable: true, description: 'When the pickup request was cancelled.' }),
    shippingCost: t.expose('shippingCost', { type: 'Decimal', description: 'What the courier charges, in the order currency.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Package weight in grams.' }),
    lengthCm: t.exposeInt('lengthCm', { nullable: true, description: 'Package length in centimetres.' }),
    widthCm: t.exposeInt('widthCm', { nullable: true, description: 'Package width in centimetres.' }),
    heightCm: t.exposeInt('heightCm', { nullable: true, description: 'Package height in centimetres.' }),
    labelPrintedAt: t.expose('labelPrintedAt', { type: 'DateTime', nullable: true, description: 'When the shipping label was printed.' }),
    labelPrintedBy: t.exposeString('labelPrintedBy', { nullable: true, description: 'Who printed the shipping label.' }),
    labelUrl: t.string({
      select: { id: true },
      description:
        'Path of the shipping label PDF on this API host (GET it with the same Bearer key; add ?markPrinted=true to record the print).',
      resolve: (shipment) => labelPath(shipment.id),
    }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true, description: 'When it was handed to the courier.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: 'When it was delivered.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    events: t.relation('events', {
      description: 'Tracking history, oldest first.',
      query: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  shipments: t.relation('shipments', {
    description: 'Packages sent for this order, oldest first.',
    query: { orderBy: { id: 'asc' } },
  }),
}));

const ShipmentFilter = builder.inputType('ShipmentFilter', {
  description: 'Narrows the shipment list; all given conditions must hold.',
  fields: (t) => ({
    statuses: t.field({ type: [ShipmentStatusEnum], required: false, description: 'Only shipments in one of these statuses.' }),
    courier: t.globalID({ required: false, description: 'Only shipments carried by this courier.' }),
    warehouse: t.globalID({ required: false, description: 'Only shipments leaving from this warehouse.' }),
    order: t.globalID({ required: false, description: 'Only shipments of this order.' }),
    trackingNumber: t.string({ required: false, description: 'Only the shipment(s) with exactly this tracking number.' }),
    shippedAt: t.field({ type: DateRange, required: false, description: 'Only shipments handed over in this interval.' }),
  }),
});

const ShipmentOrderBy = sortInput('Shipment', {
  description: 'Sort order of the shipment list.',
  fieldsDescription: 'What shipments can be sorted by.',
  defaultDirection: 'desc',
  values: {
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
    SHIPPED_AT: { value: 'shippedAt', description: 'Hand-over time; shipments not yet shipped come last.' },
  },
});

function shipmentWhere(ctx: Context, filter: typeof ShipmentFilter.$inferInput | null | undefined) {
  const shippedAt = dateRangeWhere(filter?.shippedAt);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.statuses?.length ? { status: { in: filter.statuses } } : {}),
    ...(filter?.courier ? { courierId: decodeIdArg(filter.courier, 'Courier') } : {}),
    ...(filter?.warehouse ? { warehouseId: decodeIdArg(filter.warehouse, 'Warehouse') } : {}),
    ...(filter?.order ? { orderId: decodeIdArg(filter.order, 'Order') } : {}),
    ...(filter?.trackingNumber ? { trackingNumber: filter.trackingNumber.trim() } : {}),
    ...(shippedAt ? { shippedAt } : {}),
  };
}

const CourierFilter = builder.inputType('CourierFilter', {
  description: 'Narrows the courier list.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) couriers.' }),
  }),
});

function courierWhere(ctx: Context, filter: typeof CourierFilter.$inferInput | null | undefined) {
  return { tenantId: ctx.tenantId, ...(filter?.isActive != null ? { isActive: filter.isActive } : {}) };
}

builder.queryFields((t) => ({
  shipmentByTrackingNumber: t.prismaField({
    type: 'Shipment',
    nullable: true,
    description: 'The shipment with this tracking (AWB) number; the newest one if a courier reused the number.',
    args: { trackingNumber: t.arg.string({ required: true, description: 'The tracking number, exactly as the courier issued it.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.shipment.findFirst({
        ...query,
        where: { tenantId: ctx.tenantId, trackingNumber: args.trackingNumber.trim() },
        orderBy: { id: 'desc' },
      }),
  }),
  shipments: t.prismaConnection({
    type: 'Shipment',
    cursor: 'id',
    description: 'Shipments of the tenant, newest first unless sorted otherwise.',
    args: {
      filter: t.arg({ type: ShipmentFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: ShipmentOrderBy, required: false, description: 'Sort order; default newest created first.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.shipment.count({ where: shipmentWhere(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) => {
      const direction = args.orderBy?.direction ?? 'desc';
      const field = args.orderBy?.field ?? 'createdAt';
      return ctx.prisma.shipment.findMany({
        ...query,
        where: shipmentWhere(ctx, args.filter),
        orderBy: [
          field === 'shippedAt' ? { shippedAt: { sort: direction, nulls: 'last' } } : { [field]: direction },
          { id: direction },
        ],
      });
    },
  }, connectionOf('Shipment')),
  couriers: t.prismaConnection({
    type: 'Courier',
    cursor: 'id',
    description: 'Couriers of the tenant, by name.',
    args: { filter: t.arg({ type: CourierFilter, required: false, description: 'Narrows the list.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.courier.count({ where: courierWhere(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.courier.findMany({ ...query, where: courierWhere(ctx, args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }, connectionOf('Courier')),
}));

byIdQuery('Shipment', {
  description: 'One shipment by global id.',
  idDescription: 'Global id of the shipment.',
});

// ---- write side: typed errors of the shipment mutations
errorType(OrderNotShippableError, {
  description: 'Shipments are created only for orders that are PROCESSING, PACKED or SHIPPED.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    orderStatus: t.field({ type: OrderStatus, resolve: (e) => e.status as OrderStatus, description: 'The order status.' }),
    allowedOrderStatuses: t.field({
      type: [OrderStatus],
      resolve: (e) => e.allowed as OrderStatus[],
      description: 'Order statuses that allow a new shipment.',
    }),
  }),
});

errorType(InvalidShipmentStateError, {
  description: "The shipment's status does not allow this change; nothing was written.",
  fields: (t) => ({
    shipmentId: t.id({ resolve: (e) => encodeGlobalID('Shipment', e.shipmentId), description: 'Global id of the shipment.' }),
    action: t.exposeString('action', { description: 'The change refused, e.g. "cancelPickup".' }),
    status: t.field({ type: ShipmentStatusEnum, resolve: (e) => e.status as ShipmentStatus, description: 'The shipment status.' }),
    allowedStatuses: t.field({
      type: [ShipmentStatusEnum],
      resolve: (e) => e.allowed as ShipmentStatus[],
      description: 'Statuses from which the change is allowed.',
    }),
  }),
});

errorType(DuplicateCourierError, {
  description: 'The tenant already has a courier with this code; nothing was written.',
  fields: (t) => ({
    courierCode: t.exposeString('courierCode', { description: 'The code already used (lower-case).' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('Courier', e.existingId)),
      description: 'Global id of the courier that has the code, when known.',
    }),
  }),
});
