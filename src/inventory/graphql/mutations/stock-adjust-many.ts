// stockAdjustMany: seed 002 update-stock with several warehouse lines (and the batch of seed 003), each line on its own.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { STOCK_ADJUST_ERRORS, StockAdjustPayload } from './stock-adjust.js';
import { adjustStockMany, MAX_ADJUST_LINES, type StockAdjustLineResult } from '../../stock-service.js';

const StockAdjustManyLine = builder.inputType('StockAdjustManyLine', {
  description: 'One adjustment of a batch.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation (of an OWN stock product).' }),
    warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }),
    quantity: t.int({ required: true, description: 'Units: positive adds, negative subtracts; not zero.' }),
    reason: t.string({ required: false, description: 'Reason of this line; default the batch reason.' }),
  }),
});

export const StockAdjustManyInput = builder.inputType('StockAdjustManyInput', {
  description: `Several adjustments, at most ${MAX_ADJUST_LINES} lines.`,
  fields: (t) => ({
    lines: t.field({ type: [StockAdjustManyLine], required: true, description: 'The adjustments, applied in order.' }),
    reason: t.string({ required: true, description: 'Reason for every line that has none.' }),
  }),
});

const StockAdjustLineResultRef = builder.objectRef<StockAdjustLineResult>('StockAdjustLineResult').implement({
  description: 'What happened to one line: applied, or refused with a typed error (then nothing of it was written).',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the line in the input, from 0.' }),
    ok: t.boolean({ description: 'Whether the line was applied.', resolve: (r) => !r.error }),
    outcome: t.field({
      type: StockAdjustPayload,
      description: 'The stock and ADJUSTMENT entry of the line, or why it was refused (ValidationError paths start with "lines", index).',
      errors: { types: STOCK_ADJUST_ERRORS, union: { name: 'StockAdjustLineOutcome', description: 'A line applied, or the typed error that refused it.' } },
      resolve: (r) => {
        // Thrown, so the errors plugin turns it into the typed member of the union, as for stockAdjust.
        if (r.error) throw r.error;
        return r.changed;
      },
    }),
  }),
});

const StockAdjustManyPayload = builder.simpleObject('StockAdjustManyPayload', {
  description: 'One result per line, in input order.',
  fields: (t) => ({
    results: t.field({ type: [StockAdjustLineResultRef], description: 'The result of each line.' }),
    appliedCount: t.int({ description: 'Lines applied.' }),
    refusedCount: t.int({ description: 'Lines refused.' }),
  }),
});

builder.mutationField('stockAdjustMany', (t) =>
  t.field({
    type: StockAdjustManyPayload,
    description:
      'Applies several stock adjustments, each line on its own transaction: a refused line is reported in its result and writes nothing, ' +
      'the other lines still apply. Same rules as stockAdjust.',
    errors: { types: [] },
    args: { input: t.arg({ type: StockAdjustManyInput, required: true, description: 'The lines.' }) },
    resolve: async (_root, { input }, ctx) => {
      const results = await adjustStockMany(
        ctx,
        input.lines.map((line) => ({
          variationId: decodeIdArg(line.variation, 'Variation'),
          warehouseId: decodeIdArg(line.warehouse, 'Warehouse'),
          quantity: line.quantity,
          reason: line.reason ?? input.reason,
        })),
      );
      const refusedCount = results.filter((r) => r.error).length;
      return { results, appliedCount: results.length - refusedCount, refusedCount };
    },
  }),
);
