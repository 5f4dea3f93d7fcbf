// The demo catalog: product categories, products of own stock, supplier stock and
// pre-order, and their variations with prices. Its size follows the order count.
import type { StockType } from '../../db/generated/prisma/enums.js';
import { idr, roundIdr } from './cents.js';
import { BRANDS, PRODUCT_CATEGORIES } from './product-categories.js';
import type { Rng } from './random.js';
import { DAY, SEED_BASE_TIME, SETUP_TIME } from './seed-time.js';
import { SUPPLIERS } from './shop-reference.js';
import type { TenantRows } from './tenant-rows.js';
import { variationAttrs } from './variation-attributes.js';
import { addVariationPrices, type VariationPrices } from './variation-prices.js';
import { pad } from './zero-pad.js';

export interface VariationInfo extends VariationPrices {
  idx: number;
  sku: string;
  productName: string;
  name: string;
  price: number;
  cost: number;
  weight: number;
  /** Own stock: counted per warehouse, reserved and shipped through the ledger. */
  own: boolean;
  createdAt: number;
}

export interface Catalog {
  /** Row index = position in this list. */
  variations: VariationInfo[];
  ownVariations: number[];
  /** Every variation, bestsellers first. */
  popular: number[];
}

function addProductCategories(rows: TenantRows): number[] {
  const parents = new Map<string, number>();
  return PRODUCT_CATEGORIES.map((spec) => {
    if (!parents.has(spec.parent)) parents.set(spec.parent, rows.add('ProductCategory', { name: spec.parent, parentId: null, createdAt: SETUP_TIME }));
    return rows.add('ProductCategory', { name: spec.name, parentId: parents.get(spec.parent)!, createdAt: SETUP_TIME });
  });
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

export function addCatalog(rng: Rng, rows: TenantRows, slug: string, orderCount: number): Catalog {
  const leaves = addProductCategories(rows);
  const catalog: Catalog = { variations: [], ownVariations: [], popular: [] };
  const productCount = Math.min(2_000, Math.max(20, Math.round(orderCount / 40)));
  for (let p = 0; p < productCount; p++) {
    const c = p < PRODUCT_CATEGORIES.length ? p : rng.int(0, PRODUCT_CATEGORIES.length - 1);
    const spec = PRODUCT_CATEGORIES[c];
    // The first products are own stock, so transfers always have something to move.
    const stockType: StockType = p < 3 ? 'OWN' : rng.weighted([['OWN', 80], ['SUPPLIER', 12], ['PREORDER', 8]]);
    const base = rng.pick(spec.items);
    const name = rng.chance(0.7) ? `${base} ${rng.pick(BRANDS)}` : base;
    const createdAt = SEED_BASE_TIME - 200 * DAY - rng.int(0, 200) * DAY - rng.int(0, DAY);
    const archived = rng.chance(0.03);
    const weight = roundTo(rng.int(spec.weight[0], spec.weight[1]), 10);
    const preorderUnit = stockType === 'PREORDER' ? rng.pick(['DAY', 'WEEK'] as const) : null;
    const productIdx = rows.add('Product', {
      name,
      description: `${name} — kualitas terbaik, siap kirim dari gudang kami. Cocok untuk dijual kembali.`,
      stockType,
      categoryId: leaves[c],
      supplierId: stockType === 'OWN' && rng.chance(0.7) ? null : rng.int(0, SUPPLIERS.length - 1),
      weightGrams: weight,
      images: Array.from({ length: rng.int(1, 3) }, (_, k) => `https://cdn.ordergraph.example/${slug}/products/${spec.prefix.toLowerCase()}-${pad(p + 1, 4)}-${k + 1}.jpg`),
      isActive: !archived,
      isFeatured: rng.chance(0.08),
      showStock: stockType === 'OWN',
      preorderUnit,
      preorderLength: preorderUnit === null ? null : preorderUnit === 'DAY' ? rng.int(3, 14) : rng.int(1, 4),
      archivedAt: archived ? SEED_BASE_TIME - rng.int(1, 60) * DAY : null,
      createdAt,
      updatedAt: createdAt + rng.int(0, 30) * DAY,
    });
    const archivedAt = rows.byTable.Product[productIdx].archivedAt as number | null;

    const basePrice = roundIdr(idr(rng.int(spec.price[0], spec.price[1])), 500);
    variationAttrs(rng, spec.attrs, rng.int(1, 4)).forEach((attrs, n) => {
      const price = Math.max(idr(1_000), roundIdr(basePrice * (1 + (attrs.step ?? 0) * 0.12), 500));
      const cost = roundIdr(price * (0.55 + rng.next() * 0.2), 100);
      const sku = `${spec.prefix}-${pad(p + 1, 4)}-${pad(n + 1, 2)}`;
      const variationWeight = weight + (attrs.step ?? 0) * 20;
      const v = rows.add('Variation', {
        productId: productIdx,
        sku,
        name: attrs.name,
        size: attrs.size,
        color: attrs.color,
        weightGrams: variationWeight,
        images: [],
        costPrice: cost,
        price,
        available: stockType === 'OWN' || rng.chance(0.85),
        archivedAt,
        createdAt,
        updatedAt: createdAt,
      });
      const own = stockType === 'OWN';
      catalog.variations.push({
        idx: v, sku, productName: name, name: attrs.name, price, cost, weight: variationWeight, own, createdAt,
        ...addVariationPrices(rng, rows, v, price, cost),
      });
      if (own) catalog.ownVariations.push(v);
    });
  }
  // Sales concentrate on a shuffled set of bestsellers.
  catalog.popular.push(...rng.shuffle(catalog.variations.map((v) => v.idx)));
  return catalog;
}
