// COD remittances: a courier's settlements of cash collected on delivery, their
// lines matched to shipments, and the delivered COD shipments not remitted yet.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { DateRange } from '../../graphql/sorting.js';
import { dateRangeWhere } from '../../shared/list-query.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { dec } from '../../shared/money.js';

export const CodRemittanceLineStatusEnum = builder.enumType('CodRemittanceLineStatus', {
  description: 'How a line of a COD remittance matched.',
  values: {
    MATCHED: { description: 'A delivered COD shipment, and the amount is what its order owed: paid in full.' },
    DIFFERENCE: { description: 'A delivered COD shipment, but the amount is not what its order owed: at most what it owed was paid; check it.' },
    UNMATCHED: { description: 'No delivered cash-on-delivery shipment of this courier has the waybill: nothing was paid.' },
    DUPLICATE: { description: 'The shipment was remitted before: nothing was paid again.' },
  },
});

builder.prismaNode('CodRemittance', {
  description: "A courier's settlement of the cash it collected on delivery: what it paid out, less its fees, line by line.",
  ...tenantNode,
  fields: (t) => ({
    courier: t.relation('courier', { description: 'The courier that remitted.' }),
    reference: t.exposeString('reference', { description: "The courier's settlement or invoice number, unique per courier." }),
    remittedAt: t.expose('remittedAt', { type: 'DateTime', description: 'When the money was paid out.' }),
    bankAccount: t.relation('bankAccount', { nullable: true, description: 'The shop account it was paid into.' }),
    grossAmount: t.expose('grossAmount', { type: 'Decimal', description: 'Cash collected over all lines.' }),
    feeAmount: t.expose('feeAmount', { type: 'Decimal', description: "The courier's fees over all lines." }),
    netAmount: t.expose('netAmount', { type: 'Decimal', description: 'What reached the shop: gross less fees.' }),
    flaggedLines: t.exposeInt('flaggedLines', { description: 'Lines that are not MATCHED (a difference, no shipment, remitted before): 0 when it reconciles.' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text.' }),
    recordedBy: t.exposeString('recordedBy', { nullable: true, description: 'Who recorded it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    lines: t.relation('lines', { description: 'Its lines, in the order given.', query: { orderBy: { id: 'asc' } } }),
  }),
});

builder.prismaNode('CodRemittanceLine', {
  description: 'One parcel of a COD remittance and what it matched.',
  ...tenantNode,
  fields: (t) => ({
    remittance: t.relation('remittance', { description: 'The remittance.' }),
    trackingNumber: t.exposeString('trackingNumber', { description: 'The air waybill as the courier gave it.' }),
    status: t.expose('status', { type: CodRemittanceLineStatusEnum, description: 'How it matched.' }),
    shipment: t.relation('shipment', { nullable: true, description: 'The shipment it matched (not for UNMATCHED and DUPLICATE lines).' }),
    order: t.relation('order', { nullable: true, description: 'The order of the shipment.' }),
    payment: t.relation('payment', { nullable: true, description: 'The COD payment it recorded on the order.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Cash collected for the parcel.' }),
    fee: t.expose('fee', { type: 'Decimal', description: "The courier's fee for it." }),
    expectedAmount: t.expose('expectedAmount', { type: 'Decimal', nullable: true, description: 'What the order owed when the line was matched.' }),
    difference: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Amount less what was owed: negative when the courier remitted too little.',
      select: { amount: true, expectedAmount: true },
      resolve: (line) => (line.expectedAmount === null ? null : dec(line.amount).minus(dec(line.expectedAmount))),
    }),
  }),
});

builder.prismaObjectFields('Shipment', (t) => ({
  codRemittanceLine: t.relation('codRemittanceLine', { nullable: true, description: 'The COD remittance line that settled it; null while the courier has not remitted it.' }),
}));

const CodRemittanceFilter = builder.inputType('CodRemittanceFilter', {
  description: 'Narrows the remittance list; conditions combine with AND.',
  fields: (t) => ({
    courier: t.globalID({ required: false, description: 'Global id of a Courier: only its remittances.' }),
    remittedAt: t.field({ type: DateRange, required: false, description: 'Only remittances paid out in this interval.' }),
    flagged: t.boolean({ required: false, description: 'Only remittances with (true) or without (false) lines to check.' }),
  }),
});

const CodUnremittedFilter = builder.inputType('CodUnremittedFilter', {
  description: 'Narrows the unremitted shipments; conditions combine with AND.',
  fields: (t) => ({
    courier: t.globalID({ required: false, description: 'Global id of a Courier: only its shipments.' }),
    deliveredAt: t.field({ type: DateRange, required: false, description: 'Only shipments delivered in this interval.' }),
  }),
});

/** Where and order of the remittance list: its resolver's, its totalCount's and its compiled read's. */
const remittanceList = (args: { filter?: typeof CodRemittanceFilter.$inferInput | null }, ctx: Context) => {
  const f = args.filter;
  return {
    where: {
      tenantId: ctx.tenantId,
      ...(f?.courier ? { courierId: decodeIdArg(f.courier, 'Courier') } : {}),
      ...(f?.remittedAt ? { remittedAt: dateRangeWhere(f.remittedAt) } : {}),
      ...(f?.flagged != null ? { flaggedLines: f.flagged ? { gt: 0 } : 0 } : {}),
    },
    orderBy: [{ remittedAt: 'desc' as const }, { id: 'desc' as const }],
  };
};

const unremittedWhere = (args: { filter?: typeof CodUnremittedFilter.$inferInput | null }, ctx: Context) => ({
  tenantId: ctx.tenantId,
  status: 'DELIVERED' as const,
  order: { paymentMethod: 'COD' as const },
  codRemittanceLine: { is: null },
  ...(args.filter?.courier ? { courierId: decodeIdArg(args.filter.courier, 'Courier') } : {}),
  ...(args.filter?.deliveredAt ? { deliveredAt: dateRangeWhere(args.filter.deliveredAt) } : {}),
});

builder.queryFields((t) => ({
  codRemittances: t.prismaConnection({
    type: 'CodRemittance',
    cursor: 'id',
    description: "Couriers' COD remittances, newest first.",
    args: { filter: t.arg({ type: CodRemittanceFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('CodRemittance', remittanceList),
    totalCount: (_parent, args, ctx) => ctx.prisma.codRemittance.count({ where: remittanceList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.codRemittance.findMany({ ...query, ...remittanceList(args, ctx) }),
  }, connectionOf('CodRemittance')),
  codUnremitted: t.prismaConnection({
    type: 'Shipment',
    cursor: 'id',
    description:
      'Delivered shipments of cash-on-delivery orders that no courier remittance has settled yet, delivered longest ago first: the cash the couriers still hold (the order\'s amountDue says how much).',
    args: { filter: t.arg({ type: CodUnremittedFilter, required: false, description: 'Narrows the list.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.shipment.count({ where: unremittedWhere(args, ctx) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.shipment.findMany({ ...query, where: unremittedWhere(args, ctx), orderBy: [{ deliveredAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] }),
  }, connectionOf('Shipment')),
}));

byIdQuery('CodRemittance', { description: 'One COD remittance by global id.', idDescription: 'Global id of the remittance.' });
