// Courier services, their rate tables and shipping quotes: the read side.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import type { CourierServiceType } from '../../db/generated/prisma/enums.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { InputError } from '../../shared/errors.js';
import { shippingQuote, type QuoteOption } from '../shipping-quote.js';

export const CourierServiceTypeEnum = builder.enumType('CourierServiceType', {
  description: 'How fast a service is: regular, express (next day, same day) or trucking (cargo).',
  values: {
    REGULAR: { value: 'REGULAR', description: 'Regular delivery, a few days.' },
    EXPRESS: { value: 'EXPRESS', description: 'Next day or same day.' },
    TRUCKING: { value: 'TRUCKING', description: 'Cargo by truck, for heavy parcels.' },
  } satisfies Record<CourierServiceType, { value: CourierServiceType; description: string }>,
});

builder.prismaObjectFields('Courier', (t) => ({
  flatFee: t.expose('flatFee', {
    type: 'Decimal',
    nullable: true,
    description: "A custom courier's price per shipment (the shop's own courier, a local cargo), quoted for any route; null: priced by its services' rates.",
  }),
  services: t.relation('services', {
    description: 'Its services (REG, YES, ...), by code.',
    query: { orderBy: [{ code: 'asc' }, { id: 'asc' }] },
  }),
}));

builder.prismaObjectFields('Order', (t) => ({
  courier: t.relation('courier', { nullable: true, description: 'The courier chosen when the order was taken; the ship step uses it unless told otherwise.' }),
  courierService: t.relation('courierService', { nullable: true, description: 'The courier service chosen when the order was taken.' }),
  trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: 'Air waybill booked when the order was taken; each shipment has its own.' }),
}));

builder.prismaNode('CourierService', {
  description: 'A service of a courier, e.g. JNE REG or JNE YES, priced by its rate table.',
  ...tenantNode,
  fields: (t) => ({
    courier: t.relation('courier', { description: 'The courier.' }),
    code: t.exposeString('code', { description: 'The courier\'s service code, upper-case, unique per courier, e.g. "REG".' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Regular".' }),
    type: t.expose('type', { type: CourierServiceTypeEnum, description: 'Regular, express or trucking.' }),
    supportsCod: t.exposeBoolean('supportsCod', { description: 'Whether it collects cash on delivery.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive services are not quoted and refused on new orders.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});

builder.prismaNode('ShippingRate', {
  description:
    'What a service charges from one region to another (any level of the region tree: a rate for a province serves its cities): the first weight step, then each further step begun.',
  ...tenantNode,
  fields: (t) => ({
    service: t.relation('service', { description: 'The courier service.' }),
    origin: t.relation('origin', { description: 'Where parcels leave from (this region and every region under it).' }),
    destination: t.relation('destination', { description: 'Where parcels go (this region and every region under it).' }),
    stepGrams: t.exposeInt('stepGrams', { description: 'Weight step in grams, e.g. 1000: 1,001 g is charged as two steps.' }),
    firstStepPrice: t.expose('firstStepPrice', { type: 'Decimal', description: 'Price of the first step.' }),
    nextStepPrice: t.expose('nextStepPrice', { type: 'Decimal', description: 'Price of each further step.' }),
    minDays: t.exposeInt('minDays', { description: 'Fewest days on the way.' }),
    maxDays: t.exposeInt('maxDays', { description: 'Most days on the way.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last set.' }),
  }),
});

const CourierServiceFilter = builder.inputType('CourierServiceFilter', {
  description: 'Narrows the service list; conditions combine with AND.',
  fields: (t) => ({
    courier: t.globalID({ required: false, description: 'Global id of a Courier: only its services.' }),
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) services.' }),
    supportsCod: t.boolean({ required: false, description: 'Only services that do (true) or do not (false) collect cash on delivery.' }),
    types: t.field({ type: [CourierServiceTypeEnum], required: false, description: 'Only services of these types.' }),
  }),
});

const ShippingRateFilter = builder.inputType('ShippingRateFilter', {
  description: 'Narrows the rate list; conditions combine with AND.',
  fields: (t) => ({
    service: t.globalID({ required: false, description: 'Global id of a CourierService: only its rates.' }),
    origin: t.globalID({ required: false, description: 'Global id of a Region: only rates set from it (exactly).' }),
    destination: t.globalID({ required: false, description: 'Global id of a Region: only rates set to it (exactly).' }),
  }),
});

/** Where and order of the lists: their resolvers', totalCounts' and compiled reads'. */
const serviceList = (args: { filter?: typeof CourierServiceFilter.$inferInput | null }, ctx: Context) => {
  const f = args.filter;
  return {
    where: {
      tenantId: ctx.tenantId,
      ...(f?.courier ? { courierId: decodeIdArg(f.courier, 'Courier') } : {}),
      ...(f?.isActive != null ? { isActive: f.isActive } : {}),
      ...(f?.supportsCod != null ? { supportsCod: f.supportsCod } : {}),
      ...(f?.types?.length ? { type: { in: f.types } } : {}),
    },
    orderBy: [{ courierId: 'asc' as const }, { code: 'asc' as const }, { id: 'asc' as const }],
  };
};
const rateList = (args: { filter?: typeof ShippingRateFilter.$inferInput | null }, ctx: Context) => {
  const f = args.filter;
  return {
    where: {
      tenantId: ctx.tenantId,
      ...(f?.service ? { serviceId: decodeIdArg(f.service, 'CourierService') } : {}),
      ...(f?.origin ? { originRegionId: decodeIdArg(f.origin, 'Region') } : {}),
      ...(f?.destination ? { destinationRegionId: decodeIdArg(f.destination, 'Region') } : {}),
    },
    orderBy: { id: 'asc' as const },
  };
};

const ShippingQuoteInput = builder.inputType('ShippingQuoteInput', {
  description: 'A parcel to price: from where, to where, how heavy.',
  fields: (t) => ({
    origin: t.globalID({ required: true, description: 'Global id of the Region it leaves from (a warehouse\'s region, any level).' }),
    destination: t.globalID({ required: true, description: 'Global id of the Region it goes to (the recipient\'s district or village, any level).' }),
    weightGrams: t.int({ required: true, description: 'Weight in grams, 1 to 1,000,000.' }),
    cod: t.boolean({ required: false, description: 'Cash on delivery: only services that collect it.' }),
  }),
});

const ShippingQuoteOption = builder.objectRef<QuoteOption>('ShippingQuoteOption').implement({
  description: 'One way to send the parcel and what it costs.',
  fields: (t) => ({
    courier: t.id({ description: 'Global id of the courier.', resolve: (o) => encodeGlobalID('Courier', o.courierId) }),
    courierCode: t.exposeString('courierCode', { description: 'The courier\'s code, e.g. "jne".' }),
    courierName: t.exposeString('courierName', { description: 'The courier\'s name.' }),
    service: t.id({ nullable: true, description: 'Global id of the courier service; null for a custom courier\'s flat fee.', resolve: (o) => (o.serviceId === null ? null : encodeGlobalID('CourierService', o.serviceId)) }),
    serviceCode: t.exposeString('serviceCode', { nullable: true, description: 'Service code, e.g. "REG"; null for a flat fee.' }),
    serviceName: t.exposeString('serviceName', { nullable: true, description: 'Service name; null for a flat fee.' }),
    type: t.expose('type', { type: CourierServiceTypeEnum, nullable: true, description: 'Regular, express or trucking; null for a flat fee.' }),
    price: t.field({ type: 'Decimal', description: 'The shipping cost.', resolve: (o) => o.price }),
    minDays: t.exposeInt('minDays', { nullable: true, description: 'Fewest days on the way; null when not known.' }),
    maxDays: t.exposeInt('maxDays', { nullable: true, description: 'Most days on the way; null when not known.' }),
    cod: t.exposeBoolean('cod', { description: 'Whether it collects cash on delivery.' }),
    chargedGrams: t.exposeInt('chargedGrams', { description: 'The weight charged: whole weight steps of the rate.' }),
  }),
});

const MAX_WEIGHT = 1_000_000;

builder.queryFields((t) => ({
  courierServices: t.prismaConnection({
    type: 'CourierService',
    cursor: 'id',
    description: 'The services of the shop\'s couriers, by courier and code.',
    args: { filter: t.arg({ type: CourierServiceFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('CourierService', serviceList),
    totalCount: (_parent, args, ctx) => ctx.prisma.courierService.count({ where: serviceList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.courierService.findMany({ ...query, ...serviceList(args, ctx) }),
  }, connectionOf('CourierService')),
  shippingRates: t.prismaConnection({
    type: 'ShippingRate',
    cursor: 'id',
    description: 'The rate tables of the shop\'s courier services, oldest first.',
    args: { filter: t.arg({ type: ShippingRateFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('ShippingRate', rateList),
    totalCount: (_parent, args, ctx) => ctx.prisma.shippingRate.count({ where: rateList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.shippingRate.findMany({ ...query, ...rateList(args, ctx) }),
  }, connectionOf('ShippingRate')),
  shippingQuote: t.field({
    type: [ShippingQuoteOption],
    description:
      'What each active courier service charges to carry a parcel from one region to another, cheapest first (then fastest). A service with no rate for the route is left out; custom couriers quote their flat fee.',
    args: { input: t.arg({ type: ShippingQuoteInput, required: true, description: 'The parcel.' }) },
    resolve: (_root, { input }, ctx) => {
      if (!Number.isInteger(input.weightGrams) || input.weightGrams < 1 || input.weightGrams > MAX_WEIGHT) {
        throw new InputError(`weightGrams must be a whole number from 1 to ${MAX_WEIGHT}`);
      }
      return shippingQuote(ctx.prisma, ctx.tenantId, {
        originRegionId: decodeIdArg(input.origin, 'Region'),
        destinationRegionId: decodeIdArg(input.destination, 'Region'),
        weightGrams: input.weightGrams,
        cod: input.cod,
      });
    },
  }),
}));

byIdQuery('CourierService', { description: 'One courier service by global id.', idDescription: 'Global id of the service.' });
byIdQuery('ShippingRate', { description: 'One shipping rate by global id.', idDescription: 'Global id of the rate.' });
