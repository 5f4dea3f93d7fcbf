// STUB (to be replaced by the catalog read API).
import { builder } from '../graphql/builder.js';
import { tenantScopedId } from '../graphql/ids.js';

builder.prismaNode('Variation', {
  description: 'A sellable SKU of a product.',
  id: { field: 'id' },
  findUnique: tenantScopedId,
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'Stock keeping unit, unique per tenant.' }),
  }),
});
