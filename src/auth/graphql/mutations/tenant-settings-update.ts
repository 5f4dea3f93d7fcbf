// tenantSettingsUpdate: the shop's name, logo, default currency and time zone (OWNER only).
import { builder } from '../../../graphql/builder.js';
import { updateTenantSettings } from '../../tenant-settings-service.js';

const TenantSettingsUpdateInput = builder.inputType('TenantSettingsUpdateInput', {
  description: "Changes to the shop's own details; fields left out stay as they are.",
  fields: (t) => ({
    name: t.string({ required: false, description: 'Display name, at most 100 characters.' }),
    logoUrl: t.string({ required: false, description: 'https address of the logo, at most 500 characters; an empty string removes it.' }),
    currency: t.string({ required: false, description: 'Default currency, an ISO 4217 code of three letters, e.g. "IDR" (upper-cased).' }),
    timeZone: t.string({ required: false, description: 'IANA time zone name the shop counts days in, e.g. "Asia/Jakarta", "Asia/Makassar", "UTC".' }),
  }),
});

const TenantSettingsUpdatePayload = builder.objectRef<{ tenantId: number }>('TenantSettingsUpdatePayload').implement({
  description: 'The shop after the change.',
  fields: (t) => ({
    tenant: t.prismaField({
      type: 'Tenant',
      description: 'The tenant, re-read.',
      resolve: (query, p, _args, ctx) => ctx.prisma.tenant.findUniqueOrThrow({ ...query, where: { id: p.tenantId } }),
    }),
  }),
});

builder.mutationField('tenantSettingsUpdate', (t) =>
  t.field({
    type: TenantSettingsUpdatePayload,
    description:
      "Changes the shop's name, logo, default currency or time zone (OWNER only); a ValidationError lists every problem and changes nothing. The cancellation request deadline is set with cancellationRequestSettingsUpdate.",
    errors: { types: [] },
    args: { input: t.arg({ type: TenantSettingsUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => updateTenantSettings(ctx, input),
  }),
);
