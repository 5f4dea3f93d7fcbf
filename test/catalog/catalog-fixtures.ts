// Shared by the catalog write tests: global ids, row counts, a valid product input.
import type { ProductCreateInput } from '../generated/graphql.js';
import type { TestTenant } from '../support/tenant.js';

export const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

export const dbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

/** Rows of the tables the catalog writes touch, to prove that a refused write wrote nothing. */
export async function catalogRowCounts(t: TestTenant) {
  const where = { tenantId: t.id };
  return {
    products: await t.prisma.product.count({ where }),
    variations: await t.prisma.variation.count({ where }),
    categories: await t.prisma.productCategory.count({ where }),
    suppliers: await t.prisma.supplier.count({ where }),
    stockLevels: await t.prisma.stockLevel.count({ where }),
  };
}

/** The seed 002 example product ("Sepatu", two colours), as our input. */
export function sepatuInput(overrides: Partial<ProductCreateInput> = {}): ProductCreateInput {
  return {
    name: 'Sepatu',
    description: 'Sepatu Bagus',
    weightGrams: 100,
    isActive: false,
    showStock: false,
    variations: [
      { sku: 'SEP-MER-KhC', price: '5000', costPrice: '1000', color: 'merah' },
      { sku: 'SEP-PUT-KhX', price: '5000', costPrice: '1000', color: 'putih' },
    ],
    ...overrides,
  };
}
