// salesRepDeactivate: a rep who left; orders and visits keep naming them.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateRep } from '../../sales-rep-service.js';
import { salesRepPayload } from './sales-payloads.js';

export const SalesRepDeactivateInput = builder.inputType('SalesRepDeactivateInput', {
  description: 'The sales rep to deactivate.',
  fields: (t) => ({
    salesRep: t.globalID({ required: true, description: 'Global id of the rep.' }),
  }),
});

const SalesRepDeactivatePayload = salesRepPayload('SalesRepDeactivatePayload', 'The rep, now inactive.');

builder.mutationField('salesRepDeactivate', (t) =>
  t.field({
    type: SalesRepDeactivatePayload,
    description: 'Deactivates a sales rep (idempotent); reactivate them with salesRepUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: SalesRepDeactivateInput, required: true, description: 'The rep.' }) },
    resolve: (_root, { input }, ctx) => deactivateRep(ctx, { repId: decodeIdArg(input.salesRep, 'SalesRep') }),
  }),
);
