// salesTeamDeactivate: stops a team taking reps, orders and visits; what cites it keeps it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateTeam } from '../../sales-team-service.js';
import { salesTeamPayload } from './sales-payloads.js';

export const SalesTeamDeactivateInput = builder.inputType('SalesTeamDeactivateInput', {
  description: 'The sales team to deactivate.',
  fields: (t) => ({
    salesTeam: t.globalID({ required: true, description: 'Global id of the team.' }),
  }),
});

const SalesTeamDeactivatePayload = salesTeamPayload('SalesTeamDeactivatePayload', 'The team, now inactive.');

builder.mutationField('salesTeamDeactivate', (t) =>
  t.field({
    type: SalesTeamDeactivatePayload,
    description: 'Deactivates a sales team (idempotent); reactivate it with salesTeamUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: SalesTeamDeactivateInput, required: true, description: 'The team.' }) },
    resolve: (_root, { input }, ctx) => deactivateTeam(ctx, { teamId: decodeIdArg(input.salesTeam, 'SalesTeam') }),
  }),
);
