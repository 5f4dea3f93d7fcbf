// webhookEndpointRotateSecret: a new signing secret, the old one still signing during the overlap.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { rotateEndpointSecret } from '../../endpoint-service.js';
import { webhookDeps, WebhookEndpointSecretPayload } from './webhook-payloads.js';

const WebhookEndpointRotateSecretInput = builder.inputType('WebhookEndpointRotateSecretInput', {
  description: 'The endpoint whose secret is replaced.',
  fields: (t) => ({
    endpoint: t.globalID({ required: true, description: 'Global id of the endpoint.' }),
    overlapHours: t.int({
      required: false,
      defaultValue: 24,
      description: 'Hours during which requests are signed with the old secret too (0 to 168), so receivers can switch without a gap.',
    }),
  }),
});

builder.mutationField('webhookEndpointRotateSecret', (t) =>
  t.field({
    type: WebhookEndpointSecretPayload,
    description: 'Replaces the signing secret; the new one is shown only here. During the overlap each request carries two v1 signatures.',
    errors: {},
    args: { input: t.arg({ type: WebhookEndpointRotateSecretInput, required: true, description: 'The endpoint.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { endpoint, secret } = await rotateEndpointSecret(webhookDeps(ctx), decodeIdArg(input.endpoint, 'WebhookEndpoint'), input.overlapHours ?? 24);
      return { endpointId: endpoint.id, secret };
    },
  }),
);
