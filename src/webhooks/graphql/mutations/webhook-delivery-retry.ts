// webhookDeliveryRetry: send a delivered or given-up event to its endpoint again.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { retryDelivery } from '../../endpoint-service.js';
import { WebhookDeliveryPendingError } from '../../errors.js';
import { webhookDeps } from './webhook-payloads.js';

const WebhookDeliveryRetryInput = builder.inputType('WebhookDeliveryRetryInput', {
  description: 'The delivery to send again.',
  fields: (t) => ({ delivery: t.globalID({ required: true, description: 'Global id of the delivery.' }) }),
});

const WebhookDeliveryRetryPayload = builder.objectRef<{ deliveryId: number }>('WebhookDeliveryRetryPayload').implement({
  description: 'The delivery, pending again.',
  fields: (t) => ({
    delivery: t.prismaField({
      type: 'WebhookDelivery',
      description: 'The delivery, queued to be sent again.',
      resolve: (query, p, _args, ctx) => ctx.prisma.webhookDelivery.findUniqueOrThrow({ ...query, where: { id: p.deliveryId } }),
    }),
  }),
});

builder.mutationField('webhookDeliveryRetry', (t) =>
  t.field({
    type: WebhookDeliveryRetryPayload,
    description: 'Sends an event to its endpoint again (same event id, so receivers that saw it can recognise it); its retry window starts again.',
    errors: { types: [WebhookDeliveryPendingError] },
    args: { input: t.arg({ type: WebhookDeliveryRetryInput, required: true, description: 'The delivery.' }) },
    resolve: async (_root, { input }, ctx) => {
      const delivery = await retryDelivery(webhookDeps(ctx), decodeIdArg(input.delivery, 'WebhookDelivery'));
      return { deliveryId: delivery.id };
    },
  }),
);
