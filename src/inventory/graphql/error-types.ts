// GraphQL shapes of the inventory write errors (InsufficientStockError is in schema.ts, with the read side).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import {
  DuplicateWarehouseCodeError,
  StockCountConflictError,
  StockNotTrackedError,
  WarehouseInactiveError,
  WarehouseInUseError,
} from '../errors.js';

errorType(DuplicateWarehouseCodeError, {
  description: 'Another warehouse of the shop already has this code; codes are unique per shop.',
  fields: (t) => ({
    warehouseCode: t.exposeString('warehouseCode', { description: 'The code that is taken.' }),
    existingWarehouseId: t.id({
      nullable: true,
      description: 'Global id of the warehouse that has the code (null when a concurrent request took it).',
      resolve: (e) => (e.existingWarehouseId == null ? null : encodeGlobalID('Warehouse', e.existingWarehouseId)),
    }),
  }),
});

errorType(WarehouseInUseError, {
  description: 'The warehouse holds stock or order allocations and cannot be deleted; deactivate it instead.',
  fields: (t) => ({
    warehouseId: t.id({ resolve: (e) => encodeGlobalID('Warehouse', e.warehouseId), description: 'Global id of the warehouse.' }),
    onHand: t.exposeInt('onHand', { description: 'Units on hand in the warehouse, over all variations.' }),
    openAllocations: t.exposeInt('openAllocations', {
      description: 'Allocations of orders that are not completed, cancelled or returned.',
    }),
    closedAllocations: t.exposeInt('closedAllocations', {
      description: 'Allocations of finished orders; their history names the warehouse, so it is kept.',
    }),
  }),
});

errorType(WarehouseInactiveError, {
  description: 'The warehouse is inactive and takes no stock in (taking stock out is still allowed).',
  fields: (t) => ({
    warehouseId: t.id({ resolve: (e) => encodeGlobalID('Warehouse', e.warehouseId), description: 'Global id of the warehouse.' }),
  }),
});

errorType(StockNotTrackedError, {
  description: 'The variation belongs to a SUPPLIER or PREORDER product; only OWN stock is counted per warehouse.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    stockType: t.exposeString('stockType', { description: 'The product stock type: SUPPLIER or PREORDER.' }),
  }),
});

errorType(StockCountConflictError, {
  description: 'stockSet was refused: the on-hand figure changed since the count started (compare-and-set). Nothing was written.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    warehouseId: t.id({ resolve: (e) => encodeGlobalID('Warehouse', e.warehouseId), description: 'Global id of the warehouse.' }),
    expected: t.exposeInt('expected', { description: 'The on-hand figure the request expected.' }),
    actual: t.exposeInt('actual', { description: 'The on-hand figure found.' }),
  }),
});
