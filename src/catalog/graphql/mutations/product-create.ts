// productCreate: seed 002 POST /product, the product with its variations in one call.
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { WarehouseInactiveError } from '../../../inventory/errors.js';
import { MAX_INITIAL_STOCK, MAX_STOCK_QUANTITY } from '../../../inventory/stock-service.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateSkuError } from '../../errors.js';
import { createProduct } from '../../product-service.js';
import { MAX_PREORDER, MAX_PRODUCT_IMAGES, MAX_VARIATIONS } from '../../product-rules.js';
import { PreorderUnitEnum, StockTypeEnum } from '../types.js';
import { productPayload } from './catalog-payloads.js';
import { SKU_DESCRIPTION, variationInputFields } from './variation-fields.js';

const InitialStockInput = builder.inputType('InitialStockInput', {
  description: "A new variation's first stock in one warehouse.",
  fields: (t) => ({
    warehouse: t.globalID({ required: true, description: 'Global id of an active warehouse of the shop.' }),
    onHand: t.int({ required: true, description: `Units on hand, 0 to ${MAX_STOCK_QUANTITY}.` }),
  }),
});

export const ProductCreateVariationInput = builder.inputType('ProductCreateVariationInput', {
  description: 'A variation (SKU) of a new product. Category and wholesale prices are set with variationPricesSet; later stock changes with stockAdjust.',
  fields: (t) => ({
    sku: t.string({ required: true, description: SKU_DESCRIPTION }),
    price: t.field({ type: 'Decimal', required: true, description: 'Base selling price, at least 0, 2 decimal places at most.' }),
    initialStock: t.field({
      type: [InitialStockInput],
      required: false,
      description: `Its stock per warehouse to start with (OWN products only; each warehouse once, at most ${MAX_INITIAL_STOCK}): an ADJUSTMENT movement "Initial stock" each.`,
    }),
    ...variationInputFields(t),
  }),
});

export const ProductCreateInput = builder.inputType('ProductCreateInput', {
  description: 'A new product with its variations.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Product name, at most 200 characters.' }),
    description: t.string({ required: false, description: 'Long description, at most 10000 characters.' }),
    stockType: t.field({
      type: StockTypeEnum,
      required: false,
      description: 'Where its stock comes from; default OWN.',
    }),
    category: t.globalID({ required: false, description: 'Global id of the product category.' }),
    supplier: t.globalID({ required: false, description: 'Global id of the supplier, e.g. for SUPPLIER products.' }),
    weightGrams: t.int({ required: false, description: 'Default weight of a variation in grams, 0 to 1000000; default 0.' }),
    images: t.stringList({ required: false, description: `Image URLs of the product, http(s), at most ${MAX_PRODUCT_IMAGES}.` }),
    isActive: t.boolean({ required: false, description: 'Published on storefronts and to partners; default true.' }),
    isFeatured: t.boolean({ required: false, description: 'Highlighted on storefronts; default false.' }),
    showStock: t.boolean({ required: false, description: 'Whether storefronts may show stock figures; default true.' }),
    preorderUnit: t.field({
      type: PreorderUnitEnum,
      required: false,
      description: 'Unit of the preorder time; required for PREORDER products, refused for others.',
    }),
    preorderLength: t.int({
      required: false,
      description: `Preorder time in \`preorderUnit\`s: 1 to ${MAX_PREORDER.DAY} days or ${MAX_PREORDER.WEEK} weeks; required for PREORDER products.`,
    }),
    variations: t.field({
      type: [ProductCreateVariationInput],
      required: true,
      description: `Its variations, 1 to ${MAX_VARIATIONS}, each with a SKU unique in the shop.`,
    }),
  }),
});

const ProductCreatePayload = productPayload('ProductCreatePayload', 'The product created, with its variations in input order.');

builder.mutationField('productCreate', (t) =>
  t.field({
    type: ProductCreatePayload,
    description:
      'Creates a product with its variations in one transaction. Every problem of the input is reported at once (ValidationError); ' +
      'a SKU already used in the shop, or given twice, is refused with DuplicateSkuError. Variations may start with stock in active warehouses (initialStock).',
    errors: { types: [DuplicateSkuError, WarehouseInactiveError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ProductCreateInput, required: true, description: 'The product and its variations.' }) },
    resolve: (_root, { input }, ctx) =>
      createProduct(ctx, {
        ...input,
        categoryId: input.category ? decodeIdArg(input.category, 'ProductCategory') : null,
        supplierId: input.supplier ? decodeIdArg(input.supplier, 'Supplier') : null,
        variations: input.variations.map(({ initialStock, ...v }) => ({
          ...v,
          initialStock: initialStock?.map((e) => ({ warehouseId: decodeIdArg(e.warehouse, 'Warehouse'), onHand: e.onHand })),
        })),
      }),
  }),
);
