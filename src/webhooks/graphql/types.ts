// Webhook endpoints, their deliveries and the integration log: read side.
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { errorType } from '../../graphql/errors.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { Context } from '../../graphql/context.js';
import { WebhookDeliveryStatus } from '../../db/generated/prisma/enums.js';
import { WEBHOOK_EVENT_TYPES } from '../../events/outbox.js';
import { WebhookDeliveryPendingError } from '../errors.js';

export const WebhookDeliveryStatusEnum = builder.enumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one event stands for one endpoint.',
  values: {
    PENDING: { description: 'Not acknowledged yet: being sent, or waiting for its next retry.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Given up after the retry window; `webhookDeliveryRetry` sends it again.' },
  } satisfies Record<WebhookDeliveryStatus, { description: string }>,
});

export const WebhookEventTypeInfo = builder.objectRef<{ name: string; description: string }>('WebhookEventType').implement({
  description: 'An event type endpoints can subscribe to.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name to give in `eventTypes`, e.g. "order.status_changed".' }),
    description: t.exposeString('description', { description: 'What it reports.' }),
  }),
});

export const WebhookEndpoint = builder.prismaNode('WebhookEndpoint', {
  description: "A partner's URL that receives the tenant's events as signed HTTP POST requests.",
  ...tenantNode,
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where events are sent.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the endpoint is for.' }),
    eventTypes: t.exposeStringList('eventTypes', { description: 'Event types sent to it; "*" means every type.' }),
    payloadDocument: t.exposeString('payloadDocument', {
      nullable: true,
      description: 'The subscription document that shapes the `data` of the events its root field reports; null: the standard payload.',
    }),
    enabled: t.exposeBoolean('enabled', { description: 'Disabled endpoints receive nothing; their events wait and are sent once enabled again.' }),
    disabledReason: t.exposeString('disabledReason', { nullable: true, description: 'Why it was disabled (by a user, or after failing too often in a row).' }),
    consecutiveFailures: t.exposeInt('consecutiveFailures', { description: 'Failed attempts since the last success.' }),
    secretRotatedUntil: t.expose('previousSecretExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'While a secret rotation overlaps: requests carry a signature by the previous secret too, until then.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    deliveries: t.relatedConnection(
      'deliveries',
      {
        cursor: 'id',
        description: 'Events sent or to be sent to this endpoint, latest first.',
        args: { status: t.arg({ type: WebhookDeliveryStatusEnum, required: false, description: 'Only deliveries in this status.' }) },
        totalCount: true,
        query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: { id: 'desc' } }),
      },
      connectionOf('WebhookDelivery'),
    ),
  }),
});

export const WebhookDelivery = builder.prismaNode('WebhookDelivery', {
  description: 'One event for one endpoint, sent until acknowledged or given up.',
  ...tenantNode,
  fields: (t) => ({
    endpoint: t.relation('endpoint', { description: 'Where it goes.' }),
    eventId: t.string({
      description: 'The event id the request carries (`ordergraph-event-id`): receivers de-duplicate by it.',
      select: { eventId: true },
      resolve: (d) => `evt_${d.eventId}`,
    }),
    eventType: t.string({ description: 'The event type.', select: { event: { select: { type: true } } }, resolve: (d) => d.event.type }),
    order: t.prismaField({
      type: 'Order',
      nullable: true,
      description: 'The order the event concerns, when it concerns one.',
      select: { orderId: true },
      resolve: (query, d, _args, ctx) => (d.orderId == null ? null : ctx.prisma.order.findUnique({ ...query, where: { id: d.orderId } })),
    }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum, description: 'Pending, delivered or given up.' }),
    attempts: t.exposeInt('attempts', { description: 'Requests sent so far.' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When a pending delivery is tried next.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: 'When the endpoint acknowledged it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was queued.' }),
    log: t.relation('log', { description: 'Every request sent for it, oldest first.', query: { orderBy: { id: 'asc' } } }),
  }),
});

export const WebhookAttempt = builder.prismaNode('WebhookAttempt', {
  description: 'One webhook request and its answer: a line of the integration log.',
  ...tenantNode,
  fields: (t) => ({
    endpoint: t.relation('endpoint', { description: 'Where it went.' }),
    delivery: t.relation('delivery', { description: 'The delivery it was an attempt of.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'HTTP status answered; null when no answer came.' }),
    latencyMs: t.exposeInt('latencyMs', { description: 'Milliseconds from sending to the answer (or to giving up on it).' }),
    responseExcerpt: t.exposeString('responseExcerpt', { nullable: true, description: 'The first 500 characters of the answer.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it counts as failed (status, timeout, refused connection); null on success.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was sent.' }),
  }),
});

const IntegrationLogFilter = builder.inputType('IntegrationLogFilter', {
  description: 'Narrows an integration log.',
  fields: (t) => ({
    endpoint: t.globalID({ required: false, description: 'Only requests to this endpoint.' }),
    failed: t.boolean({ required: false, description: 'Only failed (true) or successful (false) requests.' }),
  }),
});

function attemptWhere(filter: typeof IntegrationLogFilter.$inferInput | null | undefined) {
  return {
    ...(filter?.endpoint ? { endpointId: decodeIdArg(filter.endpoint, 'WebhookEndpoint') } : {}),
    ...(filter?.failed != null ? { error: filter.failed ? { not: null } : null } : {}),
  };
}

builder.prismaObjectFields('Order', (t) => ({
  integrationLog: t.prismaConnection(
    {
      type: 'WebhookAttempt',
      cursor: 'id',
      description: "Every webhook request sent about this order, latest first: the order's integration log.",
      args: { filter: t.arg({ type: IntegrationLogFilter, required: false, description: 'Narrows the log.' }) },
      totalCount: (order, args, ctx) => ctx.prisma.webhookAttempt.count({ where: { orderId: order.id, ...attemptWhere(args.filter) } }),
      resolve: (query, order, args, ctx) =>
        ctx.prisma.webhookAttempt.findMany({ ...query, where: { orderId: order.id, ...attemptWhere(args.filter) }, orderBy: { id: 'desc' } }),
    },
    connectionOf('WebhookAttempt'),
  ),
}));

/** Where and order of the endpoint list: its resolver's, its totalCount's and its compiled read's. */
function endpointList(args: { enabled?: boolean | null }, ctx: Context) {
  return { where: { tenantId: ctx.tenantId, ...(args.enabled != null ? { enabled: args.enabled } : {}) }, orderBy: { id: 'asc' as const } };
}

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaConnection(
    {
      type: 'WebhookEndpoint',
      cursor: 'id',
      description: "The tenant's webhook endpoints, oldest first.",
      args: { enabled: t.arg.boolean({ required: false, description: 'Only enabled (true) or disabled (false) endpoints.' }) },
      extensions: compiledList('WebhookEndpoint', endpointList),
      totalCount: (_root, args, ctx) => ctx.prisma.webhookEndpoint.count({ where: endpointList(args, ctx).where }),
      resolve: (query, _root, args, ctx) => ctx.prisma.webhookEndpoint.findMany({ ...query, ...endpointList(args, ctx) }),
    },
    connectionOf('WebhookEndpoint'),
  ),
  webhookEventTypes: t.field({
    type: [WebhookEventTypeInfo],
    description: 'Every event type a webhook endpoint can subscribe to.',
    resolve: () => Object.entries(WEBHOOK_EVENT_TYPES).map(([name, description]) => ({ name, description })),
  }),
}));

byIdQuery('WebhookEndpoint', { description: 'One webhook endpoint by global id.', idDescription: 'Global id of the endpoint.' });

errorType(WebhookDeliveryPendingError, {
  description: 'The delivery is still being tried; only a delivered or given-up one can be sent again.',
  fields: (t) => ({
    deliveryId: t.id({ resolve: (e) => Buffer.from(`WebhookDelivery:${e.deliveryId}`).toString('base64'), description: 'Global id of the delivery.' }),
  }),
});
