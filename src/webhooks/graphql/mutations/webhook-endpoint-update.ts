// webhookEndpointUpdate: another URL, description or set of event types.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateEndpoint } from '../../endpoint-service.js';
import { endpointInputFields, webhookDeps, WebhookEndpointPayload } from './webhook-payloads.js';

const WebhookEndpointUpdateInput = builder.inputType('WebhookEndpointUpdateInput', {
  description: 'Changes to a webhook endpoint; fields left out stay as they are.',
  fields: (t) => ({
    endpoint: t.globalID({ required: true, description: 'Global id of the endpoint.' }),
    url: t.string({ required: false, description: endpointInputFields.url }),
    description: t.string({ required: false, description: endpointInputFields.description }),
    eventTypes: t.stringList({ required: false, description: endpointInputFields.eventTypes }),
    payloadDocument: t.string({ required: false, description: `${endpointInputFields.payloadDocument} An empty string removes it.` }),
  }),
});

builder.mutationField('webhookEndpointUpdate', (t) =>
  t.field({
    type: WebhookEndpointPayload,
    description: 'Changes a webhook endpoint; events already queued for it keep going to it.',
    errors: {},
    args: { input: t.arg({ type: WebhookEndpointUpdateInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, { input }, ctx) => {
      const endpoint = await updateEndpoint(webhookDeps(ctx), decodeIdArg(input.endpoint, 'WebhookEndpoint'), input);
      return { endpointId: endpoint.id };
    },
  }),
);
