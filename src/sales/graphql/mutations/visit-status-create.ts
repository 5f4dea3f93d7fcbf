// visitStatusCreate: adds an outcome to the shop's list of visit statuses.
import { builder } from '../../../graphql/builder.js';
import { DuplicateVisitStatusError } from '../../errors.js';
import { createVisitStatus } from '../../visit-status-service.js';
import { VisitStatusTypeEnum } from '../types.js';
import { visitStatusPayload } from './sales-payloads.js';

export const VisitStatusCreateInput = builder.inputType('VisitStatusCreateInput', {
  description: 'A new visit status.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, unique in the shop, e.g. "Order" or "Toko tutup".' }),
    type: t.field({ type: VisitStatusTypeEnum, required: true, description: 'Whether an order was taken.' }),
    position: t.int({ required: false, description: 'Place in the list, 0 to 10000 (lowest first); default after the last.' }),
    isActive: t.boolean({ required: false, description: 'Whether it is offered; default true.' }),
  }),
});

const VisitStatusCreatePayload = visitStatusPayload('VisitStatusCreatePayload', 'The visit status created.');

builder.mutationField('visitStatusCreate', (t) =>
  t.field({
    type: VisitStatusCreatePayload,
    description: 'Adds a visit status; a name already used is a DuplicateVisitStatusError.',
    errors: { types: [DuplicateVisitStatusError] },
    args: { input: t.arg({ type: VisitStatusCreateInput, required: true, description: 'The status.' }) },
    resolve: (_root, { input }, ctx) => createVisitStatus(ctx, input),
  }),
);
