// Promotion quotas under concurrent orders, on a real PostgreSQL (PGlite runs one
// statement at a time): a quota of 5 never gives 6 uses, a per-customer limit never two.
import { describe, expect, it } from 'vitest';
import { PromoCreateDocument, PromoOrderCreateDocument, PromoOrderEditDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function couponShop(limits: { quota?: number; perCustomerLimit?: number }) {
  const t = await newTenant();
  const w = await t.warehouse();
  const v = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 1000 } }] })).variations[0]!;
  const created = await query(t.key, PromoCreateDocument, {
    input: { group: 'COUPON', type: 'PRODUCT', name: 'Lima', couponCode: 'LIMA', discountType: 'NOMINAL', discountValue: '1000', startsAt: new Date(Date.now() - 60_000).toISOString(), ...limits },
  });
  if (created.promotionCreate.__typename !== 'PromotionCreatePayload') throw new Error(JSON.stringify(created.promotionCreate));
  return { t, v, promotionId: Number(Buffer.from(created.promotionCreate.promotion.id, 'base64').toString().split(':')[1]) };
}

describe.skipIf(!process.env.DATABASE_URL)('promotion quotas under concurrency (PostgreSQL)', () => {
  it('gives exactly 5 of 16 concurrent orderCreate calls a coupon with a quota of 5', async () => {
    const { t, v, promotionId } = await couponShop({ quota: 5 });
    const results = await Promise.all(
      Array.from({ length: 16 }, () => query(t.key, PromoOrderCreateDocument, { input: { items: [{ variation: gid('Variation', v.id), quantity: 1 }], couponCodes: ['lima'] } })),
    );
    const kinds = results.map((r) => r.orderCreate.__typename);
    expect(kinds.filter((k) => k === 'OrderCreatePayload')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'PromotionQuotaExhaustedError')).toHaveLength(11);
    expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: promotionId } })).usedCount).toBe(5);
    expect(await t.prisma.promotionUsage.count({ where: { promotionId } })).toBe(5);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(5);
  }, 120_000);

  it('gives exactly 5 of 16 orders edited at once a coupon with a quota of 5 (edits take no per-tenant lock)', async () => {
    const { t, v, promotionId } = await couponShop({ quota: 5 });
    const orders = [];
    for (let i = 0; i < 16; i++) orders.push(await t.order({ items: [{ variationId: v.id, quantity: 1 }] }));
    const results = await Promise.all(orders.map((o) => query(t.key, PromoOrderEditDocument, { input: { order: gid('Order', o.id), couponCodes: ['LIMA'] } })));
    const kinds = results.map((r) => r.orderEdit.__typename);
    expect(kinds.filter((k) => k === 'OrderEditPayload')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'PromotionQuotaExhaustedError')).toHaveLength(11);
    expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: promotionId } })).usedCount).toBe(5);
    expect(await t.prisma.orderAdjustment.count({ where: { promotionId } })).toBe(5);
  }, 120_000);

  it('gives one customer one use of a coupon limited to one per customer, whatever the number of concurrent orders', async () => {
    const { t, v, promotionId } = await couponShop({ perCustomerLimit: 1 });
    const customer = await t.customer();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        query(t.key, PromoOrderCreateDocument, { input: { customer: gid('Customer', customer.id), items: [{ variation: gid('Variation', v.id), quantity: 1 }], couponCodes: ['LIMA'] } }),
      ),
    );
    const kinds = results.map((r) => r.orderCreate.__typename);
    expect(kinds.filter((k) => k === 'OrderCreatePayload')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'PromotionQuotaExhaustedError')).toHaveLength(7);
    expect(await t.prisma.promotionUsage.count({ where: { promotionId, customerId: customer.id } })).toBe(1);
  }, 120_000);
});
