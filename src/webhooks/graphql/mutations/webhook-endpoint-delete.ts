// webhookEndpointDelete: the endpoint, its queued deliveries and its log are removed.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deleteEndpoint } from '../../endpoint-service.js';
import { webhookDeps } from './webhook-payloads.js';

const WebhookEndpointDeleteInput = builder.inputType('WebhookEndpointDeleteInput', {
  description: 'The endpoint to delete.',
  fields: (t) => ({ endpoint: t.globalID({ required: true, description: 'Global id of the endpoint.' }) }),
});

const WebhookEndpointDeletePayload = builder.objectRef<{ deletedId: string }>('WebhookEndpointDeletePayload').implement({
  description: 'The endpoint deleted.',
  fields: (t) => ({ deletedId: t.exposeID('deletedId', { description: 'Global id of the deleted endpoint.' }) }),
});

builder.mutationField('webhookEndpointDelete', (t) =>
  t.field({
    type: WebhookEndpointDeletePayload,
    description: 'Deletes a webhook endpoint with its queued deliveries and its log; nothing more is sent to it.',
    errors: {},
    args: { input: t.arg({ type: WebhookEndpointDeleteInput, required: true, description: 'The endpoint.' }) },
    resolve: async (_root, { input }, ctx) => {
      const id = decodeIdArg(input.endpoint, 'WebhookEndpoint');
      await deleteEndpoint(webhookDeps(ctx), id);
      return { deletedId: encodeGlobalID('WebhookEndpoint', id) };
    },
  }),
);
