// The payloads of the courier service and shipping rate mutations: the row, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function courierServicePayload(name: string, description: string) {
  return builder.objectRef<{ serviceId: number }>(name).implement({
    description,
    fields: (t) => ({
      service: t.prismaField({
        type: 'CourierService',
        description: 'The service after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.courierService.findUniqueOrThrow({ ...query, where: { id: p.serviceId } }),
      }),
    }),
  });
}

export function shippingRatePayload(name: string, description: string) {
  return builder.objectRef<{ rateId: number }>(name).implement({
    description,
    fields: (t) => ({
      rate: t.prismaField({
        type: 'ShippingRate',
        description: 'The rate as set.',
        resolve: (query, p, _args, ctx) => ctx.prisma.shippingRate.findUniqueOrThrow({ ...query, where: { id: p.rateId } }),
      }),
    }),
  });
}
