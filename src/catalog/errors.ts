// Expected failures of catalog writes (products, variations, categories, suppliers).
import { DomainError } from '../shared/errors.js';

/** The SKU is taken by another variation of the tenant, or given twice in one input. */
export class DuplicateSkuError extends DomainError {
  readonly code = 'DUPLICATE_SKU';
  constructor(
    readonly sku: string,
    /** Input path of the offending SKU, e.g. ["variations", "1", "sku"]. */
    readonly path: string[],
    /** The variation holding the SKU; null when the clash is inside the input or a concurrent write won. */
    readonly existingVariationId: number | null,
  ) {
    super(
      existingVariationId === null
        ? `SKU "${sku}" is already used${path.length ? ` (${path.join('.')})` : ''}`
        : `SKU "${sku}" is already used by variation ${existingVariationId}`,
    );
  }
}

/** An order that is not completed, cancelled or returned still references the variation. */
export class VariationInUseError extends DomainError {
  readonly code = 'VARIATION_IN_USE';
  constructor(
    readonly variationId: number,
    readonly sku: string,
    /** Open orders with a line of this variation. */
    readonly openOrderCount: number,
  ) {
    super(`Variation ${sku} is on ${openOrderCount} open order(s); finish or cancel them first`);
  }
}

/** Finished orders name the variation: deleting it would break their history, archive it instead. */
export class VariationInOrderHistoryError extends DomainError {
  readonly code = 'VARIATION_IN_ORDER_HISTORY';
  constructor(
    readonly variationId: number,
    readonly sku: string,
    /** Finished orders with a line of this variation. */
    readonly orderCount: number,
  ) {
    super(`Variation ${sku} is on ${orderCount} finished order(s); archive it instead of deleting`);
  }
}

/** The variation still has units on hand or reserved in a warehouse. */
export class VariationHasStockError extends DomainError {
  readonly code = 'VARIATION_HAS_STOCK';
  constructor(
    readonly variationId: number,
    readonly sku: string,
    readonly onHand: number,
    readonly reserved: number,
  ) {
    super(`Variation ${sku} holds ${onHand} unit(s) on hand (${reserved} reserved); take the stock out or archive it instead`);
  }
}

/** A product needs at least one variation: the last one cannot be deleted. */
export class LastVariationError extends DomainError {
  readonly code = 'LAST_VARIATION';
  constructor(
    readonly variationId: number,
    readonly productId: number,
  ) {
    super(`Variation ${variationId} is the last of product ${productId}; delete or archive the product instead`);
  }
}

/** Another product category of the tenant has this name. */
export class DuplicateProductCategoryNameError extends DomainError {
  readonly code = 'DUPLICATE_PRODUCT_CATEGORY_NAME';
  constructor(
    readonly categoryName: string,
    /** The category with the name; null when a concurrent write took it. */
    readonly existingProductCategoryId: number | null,
  ) {
    super(`A product category named "${categoryName}" already exists`);
  }
}

/** Products or sub-categories are filed under the category, so it cannot be deleted. */
export class ProductCategoryInUseError extends DomainError {
  readonly code = 'PRODUCT_CATEGORY_IN_USE';
  constructor(
    readonly productCategoryId: number,
    /** Products (archived ones too) filed under it. */
    readonly productCount: number,
    /** Categories directly under it. */
    readonly childCount: number,
  ) {
    super(`Product category ${productCategoryId} has ${productCount} product(s) and ${childCount} sub-categor${childCount === 1 ? 'y' : 'ies'}; move them first`);
  }
}

/** Products (archived ones too) name the supplier, so it cannot be deleted. */
export class SupplierInUseError extends DomainError {
  readonly code = 'SUPPLIER_IN_USE';
  constructor(
    readonly supplierId: number,
    readonly productCount: number,
  ) {
    super(`Supplier ${supplierId} is named by ${productCount} product(s); move them to another supplier first`);
  }
}
