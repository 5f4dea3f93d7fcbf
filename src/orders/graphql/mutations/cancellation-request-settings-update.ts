// cancellationRequestSettingsUpdate: how long cancellation requests wait for a decision.
import { builder } from '../../../graphql/builder.js';
import { updateCancellationSettings } from '../../cancellation-settings-service.js';
import { CancellationRequestSettings } from '../cancellation-settings.js';

const CancellationRequestSettingsUpdateInput = builder.inputType('CancellationRequestSettingsUpdateInput', {
  description: 'The new rules for cancellation requests.',
  fields: (t) => ({
    deadlineMinutes: t.int({ required: true, description: 'How long a new request waits for a decision, in minutes (1 to 43200, i.e. 30 days).' }),
  }),
});

const CancellationRequestSettingsUpdatePayload = builder.objectRef<{ settings: Awaited<ReturnType<typeof updateCancellationSettings>> }>('CancellationRequestSettingsUpdatePayload').implement({
  description: 'The rules after the change.',
  fields: (t) => ({
    settings: t.field({ type: CancellationRequestSettings, resolve: (p) => p.settings, description: 'The rules now.' }),
  }),
});

builder.mutationField('cancellationRequestSettingsUpdate', (t) =>
  t.field({
    type: CancellationRequestSettingsUpdatePayload,
    description: 'Changes how long cancellation requests wait for a decision; requests made from now on get the new deadline, open ones keep theirs.',
    errors: { types: [] },
    args: { input: t.arg({ type: CancellationRequestSettingsUpdateInput, required: true, description: 'The new rules.' }) },
    resolve: async (_root, { input }, ctx) => ({ settings: await updateCancellationSettings(ctx, { deadlineMinutes: input.deadlineMinutes }) }),
  }),
);
