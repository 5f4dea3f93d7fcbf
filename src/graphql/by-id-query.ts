// `thing(id: ID!)`: the one-object root query every node type has, scoped to the
// caller's tenant like node(id:), so another tenant's id gives null.
import type PrismaTypes from '../db/generated/pothos-types.js';
import { builder } from './builder.js';
import { compiledRead } from './compiled-reads/root-read.js';
import { decodeIdArg } from '../shared/global-ids.js';

type ModelName = keyof PrismaTypes & string;
type FindFirst = (args: { where: { id: number; tenantId: number } }) => Promise<unknown>;

export function byIdQuery(model: ModelName, options: { description: string; idDescription: string }) {
  const fieldName = model[0]!.toLowerCase() + model.slice(1);
  type IdArg = Parameters<typeof decodeIdArg>[0];
  const where = (args: { id: IdArg }, tenantId: number) => ({ id: decodeIdArg(args.id, model), tenantId });
  builder.queryField(fieldName, (t) =>
    t.prismaField({
      type: model as 'Order',
      nullable: true,
      description: options.description,
      args: { id: t.arg.globalID({ required: true, description: options.idDescription }) },
      extensions: compiledRead({ model, query: (args, ctx) => ({ where: where(args as { id: IdArg }, ctx.tenantId) }) }),
      resolve: (query, _root, args, ctx) => {
        const delegate = ctx.prisma[fieldName as 'order'] as unknown as { findFirst: FindFirst };
        return delegate.findFirst({ ...query, where: where(args, ctx.tenantId) }) as never;
      },
    }),
  );
}
