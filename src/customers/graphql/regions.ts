// Administrative regions (seed 002 regions, seed 003 locations): province > city >
// district > sub-district. Clients nest `parent` for a full name.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { Context } from '../../graphql/context.js';
import { RegionLevel } from '../../db/generated/prisma/enums.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { containsText, searchTerm } from '../../shared/text-search.js';

export const RegionLevelEnum = builder.enumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of an administrative region.',
  values: {
    PROVINCE: { description: 'Province (provinsi).' },
    CITY: { description: 'City or regency (kota / kabupaten).' },
    DISTRICT: { description: 'District (kecamatan).' },
    SUBDISTRICT: { description: 'Sub-district or village (kelurahan / desa).' },
  },
});

builder.prismaNode('Region', {
  description: 'An administrative region; addresses point at the lowest level known.',
  ...tenantNode,
  fields: (t) => ({
    level: t.expose('level', { type: RegionLevelEnum, description: 'Its level in the tree.' }),
    code: t.exposeString('code', { description: 'Administrative code, e.g. "32.06.30.2001".' }),
    name: t.exposeString('name', { description: 'Name, e.g. "Tajinan".' }),
    parent: t.relation('parent', { nullable: true, description: 'The region it lies in; null for a province.' }),
    children: t.relation('children', {
      description: 'Regions directly inside it, A to Z.',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
    postalCodes: t.exposeStringList('postalCodes', { description: 'Postal codes in use in it.' }),
    isoCode: t.exposeString('isoCode', { nullable: true, description: 'ISO 3166-2 code of a province, e.g. "ID-JB"; null below provinces.' }),
  }),
});

const RegionFilter = builder.inputType('RegionFilter', {
  description: 'Narrows the region list; conditions combine with AND.',
  fields: (t) => ({
    level: t.field({ type: RegionLevelEnum, required: false, description: 'Only regions of this level.' }),
    parent: t.globalID({ required: false, description: 'Only regions directly inside this one.' }),
    search: t.string({ required: false, description: 'Words in the name (case-insensitive), or a postal code or region code.' }),
    isoCode: t.string({ required: false, description: 'Only the province with this ISO 3166-2 code, e.g. "ID-JB" (case-insensitive).' }),
  }),
});

function regionWhere(ctx: Context, filter: typeof RegionFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.level ? { level: filter.level } : {}),
    ...(filter?.parent ? { parentId: decodeIdArg(filter.parent, 'Region') } : {}),
    ...(filter?.isoCode ? { isoCode: filter.isoCode.trim().toUpperCase().slice(0, 20) } : {}),
    ...(search
      ? { OR: [{ name: containsText(search) }, { code: search }, { postalCodes: { has: search } }] }
      : {}),
  };
}

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const regionList = (args: { filter?: Parameters<typeof regionWhere>[1] }, ctx: Context) => ({ where: regionWhere(ctx, args.filter), orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }] });

builder.queryFields((t) => ({
  regions: t.prismaConnection({
    type: 'Region',
    cursor: 'id',
    description: 'Regions, A to Z, e.g. to pick the region of an address.',
    args: { filter: t.arg({ type: RegionFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('Region', regionList),
    totalCount: (_parent, args, ctx) => ctx.prisma.region.count({ where: regionList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.region.findMany({ ...query, ...regionList(args, ctx) }),
  }, connectionOf('Region')),
}));

byIdQuery('Region', {
  description: 'One region by global id.',
  idDescription: 'Global id of the region.',
});
