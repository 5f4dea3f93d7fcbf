// visitUpdate: corrects a recorded visit: its outcome, notes, time, rep, team or order.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateVisit } from '../../visit-service.js';
import { visitPayload } from './sales-payloads.js';

export const VisitUpdateInput = builder.inputType('VisitUpdateInput', {
  description: 'Changes to a visit; fields left out stay as they are.',
  fields: (t) => ({
    visit: t.globalID({ required: true, description: 'Global id of the visit.' }),
    customer: t.globalID({ required: false, description: 'Global id of the customer visited.' }),
    salesRep: t.globalID({ required: false, description: "Global id of the (active) rep; a new rep brings their team unless salesTeam is given." }),
    salesTeam: t.globalID({ required: false, description: 'Global id of the (active) team the visit counts for; null for none.' }),
    status: t.globalID({ required: false, description: 'Global id of the (active) visit status.' }),
    visitedAt: t.field({ type: 'DateTime', required: false, description: 'When the visit took place.' }),
    notes: t.string({ required: false, description: 'New notes, at most 2000 characters; "" removes them.' }),
    order: t.globalID({ required: false, description: 'Global id of the order taken during the visit; null detaches it.' }),
  }),
});

const VisitUpdatePayload = visitPayload('VisitUpdatePayload', 'The visit updated.');

const optionalId = (arg: { typename: string; id: string } | null | undefined, typename: string) =>
  arg === undefined ? undefined : arg === null ? null : decodeIdArg(arg, typename);

builder.mutationField('visitUpdate', (t) =>
  t.field({
    type: VisitUpdatePayload,
    description: 'Updates a visit; unknown or inactive references are a ValidationError with every problem, and nothing is written.',
    errors: { types: [] },
    args: { input: t.arg({ type: VisitUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateVisit(ctx, {
        visitId: decodeIdArg(input.visit, 'Visit'),
        customerId: input.customer ? decodeIdArg(input.customer, 'Customer') : undefined,
        repId: input.salesRep ? decodeIdArg(input.salesRep, 'SalesRep') : undefined,
        teamId: optionalId(input.salesTeam, 'SalesTeam'),
        statusId: input.status ? decodeIdArg(input.status, 'VisitStatus') : undefined,
        visitedAt: input.visitedAt,
        notes: input.notes,
        orderId: optionalId(input.order, 'Order'),
      }),
  }),
);
