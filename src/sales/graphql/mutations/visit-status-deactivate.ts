// visitStatusDeactivate: stops offering a visit status; visits that have it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateVisitStatus } from '../../visit-status-service.js';
import { visitStatusPayload } from './sales-payloads.js';

export const VisitStatusDeactivateInput = builder.inputType('VisitStatusDeactivateInput', {
  description: 'The visit status to stop offering.',
  fields: (t) => ({
    visitStatus: t.globalID({ required: true, description: 'Global id of the status.' }),
  }),
});

const VisitStatusDeactivatePayload = visitStatusPayload('VisitStatusDeactivatePayload', 'The visit status, now inactive.');

builder.mutationField('visitStatusDeactivate', (t) =>
  t.field({
    type: VisitStatusDeactivatePayload,
    description: 'Deactivates a visit status (idempotent); reactivate it with visitStatusUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: VisitStatusDeactivateInput, required: true, description: 'The status.' }) },
    resolve: (_root, { input }, ctx) => deactivateVisitStatus(ctx, { statusId: decodeIdArg(input.visitStatus, 'VisitStatus') }),
  }),
);
