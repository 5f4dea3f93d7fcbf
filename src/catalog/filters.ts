// Prisma `where` clauses for the product and variation lists. Ids arrive already
// decoded; every clause starts from the caller's tenant.
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { StockType } from '../db/generated/prisma/enums.js';
import { containsText, searchTerm } from '../shared/text-search.js';

export interface ProductFilterInput {
  categoryId?: number | null;
  uncategorized?: boolean | null;
  stockTypes?: StockType[] | null;
  search?: string | null;
  inStock?: boolean | null;
  isActive?: boolean | null;
  isFeatured?: boolean | null;
  archived?: boolean | null;
  supplierId?: number | null;
}

export interface VariationFilterInput {
  productId?: number | null;
  search?: string | null;
  stockTypes?: StockType[] | null;
  inStock?: boolean | null;
  archived?: boolean | null;
}

const insensitive = containsText;

/**
 * A variation that can be sold now: own stock counts units (some warehouse holds
 * more than it has reserved); supplier and preorder variations carry a flag.
 */
export function variationInStockWhere(prisma: Db): Prisma.VariationWhereInput {
  return {
    archivedAt: null,
    OR: [
      {
        product: { stockType: 'OWN' },
        // Column against column: onHand > reserved in the same row.
        stockLevels: { some: { onHand: { gt: prisma.stockLevel.fields.reserved } } },
      },
      { product: { stockType: { in: ['SUPPLIER', 'PREORDER'] } }, available: true },
    ],
  };
}

/**
 * The ids (a column "id", each once) of the tenant's products a search finds by name or by a
 * variation's SKU: the set of productWhere's search, read through the two columns' trigram
 * indexes. `tenant` and `pattern` (searchPattern of the term) are SQL placeholders.
 */
export function productSearchMatches(tenant: string, pattern: string): string {
  return (
    `SELECT p."id" FROM "Product" p WHERE p."tenantId" = ${tenant} AND p."name" ILIKE ${pattern} ` +
    `UNION SELECT v."productId" FROM "Variation" v WHERE v."tenantId" = ${tenant} AND v."sku" ILIKE ${pattern} AND v."productId" IS NOT NULL`
  );
}

export function productWhere(prisma: Db, tenantId: number, filter: ProductFilterInput | null | undefined): Prisma.ProductWhereInput {
  const and: Prisma.ProductWhereInput[] = [];
  const search = searchTerm(filter?.search);
  if (search) {
    and.push({ OR: [{ name: insensitive(search) }, { variations: { some: { sku: insensitive(search) } } }] });
  }
  if (filter?.inStock != null) {
    const inStock: Prisma.ProductWhereInput = { variations: { some: variationInStockWhere(prisma) } };
    and.push(filter.inStock ? inStock : { NOT: inStock });
  }
  return {
    tenantId,
    archivedAt: filter?.archived ? { not: null } : null,
    ...(filter?.categoryId != null ? { categoryId: filter.categoryId } : {}),
    ...(filter?.uncategorized != null ? { categoryId: filter.uncategorized ? null : { not: null } } : {}),
    ...(filter?.stockTypes?.length ? { stockType: { in: filter.stockTypes } } : {}),
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(filter?.isFeatured != null ? { isFeatured: filter.isFeatured } : {}),
    ...(filter?.supplierId != null ? { supplierId: filter.supplierId } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/**
 * `ofOneProduct`: the list of one product's variations, where `archived` speaks of
 * the variation alone (the product's own state is the product's `archivedAt`).
 */
export function variationWhere(
  prisma: Db,
  tenantId: number,
  filter: VariationFilterInput | null | undefined,
  options: { ofOneProduct?: boolean } = {},
): Prisma.VariationWhereInput {
  const and: Prisma.VariationWhereInput[] = [];
  if (options.ofOneProduct) and.push({ archivedAt: filter?.archived ? { not: null } : null });
  // A variation of an archived product is archived too: it cannot be sold either.
  else {
    and.push(
      filter?.archived
        ? { OR: [{ archivedAt: { not: null } }, { product: { archivedAt: { not: null } } }] }
        : { archivedAt: null, product: { archivedAt: null } },
    );
  }
  const search = searchTerm(filter?.search);
  if (search) {
    and.push({ OR: [{ sku: insensitive(search) }, { name: insensitive(search) }, { product: { name: insensitive(search) } }] });
  }
  if (filter?.stockTypes?.length) and.push({ product: { stockType: { in: filter.stockTypes } } });
  if (filter?.inStock != null) {
    const inStock = variationInStockWhere(prisma);
    and.push(filter.inStock ? inStock : { NOT: inStock });
  }
  return {
    tenantId,
    ...(filter?.productId != null ? { productId: filter.productId } : {}),
    AND: and,
  };
}
