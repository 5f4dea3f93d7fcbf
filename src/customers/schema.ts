// STUB (to be replaced by the customers read API).
import { builder } from '../graphql/builder.js';
import { tenantScopedId } from '../graphql/ids.js';

builder.prismaNode('Region', {
  description: 'An administrative region.',
  id: { field: 'id' },
  findUnique: tenantScopedId,
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name.' }),
  }),
});
