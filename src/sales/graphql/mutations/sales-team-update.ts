// salesTeamUpdate: renames or (re)activates a sales team.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateSalesTeamError } from '../../errors.js';
import { updateTeam } from '../../sales-team-service.js';
import { salesTeamPayload } from './sales-payloads.js';

export const SalesTeamUpdateInput = builder.inputType('SalesTeamUpdateInput', {
  description: 'Changes to a sales team; fields left out stay as they are.',
  fields: (t) => ({
    salesTeam: t.globalID({ required: true, description: 'Global id of the team.' }),
    name: t.string({ required: false, description: 'New name, unique in the shop.' }),
    isActive: t.boolean({ required: false, description: 'Active (true) or not (false).' }),
  }),
});

const SalesTeamUpdatePayload = salesTeamPayload('SalesTeamUpdatePayload', 'The team updated.');

builder.mutationField('salesTeamUpdate', (t) =>
  t.field({
    type: SalesTeamUpdatePayload,
    description: 'Updates a sales team; a name already used is a DuplicateSalesTeamError.',
    errors: { types: [DuplicateSalesTeamError] },
    args: { input: t.arg({ type: SalesTeamUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => updateTeam(ctx, { teamId: decodeIdArg(input.salesTeam, 'SalesTeam'), name: input.name, isActive: input.isActive }),
  }),
);
