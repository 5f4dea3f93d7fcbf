// Payloads of the catalog writes: the object after the change, re-read with the
// client's selection (nested selections stay one statement), and the inputs that
// name one object.
import { builder } from '../../../graphql/builder.js';

export function productPayload(name: string, description: string) {
  return builder.objectRef<{ productId: number }>(name).implement({
    description,
    fields: (t) => ({
      product: t.prismaField({
        type: 'Product',
        description: 'The product after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: p.productId } }),
      }),
    }),
  });
}

export function variationPayload(name: string, description: string) {
  return builder.objectRef<{ variationId: number }>(name).implement({
    description,
    fields: (t) => ({
      variation: t.prismaField({
        type: 'Variation',
        description: 'The variation after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.variation.findUniqueOrThrow({ ...query, where: { id: p.variationId } }),
      }),
    }),
  });
}

export function productCategoryPayload(name: string, description: string) {
  return builder.objectRef<{ productCategoryId: number }>(name).implement({
    description,
    fields: (t) => ({
      productCategory: t.prismaField({
        type: 'ProductCategory',
        description: 'The category after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.productCategory.findUniqueOrThrow({ ...query, where: { id: p.productCategoryId } }),
      }),
    }),
  });
}

export function supplierPayload(name: string, description: string) {
  return builder.objectRef<{ supplierId: number }>(name).implement({
    description,
    fields: (t) => ({
      supplier: t.prismaField({
        type: 'Supplier',
        description: 'The supplier after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.supplier.findUniqueOrThrow({ ...query, where: { id: p.supplierId } }),
      }),
    }),
  });
}

/** Input naming one product, for archive, unarchive and delete. */
export function productRefInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({ product: t.globalID({ required: true, description: 'Global id of the product.' }) }),
  });
}

/** Input naming one variation, for archive, unarchive and delete. */
export function variationRefInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({ variation: t.globalID({ required: true, description: 'Global id of the variation.' }) }),
  });
}
