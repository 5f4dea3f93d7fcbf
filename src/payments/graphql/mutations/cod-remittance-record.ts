// codRemittanceRecord: a courier's COD settlement, matched line by line and paid onto the orders.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { recordCodRemittance } from '../../cod-remittance-service.js';

const CodRemittanceLineInput = builder.inputType('CodRemittanceLineInput', {
  description: 'One parcel of the settlement.',
  fields: (t) => ({
    trackingNumber: t.string({ required: true, description: 'The air waybill, as the courier lists it.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Cash collected for it.' }),
    fee: t.field({ type: 'Decimal', required: false, description: "The courier's fee for it; default 0." }),
  }),
});

export const CodRemittanceRecordInput = builder.inputType('CodRemittanceRecordInput', {
  description: "A courier's settlement of cash collected on delivery.",
  fields: (t) => ({
    courier: t.globalID({ required: true, description: 'Global id of the Courier that remitted.' }),
    reference: t.string({ required: true, description: "The courier's settlement or invoice number, unique per courier, at most 100 characters." }),
    remittedAt: t.field({ type: 'DateTime', required: true, description: 'When the money was paid out; also the date of the payments recorded.' }),
    bankAccount: t.globalID({ required: false, description: 'Global id of the BankAccount it was paid into.' }),
    note: t.string({ required: false, description: 'Free text, at most 1000 characters.' }),
    lines: t.field({ type: [CodRemittanceLineInput], required: true, description: 'The parcels, 1 to 1000, each waybill once.' }),
  }),
});

const CodRemittanceRecordPayload = builder.objectRef<{ remittanceId: number }>('CodRemittanceRecordPayload').implement({
  description: 'The remittance recorded.',
  fields: (t) => ({
    remittance: t.prismaField({
      type: 'CodRemittance',
      description: 'The remittance, its lines and how each matched.',
      resolve: (query, p, _args, ctx) => ctx.prisma.codRemittance.findUniqueOrThrow({ ...query, where: { id: p.remittanceId } }),
    }),
  }),
});

builder.mutationField('codRemittanceRecord', (t) =>
  t.field({
    type: CodRemittanceRecordPayload,
    description:
      "Records a courier's COD settlement in one transaction: each line matched by waybill to a delivered shipment of a cash-on-delivery order is paid onto that order (a COD payment, at most what it owes); lines with another amount, no such shipment, or a shipment remitted before are kept and flagged. A reference recorded before for the courier is a ValidationError.",
    errors: { types: [] },
    args: { input: t.arg({ type: CodRemittanceRecordInput, required: true, description: 'The settlement.' }) },
    resolve: (_root, { input }, ctx) =>
      recordCodRemittance(ctx, {
        courierId: decodeIdArg(input.courier, 'Courier'),
        reference: input.reference,
        remittedAt: input.remittedAt,
        bankAccountId: input.bankAccount ? decodeIdArg(input.bankAccount, 'BankAccount') : null,
        note: input.note,
        lines: input.lines,
      }),
  }),
);
