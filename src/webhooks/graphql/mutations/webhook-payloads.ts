// Payloads of the webhook mutations: the endpoint re-read with the client's selection, and the secret where one was just made.
import { builder } from '../../../graphql/builder.js';
import type { Context } from '../../../graphql/context.js';
import type { WebhookDeps } from '../../endpoint-service.js';

export function webhookDeps(ctx: Context): WebhookDeps {
  return { prisma: ctx.prisma, events: ctx.events, log: ctx.log, tenantId: ctx.tenantId, addressRules: ctx.outbound };
}

export const WebhookEndpointPayload = builder.objectRef<{ endpointId: number }>('WebhookEndpointPayload').implement({
  description: 'The endpoint after the change.',
  fields: (t) => ({
    endpoint: t.prismaField({
      type: 'WebhookEndpoint',
      description: 'The endpoint after this change.',
      resolve: (query, p, _args, ctx) => ctx.prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: p.endpointId } }),
    }),
  }),
});

export const WebhookEndpointSecretPayload = builder.objectRef<{ endpointId: number; secret: string }>('WebhookEndpointSecretPayload').implement({
  description: 'The endpoint and its new signing secret. The secret is shown only here: store it now.',
  fields: (t) => ({
    endpoint: t.prismaField({
      type: 'WebhookEndpoint',
      description: 'The endpoint with its new secret.',
      resolve: (query, p, _args, ctx) => ctx.prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: p.endpointId } }),
    }),
    secret: t.exposeString('secret', { description: 'Signing secret (whsec_...): verify the `ordergraph-signature` header of each request with it.' }),
  }),
});

export const endpointInputFields = {
  url: 'Where to send events: an https URL outside development; private and loopback addresses are refused.',
  description: 'What the endpoint is for.',
  eventTypes: 'Event types to send (see `webhookEventTypes`), or ["*"] for all.',
};
