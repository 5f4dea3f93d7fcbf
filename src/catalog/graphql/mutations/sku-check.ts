// skuCheck: seed 002 POST /product/sku/validation. A query: it reads only.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { checkSkuAvailable, type SkuCheck } from '../../sku-service.js';

const SkuCheckResult = builder.objectRef<SkuCheck>('SkuCheck').implement({
  description: 'Whether a SKU may be used.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The SKU as it would be stored (trimmed).' }),
    valid: t.boolean({ description: 'Whether it follows the SKU rules (characters, length).', resolve: (c) => c.problems.length === 0 }),
    problems: t.exposeStringList('problems', { description: 'What is wrong with its form; empty when valid.' }),
    available: t.boolean({
      description: 'Whether it is valid and no other variation of the shop has it.',
      resolve: (c) => c.problems.length === 0 && c.existingVariationId === null,
    }),
    existingVariation: t.prismaField({
      type: 'Variation',
      nullable: true,
      description: 'The other variation that has the SKU, if any.',
      resolve: (query, c, _args, ctx) =>
        c.existingVariationId === null ? null : ctx.prisma.variation.findUnique({ ...query, where: { id: c.existingVariationId } }),
    }),
  }),
});

builder.queryFields((t) => ({
  skuCheck: t.field({
    type: SkuCheckResult,
    description: 'Checks that a SKU is valid and free in the shop.',
    args: {
      sku: t.arg.string({ required: true, description: 'The SKU to check.' }),
      variation: t.arg.globalID({ required: false, description: "The variation that would carry it: its own SKU counts as free." }),
    },
    resolve: (_root, args, ctx) => checkSkuAvailable(ctx, args.sku, args.variation ? decodeIdArg(args.variation, 'Variation') : null),
  }),
}));
