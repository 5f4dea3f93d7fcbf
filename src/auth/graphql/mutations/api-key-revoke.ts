// apiKeyRevoke: the key is refused from now on, on every instance: this one forgets
// it at once and the bus tells the others (their caches would keep it otherwise).
import { builder } from '../../../graphql/builder.js';
import { transaction } from '../../../db/transaction.js';
import { NotFoundError } from '../../../shared/errors.js';
import { parseIntId } from '../../../shared/global-ids.js';

const ApiKeyRevokePayload = builder.objectRef<{ id: number }>('ApiKeyRevokePayload').implement({
  description: 'The revoked key.',
  fields: (t) => ({
    apiKey: t.prismaField({
      type: 'ApiKey',
      description: 'The key, with revokedAt set.',
      resolve: (query, parent, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
  }),
});

builder.mutationField('apiKeyRevoke', (t) =>
  t.field({
    type: ApiKeyRevokePayload,
    description: 'Revokes an API key of this tenant (owners only): it is refused from the next request on, on every instance.',
    errors: {},
    args: { id: t.arg.id({ required: true, description: 'Database id of the key (ApiKey.id).' }) },
    resolve: async (_root, args, ctx) => {
      const id = parseIntId(String(args.id), 'ApiKey');
      await transaction(ctx, async (scope) => {
        const revoked = await scope.tx.apiKey.updateMany({ where: { id, tenantId: ctx.tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
        if (revoked.count === 0) {
          const exists = await scope.tx.apiKey.findFirst({ where: { id, tenantId: ctx.tenantId }, select: { id: true } });
          if (!exists) throw new NotFoundError('ApiKey', String(args.id));
          return; // already revoked: nothing to do
        }
        scope.publish('apiKeyRevoked', { tenantId: ctx.tenantId, apiKeyId: id, at: new Date().toISOString() });
      });
      ctx.log.info({ apiKeyId: id, by: ctx.viewer.actor }, 'API key revoked');
      return { id };
    },
  }),
);
