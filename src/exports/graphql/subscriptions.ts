// Live export progress: rows written of rows to write, until DONE or FAILED.
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { ExportProgress } from '../../events/topics.js';
import { liveEvents } from '../../events/live-stream.js';
import { ExportStatusEnum } from './types.js';

const ExportProgressEvent = builder.objectRef<ExportProgress>('ExportProgressEvent').implement({
  description: 'An export wrote another page of rows, or finished.',
  fields: (t) => ({
    status: t.field({ type: ExportStatusEnum, description: 'Its status now.', resolve: (e) => e.status }),
    rowsDone: t.exposeInt('rowsDone', { description: 'Rows written so far.' }),
    rowsTotal: t.exposeInt('rowsTotal', { nullable: true, description: 'Rows to write.' }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (e) => e.at }),
    export: t.prismaField({
      type: 'Export',
      description: 'The export, with the fields you select (its url once DONE).',
      resolve: (query, e, _args, ctx) => ctx.prisma.export.findUniqueOrThrow({ ...query, where: { id: e.exportId, tenantId: ctx.tenantId } }),
    }),
  }),
});

builder.subscriptionField('exportProgress', (t) =>
  t.field({
    type: ExportProgressEvent,
    description: "Progress of one export (or of every export of the tenant): an event after each page of rows and one when it is DONE or FAILED.",
    args: { id: t.arg.globalID({ required: false, description: 'Only this export.' }) },
    subscribe: (_root, args, ctx) => {
      const exportId = args.id ? decodeIdArg(args.id, 'Export') : undefined;
      return liveEvents(ctx, 'exportProgress', (e) => exportId === undefined || e.exportId === exportId);
    },
    resolve: (event) => event,
  }),
);
