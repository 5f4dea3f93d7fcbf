// Exports: the job node, its enums, the list and one-by-id queries.
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { Context } from '../../graphql/context.js';
import { ExportFormat, ExportKind, ExportStatus } from '../../db/generated/prisma/enums.js';
import { exportLink } from '../export-link.js';
import { failAbandonedExports } from '../export-service.js';
import { ExportQueueFullError } from '../errors.js';
import { errorType } from '../../graphql/errors.js';

export const ExportKindEnum = builder.enumType(ExportKind, {
  name: 'ExportKind',
  description: 'What an export writes, one row each.',
  values: {
    ORDERS: { description: 'Orders with their totals (the order filter applies).' },
    ORDER_LINES: { description: 'Order lines with their order code (the order filter applies to their orders).' },
    PRODUCTS: { description: 'Variations (SKUs) with their product, prices and weight.' },
    CUSTOMERS: { description: 'Customers with their contact data and category.' },
    STOCK_LEVELS: { description: 'Stock per variation and warehouse: on hand, reserved, available, in transit.' },
    STOCK_MOVEMENTS: { description: 'The stock ledger: every movement in and out, with the balance after it.' },
  } satisfies Record<ExportKind, { description: string }>,
});

export const ExportFormatEnum = builder.enumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'The file format of an export.',
  values: {
    CSV: { description: 'Comma-separated values, UTF-8, a header row, CRLF line ends, RFC 4180 quoting.' },
    XLSX: { description: 'An Excel workbook with one sheet, a header row, money and dates as typed cells.' },
    JSONL: { description: 'One JSON object per line; money as exact decimal strings, dates as ISO 8601.' },
  } satisfies Record<ExportFormat, { description: string }>,
});

export const ExportStatusEnum = builder.enumType(ExportStatus, {
  name: 'ExportStatus',
  description: 'Where an export job stands.',
  values: {
    QUEUED: { description: 'Waiting for the runner.' },
    RUNNING: { description: 'Rows are being written; see rowsDone and rowsTotal.' },
    DONE: { description: 'The file is ready at `url` until `expiresAt`.' },
    FAILED: { description: 'Stopped without a file; `error` says why. Create the export again.' },
  } satisfies Record<ExportStatus, { description: string }>,
});

export const Export = builder.prismaNode('Export', {
  description: 'A bulk export job: rows streamed into a CSV, XLSX or JSONL file, fetched through a signed link when done.',
  ...tenantNode,
  fields: (t) => ({
    kind: t.expose('kind', { type: ExportKindEnum, description: 'What it exports.' }),
    format: t.expose('format', { type: ExportFormatEnum, description: 'The file format.' }),
    status: t.expose('status', { type: ExportStatusEnum, description: 'Queued, running, done or failed.' }),
    rowsDone: t.exposeInt('rowsDone', { description: 'Rows written so far.' }),
    rowsTotal: t.exposeInt('rowsTotal', { nullable: true, description: 'Rows to write, counted when the job started (null while queued); once done, the rows written.' }),
    progress: t.float({
      nullable: true,
      description: 'rowsDone / rowsTotal between 0 and 1 (1 when done; null while queued).',
      select: { status: true, rowsDone: true, rowsTotal: true },
      resolve: (e) => (e.status === 'DONE' ? 1 : e.rowsTotal == null ? null : e.rowsTotal === 0 ? 0 : Math.min(1, e.rowsDone / e.rowsTotal)),
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed.' }),
    includesCosts: t.exposeBoolean('includeCosts', { description: 'Whether purchase prices and internal notes are columns (the requester could read costs).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: 'When it finished or failed.' }),
    byteSize: t.exposeInt('byteSize', { nullable: true, description: 'Size of the file in bytes, once done.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'When the file and its link are deleted.' }),
    url: t.string({
      nullable: true,
      description:
        'Download link (path and query; prefix the API origin), signed and valid until `expiresAt`, fetched without an Authorization header. Null unless done and not expired.',
      select: { id: true, tenantId: true, status: true, fileName: true, expiresAt: true },
      resolve: (e, _args, ctx) =>
        e.status === 'DONE' && e.fileName && e.expiresAt && e.expiresAt.getTime() > Date.now()
          ? exportLink(ctx.services.exports.settings.urlSecret, { tenantId: e.tenantId, exportId: e.id, expires: Math.floor(e.expiresAt.getTime() / 1000) }, e.fileName)
          : null,
    }),
  }),
});

const exportsWhere = (ctx: Context, args: { status?: ExportStatus | null; kind?: ExportKind | null }) => ({
  tenantId: ctx.tenantId,
  ...(args.status ? { status: args.status } : {}),
  ...(args.kind ? { kind: args.kind } : {}),
});

/** Jobs of a stopped process are failed before anyone reads them as still running. */
const settle = (ctx: Context) => failAbandonedExports(ctx.prisma, ctx.tenantId, ctx.services.exports.runnerId);

builder.queryFields((t) => ({
  exports: t.prismaConnection(
    {
      type: 'Export',
      cursor: 'id',
      description: "The tenant's exports, latest first.",
      args: {
        status: t.arg({ type: ExportStatusEnum, required: false, description: 'Only exports in this status.' }),
        kind: t.arg({ type: ExportKindEnum, required: false, description: 'Only exports of this kind.' }),
      },
      totalCount: (_root, args, ctx) => ctx.prisma.export.count({ where: exportsWhere(ctx, args) }),
      resolve: async (query, _root, args, ctx) => {
        await settle(ctx);
        return ctx.prisma.export.findMany({ ...query, where: exportsWhere(ctx, args), orderBy: { id: 'desc' } });
      },
    },
    connectionOf('Export'),
  ),
  export: t.prismaField({
    type: 'Export',
    nullable: true,
    description: 'One export by global id (null for another tenant\'s).',
    args: { id: t.arg.globalID({ required: true, description: 'Global id of the export.' }) },
    resolve: async (query, _root, args, ctx) => {
      await settle(ctx);
      return ctx.prisma.export.findFirst({ ...query, where: { id: decodeIdArg(args.id, 'Export'), tenantId: ctx.tenantId } });
    },
  }),
}));

errorType(ExportQueueFullError, {
  description: 'Too many exports are waiting on this server; try again once some have finished.',
  fields: (t) => ({ waiting: t.exposeInt('waiting', { description: 'Exports waiting now.' }) }),
});
