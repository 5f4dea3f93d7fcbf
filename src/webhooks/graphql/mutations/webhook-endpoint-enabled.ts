// webhookEndpointEnable and webhookEndpointDisable.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setEndpointEnabled } from '../../endpoint-service.js';
import { webhookDeps, WebhookEndpointPayload } from './webhook-payloads.js';

const WebhookEndpointInput = builder.inputType('WebhookEndpointInput', {
  description: 'One webhook endpoint.',
  fields: (t) => ({ endpoint: t.globalID({ required: true, description: 'Global id of the endpoint.' }) }),
});

for (const [name, enabled, description] of [
  ['webhookEndpointEnable', true, 'Switches an endpoint back on with its failure count at zero; events kept while it was off are sent, oldest first.'],
  ['webhookEndpointDisable', false, 'Switches an endpoint off: nothing is sent to it, its events wait until it is enabled again.'],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: WebhookEndpointPayload,
      description,
      errors: {},
      args: { input: t.arg({ type: WebhookEndpointInput, required: true, description: 'The endpoint.' }) },
      resolve: async (_root, { input }, ctx) => {
        const endpoint = await setEndpointEnabled(webhookDeps(ctx), decodeIdArg(input.endpoint, 'WebhookEndpoint'), enabled);
        return { endpointId: endpoint.id };
      },
    }),
  );
}
