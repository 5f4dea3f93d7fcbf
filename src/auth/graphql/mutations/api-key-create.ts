// apiKeyCreate: a new key for the caller's tenant, shown once in the payload.
import { builder } from '../../../graphql/builder.js';
import { createApiKey } from '../../api-keys.js';
import { RoleEnum } from '../types.js';
import { checkText, Problems } from '../../../shared/validation.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { KeyBindingRequiredError } from '../../errors.js';
import { checkKeyBinding, InvalidBindingError } from '../../key-scope.js';

const ApiKeyCreateInput = builder.inputType('ApiKeyCreateInput', {
  description: 'A new API key of the tenant.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Who or what the key is for, e.g. "Partner Tokopedia sync".' }),
    role: t.field({ type: RoleEnum, required: true, description: 'What the key may do.' }),
    expiresAt: t.field({ type: 'DateTime', required: false, description: 'When it stops working; never when left out.' }),
    channel: t.string({
      required: false,
      description:
        'Binds the key to one sales channel (an order channel code, e.g. "shopee"): it reads and creates only that channel\'s orders and sees contact data only of customers who ordered on it. Required for PARTNER keys.',
    }),
    warehouses: t.globalIDList({
      required: false,
      description: "WAREHOUSE keys only: binds the key to these warehouses; it reads and changes only their stock. Left out: every warehouse.",
    }),
    trustedDocumentsOnly: t.boolean({
      required: false,
      description:
        'The key runs only trusted documents, sent by `documentId` (documents the operator pushed from reviewed client builds); a request with its own query text is refused with PERSISTED_QUERY_ONLY. Default false.',
    }),
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
    errors: { types: [KeyBindingRequiredError] },
    args: { input: t.arg({ type: ApiKeyCreateInput, required: true, description: 'Name, role, optional expiry, binding (channel, warehouses) and whether it runs trusted documents only.' }) },
    resolve: async (_root, { input }, ctx) => {
      const problems = new Problems();
      const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) problems.add(['expiresAt'], 'must be in the future');
      const warehouseIds = input.warehouses?.map((id) => decodeIdArg(id, 'Warehouse'));
      let binding: ReturnType<typeof checkKeyBinding> = {};
      try {
        binding = checkKeyBinding(input.role, { channel: input.channel, warehouseIds });
      } catch (error) {
        if (!(error instanceof InvalidBindingError)) throw error;
        problems.add([error.field === 'channel' ? 'channel' : 'warehouses'], error.message);
      }
      if (binding.warehouseIds) {
        const found = await ctx.prisma.warehouse.count({ where: { tenantId: ctx.tenantId, id: { in: binding.warehouseIds } } });
        if (found !== binding.warehouseIds.length) problems.add(['warehouses'], 'names a warehouse this tenant does not have');
      }
      problems.throwIfAny();
      const created = await createApiKey(ctx.prisma, { tenantId: ctx.tenantId, name: name!, role: input.role, expiresAt: input.expiresAt ?? null, trustedDocumentsOnly: input.trustedDocumentsOnly ?? false, ...binding });
      ctx.log.info({ apiKeyId: created.id, role: input.role, channel: binding.channel, by: ctx.viewer.actor }, 'API key created');
      return { id: created.id, key: created.key };
    },
  }),
);
