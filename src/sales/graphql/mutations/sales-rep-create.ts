// salesRepCreate: adds a sales rep, optionally in a team.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { createRep } from '../../sales-rep-service.js';
import { salesRepPayload } from './sales-payloads.js';

export const SalesRepCreateInput = builder.inputType('SalesRepCreateInput', {
  description: 'A new sales rep.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name.' }),
    phone: t.string({ required: false, description: 'Phone number, e.g. "0812 3456 7890".' }),
    email: t.string({ required: false, description: 'E-mail address.' }),
    salesTeam: t.globalID({ required: false, description: 'Global id of the (active) team the rep is in.' }),
    isActive: t.boolean({ required: false, description: 'Whether the rep takes orders and visits; default true.' }),
  }),
});

const SalesRepCreatePayload = salesRepPayload('SalesRepCreatePayload', 'The rep created.');

builder.mutationField('salesRepCreate', (t) =>
  t.field({
    type: SalesRepCreatePayload,
    description: 'Adds a sales rep; an unknown or inactive team is a ValidationError.',
    errors: { types: [] },
    args: { input: t.arg({ type: SalesRepCreateInput, required: true, description: 'The rep.' }) },
    resolve: (_root, { input }, ctx) =>
      createRep(ctx, {
        name: input.name,
        phone: input.phone,
        email: input.email,
        teamId: input.salesTeam ? decodeIdArg(input.salesTeam, 'SalesTeam') : null,
        isActive: input.isActive,
      }),
  }),
);
