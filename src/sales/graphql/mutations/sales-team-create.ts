// salesTeamCreate: adds a sales team.
import { builder } from '../../../graphql/builder.js';
import { DuplicateSalesTeamError } from '../../errors.js';
import { createTeam } from '../../sales-team-service.js';
import { salesTeamPayload } from './sales-payloads.js';

export const SalesTeamCreateInput = builder.inputType('SalesTeamCreateInput', {
  description: 'A new sales team.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Team name, unique in the shop, e.g. "Tim Bandung".' }),
    isActive: t.boolean({ required: false, description: 'Whether it takes reps, orders and visits; default true.' }),
  }),
});

const SalesTeamCreatePayload = salesTeamPayload('SalesTeamCreatePayload', 'The team created.');

builder.mutationField('salesTeamCreate', (t) =>
  t.field({
    type: SalesTeamCreatePayload,
    description: 'Adds a sales team; a name already used is a DuplicateSalesTeamError.',
    errors: { types: [DuplicateSalesTeamError] },
    args: { input: t.arg({ type: SalesTeamCreateInput, required: true, description: 'The team.' }) },
    resolve: (_root, { input }, ctx) => createTeam(ctx, input),
  }),
);
