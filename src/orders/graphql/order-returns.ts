// OrderReturn and its lines: what came back after shipping, and where it was restocked.
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';

export const OrderReturn = builder.prismaNode('OrderReturn', {
  description: 'Units of a shipped order that came back; an order may have several.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    returnBy: t.exposeString('returnBy', { description: 'Who asked for the return, e.g. "customer_request".' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it came back.' }),
    restock: t.exposeBoolean('restock', { description: 'Whether the units went back into stock unless a line said otherwise.' }),
    value: t.expose('value', { type: 'Decimal', description: 'Value of the returned units at their line prices: the most its refunds may give back.' }),
    refunds: t.relation('refunds', { description: 'Refunds that pay this return back, oldest first.', query: { orderBy: { id: 'asc' } } }),
    actor: t.exposeString('actor', { nullable: true, description: 'Who recorded it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    lines: t.relation('lines', { description: 'Units returned per order line.', query: { orderBy: { id: 'asc' } } }),
  }),
});

export const OrderReturnLine = builder.prismaNode('OrderReturnLine', {
  description: 'Units of one order line that came back.',
  ...tenantNode,
  fields: (t) => ({
    return: t.relation('return', { description: 'The return.' }),
    orderItem: t.relation('orderItem', { description: 'The order line.' }),
    warehouse: t.relation('warehouse', { nullable: true, description: 'Where the units were restocked, if they were.' }),
    quantity: t.exposeInt('quantity', { description: 'Units returned.' }),
    restock: t.exposeBoolean('restock', { description: 'Whether these units went back on hand (only lines whose stock is counted are restocked).' }),
    value: t.expose('value', { type: 'Decimal', description: "The units' share of the line total." }),
  }),
});
