// orderCreate reads what it checks in one statement (order-create-reads.ts) unless the
// API key's read scope applies, when it reads one thing at a time through Prisma. Both
// ways must reach the same verdicts: the same NotFoundError first, the same customers,
// variations, prices, stock problems and promotions. This file reads the same shop both
// ways, case by case, and compares; a few cases also state their answer literally.
import { describe, expect, it } from 'vitest';
import { readForCreate, type CreateReadRequest } from '../../src/orders/order-create-reads.js';
import {
  availabilityProblems,
  catalogFrom,
  checkAvailability,
  checkReferences,
  loadVariationsAndPrices,
  referencesFrom,
  type ReadDb,
} from '../../src/orders/order-create-lines.js';
import { priceLinesFor } from '../../src/catalog/pricing/price-lines.js';
import { choosePromotions } from '../../src/promotions/promotion-apply.js';
import { Problems } from '../../src/shared/validation.js';
import { dec } from '../../src/shared/money.js';
import { newTenant } from '../support/tenant.js';

async function shop() {
  const t = await newTenant();
  const db = t.prisma as unknown as ReadDb;
  const jkt = await t.warehouse({ code: 'JKT' });
  const bdg = await t.warehouse({ code: 'BDG' });
  const closed = await t.warehouse({ code: 'OLD', isActive: false });
  const region = await t.region();
  const reseller = await t.customerCategory({ code: 'Y' });
  const noWholesale = await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'N', name: 'Retail', wholesaleAccess: false, discountAccess: false } });
  const mark = await t.customer({ name: 'Mark Smith', phone: '+628292839282', categoryId: reseller.id, regionId: region.id });
  const rina = await t.customer({ name: 'Rina', categoryId: noWholesale.id });
  const guestish = await t.customer({ name: 'No Category' });
  const gone = await t.customer({ name: 'Deleted' });
  await t.prisma.customer.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
  const blocked = await t.customer({ name: 'Blocked' });
  await t.prisma.customer.update({ where: { id: blocked.id }, data: { status: 'BLOCKED', email: 'b@example.com', address: 'Jl. Merdeka 1', postalCode: '10110' } });
  const { variations } = await t.product({
    name: 'Kopi',
    variations: [
      { sku: 'KOPI-RED', price: '15000', stock: { [jkt.id]: 10, [bdg.id]: 5, [closed.id]: 100 }, reserved: { [jkt.id]: 3 } },
      { sku: 'KOPI-BLUE', price: '20000.50', stock: { [bdg.id]: 2 } },
      { sku: 'KOPI-OLD', price: '1000' },
    ],
  });
  const [red, blue, old] = variations as [(typeof variations)[0], (typeof variations)[0], (typeof variations)[0]];
  await t.prisma.variation.update({ where: { id: red.id }, data: { costPrice: '9000.5', weightGrams: 250 } });
  await t.prisma.variation.update({ where: { id: old.id }, data: { archivedAt: new Date('2026-01-02T03:04:05.678Z') } });
  await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: red.id, customerCategoryId: reseller.id, price: '14000' } });
  await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: blue.id, customerCategoryId: noWholesale.id, price: '19999.99' } });
  for (const [minQty, maxQty, price] of [[10, 49, '13000'], [1, 9, '15500'], [50, null, '12000.25']] as const) {
    await t.prisma.wholesalePrice.create({ data: { tenantId: t.id, variationId: red.id, minQty, maxQty, price } });
  }
  const { product: hidden, variations: [off] } = await t.product({ name: 'Teh', stockType: 'SUPPLIER', variations: [{ sku: 'TEH-1', price: '7000' }] });
  await t.prisma.product.update({ where: { id: hidden.id }, data: { isActive: false, weightGrams: 100 } });
  const source = await t.prisma.orderSource.create({ data: { tenantId: t.id, name: 'Instagram', isActive: false } });
  const other = await newTenant();
  const foreign = await other.customer({ name: 'Not here' });
  const foreignWarehouse = await other.warehouse();
  return { t, db, jkt, bdg, closed, region, mark, rina, guestish, gone, blocked, red, blue, old, off: off!, source, foreign, foreignWarehouse };
}

type Shop = Awaited<ReturnType<typeof shop>>;

/** An outcome as a client would see it: the first error's class and message, or what was found. */
async function outcome<T>(fn: () => Promise<T> | T): Promise<{ error: string } | { value: T }> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/** Everything orderCreate takes from its reads, by both ways, as comparable values. */
async function bothWays(s: Shop, request: CreateReadRequest, lines: Array<{ variationId: number; quantity: number }>) {
  const { db, t } = s;
  const oneByOne = async () => {
    const references = await checkReferences(db, t.id, request);
    const { variations, prices } = await loadVariationsAndPrices(db, t.id, request.variationIds, references.pricing.category?.id ?? null);
    const problems = new Problems();
    const wanted = lines.map((l, index) => ({ path: ['items', index], variation: variations.get(l.variationId)!, quantity: l.quantity }));
    if (request.stockVariationIds.length) await checkAvailability(db, problems, t.id, wanted, request.originWarehouseId);
    return { references, variations, prices: await priceLinesFor(db, t.id, references.pricing, lines, prices), problems: problems.list };
  };
  const inOne = async () => {
    const read = await readForCreate(db, t.id, request);
    const references = referencesFrom(request, read.references);
    const { variations, prices } = catalogFrom([...new Set(request.variationIds)], read.variations, true);
    const problems = new Problems();
    const wanted = lines.map((l, index) => ({ path: ['items', index], variation: variations.get(l.variationId)!, quantity: l.quantity }));
    if (request.stockVariationIds.length) availabilityProblems(problems, wanted, read.stock, request.originWarehouseId);
    return { references, variations, prices: await priceLinesFor(db, t.id, references.pricing, lines, prices), problems: problems.list };
  };
  const comparable = (o: Awaited<ReturnType<typeof outcome<Awaited<ReturnType<typeof oneByOne>>>>>) =>
    'error' in o
      ? o
      : {
          ...o.value,
          customers: [...o.value.references.customers.values()].sort((a, b) => a.id - b.id),
          variations: [...o.value.variations.values()].sort((a, b) => a.id - b.id),
          prices: o.value.prices.map((p) => ({ ...p, unitPrice: p.unitPrice.toFixed(2), basePrice: p.basePrice.toFixed(2), tier: p.tier ? { ...p.tier, price: dec(p.tier.price).toFixed(2) } : p.tier })),
          references: { pricing: o.value.references.pricing, sourceInactive: o.value.references.sourceInactive },
        };
  const [a, b] = [comparable(await outcome(oneByOne)), comparable(await outcome(inOne))];
  return { oneByOne: a, inOne: b };
}

const request = (over: Partial<CreateReadRequest>): CreateReadRequest => ({ variationIds: [], stockVariationIds: [], originWarehouseId: null, ...over });

describe('what orderCreate reads, in one statement or one by one', () => {
  it('reaches the same verdict both ways, case by case', async () => {
    const s = await shop();
    const line = (variationId: number, quantity: number) => ({ variationId, quantity });
    const cases: Array<[string, Partial<CreateReadRequest>, Array<{ variationId: number; quantity: number }>]> = [
      ['a reseller: category price', { pricingCustomerId: s.mark.id, customerIds: [s.mark.id], variationIds: [s.red.id, s.blue.id] }, [line(s.red.id, 1), line(s.blue.id, 1)]],
      ['a reseller at a wholesale tier', { pricingCustomerId: s.mark.id, variationIds: [s.red.id] }, [line(s.red.id, 12)]],
      ['a category without wholesale access', { pricingCustomerId: s.rina.id, variationIds: [s.red.id, s.blue.id] }, [line(s.red.id, 60), line(s.blue.id, 1)]],
      ['a customer without a category', { pricingCustomerId: s.guestish.id, variationIds: [s.red.id] }, [line(s.red.id, 50)]],
      ['a guest', { variationIds: [s.red.id, s.blue.id, s.red.id] }, [line(s.red.id, 1), line(s.blue.id, 3), line(s.red.id, 9)]],
      ['a blocked customer is found (the caller refuses it)', { pricingCustomerId: s.blocked.id, customerIds: [s.blocked.id], variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['a missing pricing customer before a missing warehouse', { pricingCustomerId: 999999, warehouseIds: [999998], variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['a deleted customer', { pricingCustomerId: s.gone.id, variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ["another tenant's customer", { customerIds: [s.foreign.id], variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ["another tenant's warehouse", { warehouseIds: [s.jkt.id, s.foreignWarehouse.id], variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['a missing region', { regionIds: [s.region.id, 999997], variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['a missing source', { sourceId: 999996, variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['an inactive source', { sourceId: s.source.id, variationIds: [s.red.id] }, [line(s.red.id, 1)]],
      ['a missing variation', { variationIds: [s.red.id, 999995] }, [line(s.red.id, 1), line(999995, 1)]],
      ['archived and unavailable variations (the caller refuses them)', { variationIds: [s.old.id, s.off.id] }, [line(s.old.id, 1), line(s.off.id, 1)]],
      ['stock over the active warehouses', { variationIds: [s.red.id, s.blue.id], stockVariationIds: [s.red.id, s.blue.id] }, [line(s.red.id, 8), line(s.blue.id, 3), line(s.red.id, 5)]],
      ['stock at the origin warehouse', { warehouseIds: [s.jkt.id], originWarehouseId: s.jkt.id, variationIds: [s.red.id, s.blue.id], stockVariationIds: [s.red.id, s.blue.id] }, [line(s.red.id, 8), line(s.blue.id, 1)]],
      ['stock at an inactive origin', { warehouseIds: [s.closed.id], originWarehouseId: s.closed.id, variationIds: [s.red.id], stockVariationIds: [s.red.id] }, [line(s.red.id, 100)]],
      ['supplier stock is not counted', { variationIds: [s.off.id], stockVariationIds: [s.off.id] }, [line(s.off.id, 1000)]],
    ];
    for (const [name, over, lines] of cases) {
      const { oneByOne, inOne } = await bothWays(s, request(over), lines);
      expect(inOne, name).toEqual(oneByOne);
    }
  });

  it('answers some cases as the shop says, literally', async () => {
    const s = await shop();
    const { inOne } = await bothWays(s, request({ pricingCustomerId: s.mark.id, variationIds: [s.red.id], stockVariationIds: [s.red.id] }), [{ variationId: s.red.id, quantity: 12 }]);
    if ('error' in inOne) throw new Error(inOne.error);
    // 7 available in JKT (10 - 3 reserved) and 5 in BDG; the closed warehouse's 100 do not count.
    expect(inOne.problems).toEqual([]);
    const short = await bothWays(s, request({ variationIds: [s.red.id], stockVariationIds: [s.red.id] }), [{ variationId: s.red.id, quantity: 13 }]);
    expect(short.inOne).toMatchObject({
      problems: [{ path: ['items', '0', 'quantity'], message: 'KOPI-RED: 13 requested, 12 available over the active warehouses; set backorder: true to order it anyway' }],
    });
    // 12 units: the 10-49 tier (13000) is below the reseller's 14000.
    expect(inOne.prices.map((p) => [p.unitPrice, p.source])).toEqual([['13000.00', 'WHOLESALE']]);
    expect(inOne.variations.map((v) => [v.sku, v.costPrice, v.weightGrams, v.stockType])).toEqual([['KOPI-RED', '9000.50', 250, 'OWN']]);
    const missing = await bothWays(s, request({ pricingCustomerId: 999999, warehouseIds: [999998] }), []);
    expect(missing.inOne).toEqual({ error: 'NotFoundError: Customer 999999 was not found' });
  });

  it('says no promotion can apply only when the tenant has no active automatic one', async () => {
    const s = await shop();
    const may = async () => (await readForCreate(s.db, s.t.id, request({}))).promotionsMayApply;
    const promotion = (data: { group: 'PROMO' | 'COUPON'; isActive: boolean; startsAt: Date; couponCode?: string }) =>
      s.t.prisma.promotion.create({ data: { tenantId: s.t.id, type: 'PRODUCT', name: 'p', discountType: 'PERCENTAGE', discountValue: '10', ...data } });
    expect(await may()).toBe(false);
    await promotion({ group: 'COUPON', couponCode: 'HEMAT', isActive: true, startsAt: new Date('2026-01-01') });
    await promotion({ group: 'PROMO', isActive: false, startsAt: new Date('2026-01-01') });
    expect(await may()).toBe(false);
    // Without a coupon, what applies comes from the active automatic promotions alone.
    const order = { at: new Date(), platform: 'ORDER_APP' as const, customerId: null, customerCategoryCode: null, lines: [{ variationId: s.red.id, quantity: 1, lineTotal: dec(15000) }], subtotal: dec(15000), shipping: dec(0), orderDiscount: dec(0), shippingDiscount: dec(0) };
    expect(await choosePromotions(s.db, { tenantId: s.t.id, couponCodes: [], heldPromotionIds: [], order })).toEqual([]);
    // One not started yet: it may apply later, so the read says it may (the promotions' own read decides).
    await promotion({ group: 'PROMO', isActive: true, startsAt: new Date(Date.now() + 86_400_000) });
    expect(await may()).toBe(true);
  });
});
