// GraphQL shapes of the catalog write errors (src/catalog/errors.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import {
  DuplicateProductCategoryNameError,
  DuplicateSkuError,
  LastVariationError,
  ProductCategoryInUseError,
  SupplierInUseError,
  VariationHasStockError,
  VariationInOrderHistoryError,
  VariationInUseError,
} from '../errors.js';

errorType(DuplicateSkuError, {
  description: 'The SKU is already used by another variation of the shop, or given twice in the input. SKUs are unique per shop. Nothing was written.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The SKU that is taken.' }),
    path: t.exposeStringList('path', { description: 'Path of the SKU in the input, e.g. ["variations", "1", "sku"].' }),
    existingVariationId: t.id({
      nullable: true,
      description: 'Global id of the variation holding the SKU; null when the SKU is repeated inside the input or a concurrent write took it.',
      resolve: (e) => (e.existingVariationId == null ? null : encodeGlobalID('Variation', e.existingVariationId)),
    }),
  }),
});

errorType(VariationInUseError, {
  description: 'Orders that are not completed, cancelled or returned reference the variation, so it cannot be deleted. Nothing was written.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    sku: t.exposeString('sku', { description: 'Its SKU.' }),
    openOrderCount: t.exposeInt('openOrderCount', { description: 'Open orders with a line of this variation.' }),
  }),
});

errorType(VariationInOrderHistoryError, {
  description: 'Finished orders name the variation: deleting it would break their history. Archive it instead. Nothing was written.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    sku: t.exposeString('sku', { description: 'Its SKU.' }),
    orderCount: t.exposeInt('orderCount', { description: 'Completed, cancelled or returned orders with a line of this variation.' }),
  }),
});

errorType(VariationHasStockError, {
  description: 'The variation has units on hand or reserved in a warehouse; take the stock out (stockAdjust) or archive it instead. Nothing was written.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    sku: t.exposeString('sku', { description: 'Its SKU.' }),
    onHand: t.exposeInt('onHand', { description: 'Units on hand over all warehouses.' }),
    reserved: t.exposeInt('reserved', { description: 'Units reserved over all warehouses.' }),
  }),
});

errorType(LastVariationError, {
  description: 'A product keeps at least one variation: delete or archive the product instead. Nothing was written.',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    productId: t.id({ resolve: (e) => encodeGlobalID('Product', e.productId), description: 'Global id of its product.' }),
  }),
});

errorType(DuplicateProductCategoryNameError, {
  description: 'Another product category of the shop has this name; names are unique per shop. Nothing was written.',
  fields: (t) => ({
    name: t.exposeString('categoryName', { description: 'The name that is taken.' }),
    existingProductCategoryId: t.id({
      nullable: true,
      description: 'Global id of the category with the name; null when a concurrent write took it.',
      resolve: (e) => (e.existingProductCategoryId == null ? null : encodeGlobalID('ProductCategory', e.existingProductCategoryId)),
    }),
  }),
});

errorType(ProductCategoryInUseError, {
  description: 'Products (archived ones too) or sub-categories are filed under the category; move them first. Nothing was written.',
  fields: (t) => ({
    productCategoryId: t.id({ resolve: (e) => encodeGlobalID('ProductCategory', e.productCategoryId), description: 'Global id of the category.' }),
    productCount: t.exposeInt('productCount', { description: 'Products filed directly under it, archived ones included.' }),
    childCount: t.exposeInt('childCount', { description: 'Categories directly under it.' }),
  }),
});

errorType(SupplierInUseError, {
  description: 'Products (archived ones too) name the supplier; give them another supplier first. Nothing was written.',
  fields: (t) => ({
    supplierId: t.id({ resolve: (e) => encodeGlobalID('Supplier', e.supplierId), description: 'Global id of the supplier.' }),
    productCount: t.exposeInt('productCount', { description: 'Products that name it, archived ones included.' }),
  }),
});
