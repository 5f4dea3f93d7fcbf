// visitCreate: records a rep's visit to a customer.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { NoDefaultVisitStatusError } from '../../errors.js';
import { createVisit } from '../../visit-service.js';
import { visitPayload } from './sales-payloads.js';

export const VisitCreateInput = builder.inputType('VisitCreateInput', {
  description: 'A visit to record.',
  fields: (t) => ({
    customer: t.globalID({ required: true, description: 'Global id of the customer visited.' }),
    salesRep: t.globalID({ required: true, description: 'Global id of the (active) rep who made the visit.' }),
    salesTeam: t.globalID({ required: false, description: "Global id of the (active) team the visit counts for; default the rep's team." }),
    status: t.globalID({ required: false, description: 'Global id of the (active) visit status; default the first active status of type ORDER.' }),
    visitedAt: t.field({ type: 'DateTime', required: false, description: 'When the visit took place; default now.' }),
    notes: t.string({ required: false, description: 'Free text notes, at most 2000 characters.' }),
    order: t.globalID({ required: false, description: 'Global id of the order taken during the visit (on no other visit).' }),
  }),
});

const VisitCreatePayload = visitPayload('VisitCreatePayload', 'The visit recorded.');

builder.mutationField('visitCreate', (t) =>
  t.field({
    type: VisitCreatePayload,
    description: 'Records a visit; unknown or inactive references are a ValidationError with every problem, and nothing is written.',
    errors: { types: [NoDefaultVisitStatusError] },
    args: { input: t.arg({ type: VisitCreateInput, required: true, description: 'The visit.' }) },
    resolve: (_root, { input }, ctx) =>
      createVisit(ctx, {
        customerId: decodeIdArg(input.customer, 'Customer'),
        repId: decodeIdArg(input.salesRep, 'SalesRep'),
        teamId: input.salesTeam ? decodeIdArg(input.salesTeam, 'SalesTeam') : undefined,
        statusId: input.status ? decodeIdArg(input.status, 'VisitStatus') : undefined,
        visitedAt: input.visitedAt,
        notes: input.notes,
        orderId: input.order ? decodeIdArg(input.order, 'Order') : undefined,
      }),
  }),
);
