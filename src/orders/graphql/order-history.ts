// An order's history (OrderEvent, one per transition) and its comments.
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { CommentVisibility, OrderStatus } from '../../db/generated/prisma/enums.js';

export const OrderEvent = builder.prismaNode('OrderEvent', {
  description: "One entry of an order's history: a status change or an edit, who made it and why.",
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    sequence: t.exposeInt('sequence', { description: '1, 2, 3, ... within the order.' }),
    type: t.exposeString('type', { description: 'Transition name ("confirm", "ship", ...) or "create", "edit", "place" or "tags" (orderTagsUpdate; the note lists the tags added and removed).' }),
    fromStatus: t.expose('fromStatus', { type: OrderStatus, nullable: true, description: 'Status before; null for the first event.' }),
    toStatus: t.expose('toStatus', { type: OrderStatus, description: 'Status after.' }),
    actor: t.exposeString('actor', { nullable: true, description: 'Who made the change.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, when a reason was given.' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text note.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'Id of the API request that made the change.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

export const Comment = builder.prismaNode('Comment', {
  description: 'A comment on an order.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    author: t.exposeString('author', { description: 'Who wrote it.' }),
    body: t.exposeString('body', { description: 'The text.' }),
    visibility: t.expose('visibility', { type: CommentVisibility, description: 'Who may see it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written.' }),
  }),
});
