// Payloads of the webhook mutations: the endpoint re-read with the client's selection, and the secret where one was just made.
import { builder } from '../../../graphql/builder.js';
import type { Context } from '../../../graphql/context.js';
import type { WebhookDeps } from '../../endpoint-service.js';

export function webhookDeps(ctx: Context): WebhookDeps {
  return {
    prisma: ctx.prisma,
    events: ctx.events,
    log: ctx.log,
    tenantId: ctx.tenantId,
    addressRules: ctx.outbound,
    payloadDocumentProblems: ctx.services.webhookPayloads?.problems,
  };
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
  payloadDocument:
    'A GraphQL subscription document that shapes the `data` of the events its root field reports, e.g. `subscription { orderStatusChanged { from to order { code status } } }`: one root field among orderCreated, orderStatusChanged, paymentRecorded, shipmentTracked, stockLevelChanged, reporting one of the endpoint\'s event types, no variables, within the depth and cost limits of a subscription. It runs for each event with the role ADMIN of the tenant; other event types keep the standard payload.',
};
