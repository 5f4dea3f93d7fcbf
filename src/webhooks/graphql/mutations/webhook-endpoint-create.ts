// webhookEndpointCreate: a partner URL that receives the tenant's events, with a new signing secret.
import { builder } from '../../../graphql/builder.js';
import { createEndpoint } from '../../endpoint-service.js';
import { endpointInputFields, webhookDeps, WebhookEndpointSecretPayload } from './webhook-payloads.js';

const WebhookEndpointCreateInput = builder.inputType('WebhookEndpointCreateInput', {
  description: 'A new webhook endpoint.',
  fields: (t) => ({
    url: t.string({ required: true, description: endpointInputFields.url }),
    description: t.string({ required: false, description: endpointInputFields.description }),
    eventTypes: t.stringList({ required: true, description: endpointInputFields.eventTypes }),
    payloadDocument: t.string({ required: false, description: endpointInputFields.payloadDocument }),
  }),
});

builder.mutationField('webhookEndpointCreate', (t) =>
  t.field({
    type: WebhookEndpointSecretPayload,
    description: 'Adds a webhook endpoint; events committed from now on are sent to it, signed with the secret returned here (only here).',
    errors: {},
    args: { input: t.arg({ type: WebhookEndpointCreateInput, required: true, description: 'The endpoint.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { endpoint, secret } = await createEndpoint(webhookDeps(ctx), input);
      return { endpointId: endpoint.id, secret };
    },
  }),
);
