// The caller as the API sees it: `viewer` answers "who am I, for which tenant".
import { builder } from '../../graphql/builder.js';
import { Role } from '../../db/generated/prisma/enums.js';

export const RoleEnum = builder.enumType(Role, {
  name: 'Role',
  description: 'What an API key may do.',
  values: {
    OWNER: { description: 'Everything, including API keys.' },
    ADMIN: { description: 'Everything but API keys.' },
    STAFF: { description: 'Day-to-day order, customer and catalog work.' },
    WAREHOUSE: { description: 'Stock and fulfilment: allocate, pack, ship.' },
    PARTNER: { description: 'An integration partner, bound to one sales channel: that channel\'s orders (read and create) and reads of the catalogue.' },
    VIEWER: { description: 'Read only.' },
  } satisfies Record<Role, { description: string }>,
});

const Tenant = builder.prismaObject('Tenant', {
  description: 'A shop or organisation; every object belongs to exactly one.',
  select: { id: true },
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'Numeric id of the tenant; the X-Tenant-Id header accepts it or the slug.' }),
    slug: t.exposeString('slug', { description: 'Short unique name; the X-Tenant-Id header accepts it or the numeric id.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    currency: t.exposeString('currency', { description: 'Default currency (ISO 4217), e.g. IDR.' }),
    logoUrl: t.exposeString('logoUrl', { nullable: true, description: "https address of the shop's logo; null when none is set." }),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone the shop counts days in (reports), e.g. "Asia/Jakarta".' }),
    cancellationRequestDeadlineMinutes: t.exposeInt('cancellationRequestDeadlineMinutes', {
      description: 'How long a new cancellation request waits for a decision, in minutes (changed with cancellationRequestSettingsUpdate).',
    }),
  }),
});

const Viewer = builder.simpleObject('Viewer', {
  description: 'The caller: the API key in use and its tenant.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, description: 'Role of the API key.' }),
    apiKeyId: t.int({ description: 'Database id of the API key.' }),
    channel: t.string({ nullable: true, description: 'The sales channel the key is bound to; null when it reads the whole tenant.' }),
  }),
});

builder.objectField(Viewer, 'tenant', (t) =>
  t.prismaField({
    type: Tenant,
    description: 'The tenant whose data this key reads and writes.',
    resolve: (query, _viewer, _args, ctx) => ctx.prisma.tenant.findUniqueOrThrow({ ...query, where: { id: ctx.tenantId } }),
  }),
);

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description: 'Who is calling.',
    resolve: (_root, _args, ctx) => ({ role: ctx.viewer.role, apiKeyId: ctx.viewer.apiKeyId, channel: ctx.viewer.scope?.channel ?? null }),
  }),
);
