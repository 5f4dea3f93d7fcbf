// The shop's cancellation request setting (query), read by everyone who reads the graph.
import { builder } from '../../graphql/builder.js';
import { readCancellationSettings, type CancellationSettings } from '../cancellation-settings-service.js';

export const CancellationRequestSettings = builder.objectRef<CancellationSettings>('CancellationRequestSettings').implement({
  description: "The shop's rules for cancellation requests.",
  fields: (t) => ({
    deadlineMinutes: t.exposeInt('deadlineMinutes', {
      description:
        'How long a new request waits for a decision, in minutes (default 2880, 48 hours). Past its deadline an open request expires and the order is cancelled.',
    }),
  }),
});

builder.queryField('cancellationRequestSettings', (t) =>
  t.field({
    type: CancellationRequestSettings,
    description: "The shop's rules for cancellation requests.",
    resolve: (_root, _args, ctx) => readCancellationSettings(ctx),
  }),
);
