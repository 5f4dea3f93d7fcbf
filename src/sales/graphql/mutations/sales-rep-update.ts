// salesRepUpdate: changes a rep's name, contact, team or activity.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateRep } from '../../sales-rep-service.js';
import { salesRepPayload } from './sales-payloads.js';

export const SalesRepUpdateInput = builder.inputType('SalesRepUpdateInput', {
  description: 'Changes to a sales rep; fields left out stay as they are.',
  fields: (t) => ({
    salesRep: t.globalID({ required: true, description: 'Global id of the rep.' }),
    name: t.string({ required: false, description: 'New full name.' }),
    phone: t.string({ required: false, description: 'New phone number; "" removes it.' }),
    email: t.string({ required: false, description: 'New e-mail address; "" removes it.' }),
    salesTeam: t.globalID({ required: false, description: 'Global id of the (active) team to move the rep to; null takes the rep out of any team.' }),
    isActive: t.boolean({ required: false, description: 'Active (true) or not (false).' }),
  }),
});

const SalesRepUpdatePayload = salesRepPayload('SalesRepUpdatePayload', 'The rep updated.');

builder.mutationField('salesRepUpdate', (t) =>
  t.field({
    type: SalesRepUpdatePayload,
    description: "Updates a sales rep. Orders and visits keep the team they were taken for when the rep changes team.",
    errors: { types: [] },
    args: { input: t.arg({ type: SalesRepUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateRep(ctx, {
        repId: decodeIdArg(input.salesRep, 'SalesRep'),
        name: input.name,
        phone: input.phone,
        email: input.email,
        teamId: input.salesTeam === undefined ? undefined : input.salesTeam === null ? null : decodeIdArg(input.salesTeam, 'SalesTeam'),
        isActive: input.isActive,
      }),
  }),
);
