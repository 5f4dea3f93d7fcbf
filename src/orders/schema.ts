// STUB (to be replaced by the orders read API).
import { builder } from '../graphql/builder.js';
import { tenantScopedId } from '../graphql/ids.js';

builder.prismaNode('Order', {
  description: 'An order.',
  id: { field: 'id' },
  findUnique: tenantScopedId,
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Order number.' }),
  }),
});
