// exportCreate: queues a bulk export; poll `export(id)` or subscribe to exportProgress until it is DONE.
import { builder } from '../../../graphql/builder.js';
import { OrderFilter } from '../../../orders/graphql/order-filter-input.js';
import { createExport } from '../../export-service.js';
import { ExportQueueFullError } from '../../errors.js';
import { exportDeps } from '../export-deps.js';
import { ExportFormatEnum, ExportKindEnum } from '../types.js';

const ExportCreateInput = builder.inputType('ExportCreateInput', {
  description: 'A new export.',
  fields: (t) => ({
    kind: t.field({ type: ExportKindEnum, required: true, description: 'What to export.' }),
    format: t.field({ type: ExportFormatEnum, required: true, description: 'The file format.' }),
    filter: t.field({
      type: OrderFilter,
      required: false,
      description: 'For ORDERS and ORDER_LINES: the orders to export, as in `orders(filter:)`. Other kinds export everything the key may read.',
    }),
  }),
});

const ExportCreatePayload = builder.objectRef<{ exportId: number }>('ExportCreatePayload').implement({
  description: 'The export queued.',
  fields: (t) => ({
    export: t.prismaField({
      type: 'Export',
      description: 'The job; its status moves from QUEUED to DONE (or FAILED).',
      resolve: (query, p, _args, ctx) => ctx.prisma.export.findUniqueOrThrow({ ...query, where: { id: p.exportId } }),
    }),
  }),
});

builder.mutationField('exportCreate', (t) =>
  t.field({
    type: ExportCreatePayload,
    description:
      'Starts a bulk export in the background: rows are streamed from the database into a file. A key bound to a channel or warehouses exports only what it reads; purchase prices and internal notes only with the costs permission.',
    errors: { types: [ExportQueueFullError] },
    args: { input: t.arg({ type: ExportCreateInput, required: true, description: 'The export.' }) },
    resolve: async (_root, { input }, ctx) => {
      const job = await createExport(exportDeps(ctx), { kind: input.kind, format: input.format, filter: input.filter });
      return { exportId: job.id };
    },
  }),
);
