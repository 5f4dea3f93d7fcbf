// visitStatusUpdate: renames, retypes, moves or (re)activates a visit status.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateVisitStatusError } from '../../errors.js';
import { updateVisitStatus } from '../../visit-status-service.js';
import { VisitStatusTypeEnum } from '../types.js';
import { visitStatusPayload } from './sales-payloads.js';

export const VisitStatusUpdateInput = builder.inputType('VisitStatusUpdateInput', {
  description: 'Changes to a visit status; fields left out stay as they are.',
  fields: (t) => ({
    visitStatus: t.globalID({ required: true, description: 'Global id of the status.' }),
    name: t.string({ required: false, description: 'New name, unique in the shop.' }),
    type: t.field({ type: VisitStatusTypeEnum, required: false, description: 'New type.' }),
    position: t.int({ required: false, description: 'New place in the list, 0 to 10000.' }),
    isActive: t.boolean({ required: false, description: 'Offer it (true) or not (false).' }),
  }),
});

const VisitStatusUpdatePayload = visitStatusPayload('VisitStatusUpdatePayload', 'The visit status updated.');

builder.mutationField('visitStatusUpdate', (t) =>
  t.field({
    type: VisitStatusUpdatePayload,
    description: 'Updates a visit status; a name already used is a DuplicateVisitStatusError.',
    errors: { types: [DuplicateVisitStatusError] },
    args: { input: t.arg({ type: VisitStatusUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateVisitStatus(ctx, {
        statusId: decodeIdArg(input.visitStatus, 'VisitStatus'),
        name: input.name,
        type: input.type,
        position: input.position,
        isActive: input.isActive,
      }),
  }),
);
