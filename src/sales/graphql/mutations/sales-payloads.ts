// Payloads of the sales force mutations: the row after the change, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function salesTeamPayload(name: string, description: string) {
  return builder.objectRef<{ teamId: number }>(name).implement({
    description,
    fields: (t) => ({
      salesTeam: t.prismaField({
        type: 'SalesTeam',
        description: 'The team after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.salesTeam.findUniqueOrThrow({ ...query, where: { id: p.teamId } }),
      }),
    }),
  });
}

export function salesRepPayload(name: string, description: string) {
  return builder.objectRef<{ repId: number }>(name).implement({
    description,
    fields: (t) => ({
      salesRep: t.prismaField({
        type: 'SalesRep',
        description: 'The rep after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.salesRep.findUniqueOrThrow({ ...query, where: { id: p.repId } }),
      }),
    }),
  });
}

export function visitStatusPayload(name: string, description: string) {
  return builder.objectRef<{ statusId: number }>(name).implement({
    description,
    fields: (t) => ({
      visitStatus: t.prismaField({
        type: 'VisitStatus',
        description: 'The visit status after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.visitStatus.findUniqueOrThrow({ ...query, where: { id: p.statusId } }),
      }),
    }),
  });
}

export function visitPayload(name: string, description: string) {
  return builder.objectRef<{ visitId: number }>(name).implement({
    description,
    fields: (t) => ({
      visit: t.prismaField({
        type: 'Visit',
        description: 'The visit after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.visit.findUniqueOrThrow({ ...query, where: { id: p.visitId } }),
      }),
    }),
  });
}
