// API keys as the API shows them to owners: never the key itself (only once, at
// creation) nor its hash; a list, and the mutations to create and revoke keys.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { RoleEnum } from './types.js';
import { connectionOf } from '../../graphql/shared-connections.js';

export const ApiKeyRef = builder.prismaObject('ApiKey', {
  description: 'An API key of the tenant. The key itself is shown once, when it is created.',
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the key (use it with apiKeyRevoke).' }),
    name: t.exposeString('name', { description: 'Who or what the key is for.' }),
    role: t.expose('role', { type: RoleEnum, description: 'What the key may do.' }),
    prefix: t.exposeString('prefix', { description: 'First characters of the key, to recognise it.' }),
    trustedDocumentsOnly: t.exposeBoolean('trustedDocumentsOnly', { description: 'The key runs trusted documents only (by documentId); requests with their own query text are refused.' }),
    channel: t.exposeString('channel', { nullable: true, description: 'The sales channel the key is bound to (it reads and creates only its orders); null: the whole tenant.' }),
    warehouses: t.idList({
      description: 'The warehouses a WAREHOUSE key is bound to (global ids); empty: every warehouse.',
      select: { warehouseIds: true },
      resolve: (key) => key.warehouseIds.map((id) => encodeGlobalID('Warehouse', id)),
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'When it stops working, if ever.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When it was last used (to the minute).' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When it was revoked; revoked keys are refused.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaConnection({
    type: 'ApiKey',
    cursor: 'id',
    description: "The tenant's API keys, newest first (owners only).",
    args: { includeRevoked: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list revoked keys.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.apiKey.count({ where: { tenantId: ctx.tenantId, ...(args.includeRevoked ? {} : { revokedAt: null }) } }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.apiKey.findMany({
        ...query,
        where: { tenantId: ctx.tenantId, ...(args.includeRevoked ? {} : { revokedAt: null }) },
        orderBy: { id: 'desc' },
      }),
  }, connectionOf('ApiKey')),
);
