// apiKeyCreate: a new key for the caller's tenant, shown once in the payload.
import { builder } from '../../../graphql/builder.js';
import { createApiKey } from '../../api-keys.js';
import { RoleEnum } from '../types.js';
import { checkText, Problems } from '../../../shared/validation.js';

const ApiKeyCreateInput = builder.inputType('ApiKeyCreateInput', {
  description: 'A new API key of the tenant.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Who or what the key is for, e.g. "Partner Tokopedia sync".' }),
    role: t.field({ type: RoleEnum, required: true, description: 'What the key may do.' }),
    expiresAt: t.field({ type: 'DateTime', required: false, description: 'When it stops working; never when left out.' }),
  }),
});

const ApiKeyCreatePayload = builder.objectRef<{ id: number; key: string }>('ApiKeyCreatePayload').implement({
  description: 'The created key. `key` is shown only here: store it now, it cannot be read again.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The secret key, for `Authorization: Bearer <key>`.' }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      description: 'The key as listed in apiKeys.',
      resolve: (query, parent, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
  }),
});

builder.mutationField('apiKeyCreate', (t) =>
  t.field({
    type: ApiKeyCreatePayload,
    description: 'Creates an API key for this tenant (owners only). The key is returned once; only its hash is stored.',
    errors: {},
    args: { input: t.arg({ type: ApiKeyCreateInput, required: true, description: 'Name, role and optional expiry.' }) },
    resolve: async (_root, { input }, ctx) => {
      const problems = new Problems();
      const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) problems.add(['expiresAt'], 'must be in the future');
      problems.throwIfAny();
      const created = await createApiKey(ctx.prisma, { tenantId: ctx.tenantId, name: name!, role: input.role, expiresAt: input.expiresAt ?? null });
      ctx.log.info({ apiKeyId: created.id, role: input.role, by: ctx.viewer.actor }, 'API key created');
      return { id: created.id, key: created.key };
    },
  }),
);
