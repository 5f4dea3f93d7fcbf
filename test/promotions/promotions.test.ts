// Promotions and coupons through the API: managing them, applying them at orderCreate
// and orderEdit with hand-calculated totals, the typed refusals, usage counted and
// given back on cancel. Races on a real PostgreSQL are in promotion-concurrency.test.ts.
import { describe, expect, it } from 'vitest';
import {
  PromoActivateDocument,
  PromoCreateDocument,
  PromoDeactivateDocument,
  PromoListDocument,
  PromoOneDocument,
  PromoOrderCancelDocument,
  PromoOrderCreateDocument,
  PromoOrderEditDocument,
  PromoProductsDocument,
  PromoUpdateDocument,
  type OrderCreateInput,
  type PromotionCreateInput,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const dbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
const soon = () => new Date(Date.now() - 60_000).toISOString();

/** Kaos at 50000 and Topi at 20000 (100 units each), a reseller category "Y" with one customer. */
async function shop() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const kaos = await t.product({ name: 'Kaos Polos', variations: [{ sku: 'KAOS', price: '50000', stock: { [warehouse.id]: 100 } }] });
  const topi = await t.product({ name: 'Topi Rimba', variations: [{ sku: 'TOPI', price: '20000', stock: { [warehouse.id]: 100 } }] });
  const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
  const customer = await t.customer({ name: 'Ani', categoryId: reseller.id });
  return { t, warehouse, kaos, topi, customer, kaosV: kaos.variations[0]!, topiV: topi.variations[0]! };
}

async function promo(t: TestTenant, input: Partial<PromotionCreateInput> & Pick<PromotionCreateInput, 'name'>) {
  const data = await query(t.key, PromoCreateDocument, {
    input: { group: 'PROMO', type: 'PRODUCT', discountType: 'PERCENTAGE', discountValue: '10', startsAt: soon(), ...input },
  });
  if (data.promotionCreate.__typename !== 'PromotionCreatePayload') throw new Error(JSON.stringify(data.promotionCreate));
  return data.promotionCreate.promotion;
}

async function order(t: TestTenant, input: OrderCreateInput) {
  return (await query(t.key, PromoOrderCreateDocument, { input })).orderCreate;
}

function created(result: Awaited<ReturnType<typeof order>>) {
  if (result.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(result));
  return result.order;
}

describe('promotions applied at orderCreate', () => {
  it('applies an automatic promotion, a product coupon and a shipping coupon, each as an adjustment naming it, with tax on the discounted goods', async () => {
    const { t, kaosV, topiV } = await shop();
    const auto = await promo(t, { name: 'Promo Awal Bulan', discountValue: '10', maxDiscount: '8000' });
    const hemat = await promo(t, { name: 'Kupon Hemat', group: 'COUPON', couponCode: 'HEMAT5', discountType: 'NOMINAL', discountValue: '5000' });
    const ongkir = await promo(t, { name: 'Ongkir Setengah', group: 'COUPON', type: 'SHIPPING', couponCode: 'Ongkir', discountValue: '50', maxDiscount: '7000' });
    expect(ongkir.couponCode).toBe('ONGKIR');

    const o = created(
      await order(t, {
        items: [
          { variation: gid('Variation', kaosV.id), quantity: 2 },
          { variation: gid('Variation', topiV.id), quantity: 1 },
        ],
        adjustments: [
          { category: 'SHIPPING', value: '18000' },
          { category: 'TAX', type: 'PERCENTAGE', value: '11' },
        ],
        couponCodes: ['hemat5', 'ongkir'],
      }),
    );
    // Subtotal 2 x 50000 + 20000 = 120000. Automatic 10 % = 12000, capped at 8000; HEMAT5 5000;
    // ONGKIR 50 % of 18000 = 9000, capped at 7000. Discount 8000 + 5000 + 7000 = 20000.
    // Tax 11 % of (120000 - 13000) = 11770. Grand total 120000 - 20000 + 18000 + 11770 = 129770.
    expect(o.totals).toEqual({ subtotal: '120000.00', itemDiscount: '0.00', shipping: '18000.00', discount: '20000.00', tax: '11770.00', codFee: '0.00', grandTotal: '129770.00' });
    expect(o.adjustments.map((a) => [a.category, a.name, a.amount, a.promotion?.id ?? null])).toEqual([
      ['SHIPPING', 'Shipping', '18000.00', null],
      ['TAX', 'Tax', '11770.00', null],
      ['DISCOUNT', 'Promo Awal Bulan', '8000.00', auto.id],
      ['DISCOUNT', 'Kupon Hemat', '5000.00', hemat.id],
      ['SHIPPING_DISCOUNT', 'Ongkir Setengah', '7000.00', ongkir.id],
    ]);
    const counts = await t.prisma.promotion.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' }, select: { usedCount: true } });
    expect(counts.map((c) => c.usedCount)).toEqual([1, 1, 1]);
  });

  it('applies a promotion on selected products only to their lines, once their minimum quantity is reached', async () => {
    const { t, kaos, kaosV, topi, topiV } = await shop();
    await promo(t, { name: 'Topi 15', discountValue: '15', allProducts: false, products: [gid('Product', topi.product.id)], minQuantity: 2 });
    const one = created(await order(t, { items: [{ variation: gid('Variation', kaosV.id), quantity: 1 }, { variation: gid('Variation', topiV.id), quantity: 1 }] }));
    // One Topi: below the minimum of 2, the automatic promotion simply does not apply.
    expect(one.totals).toMatchObject({ subtotal: '70000.00', discount: '0.00', grandTotal: '70000.00' });
    expect(one.adjustments).toEqual([]);
    const two = created(await order(t, { items: [{ variation: gid('Variation', kaosV.id), quantity: 1 }, { variation: gid('Variation', topiV.id), quantity: 2 }] }));
    // 15 % of the Topi lines only: 15 % of 40000 = 6000; 90000 - 6000 = 84000.
    expect(two.totals).toMatchObject({ subtotal: '90000.00', discount: '6000.00', grandTotal: '84000.00' });
    expect(kaos.product.id).not.toBe(topi.product.id);
  });

  it('answers typed errors for unknown, expired, switched-off, below-minimum and not-eligible coupons, and writes nothing', async () => {
    const { t, kaosV, customer } = await shop();
    const expired = await promo(t, { name: 'Lama', group: 'COUPON', couponCode: 'LAMA', discountType: 'NOMINAL', discountValue: '1000' });
    await t.prisma.promotion.update({ where: { id: dbId(expired.id) }, data: { startsAt: new Date('2026-01-01T00:00:00Z'), endsAt: new Date('2026-01-31T23:59:59Z') } });
    const off = await promo(t, { name: 'Mati', group: 'COUPON', couponCode: 'MATI', discountType: 'NOMINAL', discountValue: '1000' });
    expect((await query(t.key, PromoDeactivateDocument, { input: { promotion: off.id } })).promotionDeactivate).toMatchObject({ promotion: { isActive: false } });
    await promo(t, { name: 'Besar', group: 'COUPON', couponCode: 'BESAR', discountType: 'NOMINAL', discountValue: '1000', minSubtotal: '200000' });
    await promo(t, { name: 'Reseller', group: 'COUPON', couponCode: 'RESELLER', discountType: 'NOMINAL', discountValue: '1000', customerCategoryCodes: ['Y'] });
    await promo(t, { name: 'Toko', group: 'COUPON', couponCode: 'TOKO', discountType: 'NOMINAL', discountValue: '1000', platforms: ['STOREFRONT'] });
    const items = [{ variation: gid('Variation', kaosV.id), quantity: 1 }];

    expect(await order(t, { items, couponCodes: ['nope'] })).toMatchObject({ __typename: 'UnknownCouponError', code: 'UNKNOWN_COUPON', couponCode: 'NOPE' });
    expect(await order(t, { items, couponCodes: ['lama'] })).toMatchObject({ __typename: 'PromotionExpiredError', code: 'PROMOTION_EXPIRED', isActive: true, endsAt: '2026-01-31T23:59:59.000Z' });
    expect(await order(t, { items, couponCodes: ['MATI'] })).toMatchObject({ __typename: 'PromotionExpiredError', isActive: false });
    expect(await order(t, { items, couponCodes: ['besar'] })).toMatchObject({
      __typename: 'PromotionMinimumNotReachedError',
      code: 'PROMOTION_MINIMUM_NOT_REACHED',
      minSubtotal: '200000.00',
      subtotal: '50000.00',
      quantity: 1,
    });
    // A guest has no category; the customer is a reseller and gets it.
    expect(await order(t, { items, couponCodes: ['reseller'] })).toMatchObject({ __typename: 'PromotionNotEligibleError', code: 'PROMOTION_NOT_ELIGIBLE', reason: 'CUSTOMER_CATEGORY' });
    expect(await order(t, { items, couponCodes: ['toko'] })).toMatchObject({ __typename: 'PromotionNotEligibleError', reason: 'PLATFORM' });
    expect(await order(t, { items, couponCodes: [''] })).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['couponCodes', '0'], message: 'must not be empty' }] });
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(0);
    expect(await t.prisma.promotionUsage.count({ where: { tenantId: t.id } })).toBe(0);

    expect(created(await order(t, { items, customer: gid('Customer', customer.id), couponCodes: ['reseller'] })).totals).toMatchObject({ discount: '1000.00', grandTotal: '49000.00' });
    expect(created(await order(t, { items, channel: 'storefront', couponCodes: ['toko'] })).totals).toMatchObject({ discount: '1000.00', grandTotal: '49000.00' });
  });

  it('counts uses against the quota and per customer, and gives them back when an order is cancelled', async () => {
    const { t, kaosV, customer } = await shop();
    const other = await t.customer({ name: 'Budi' });
    const third = await t.customer({ name: 'Citra' });
    const coupon = await promo(t, { name: 'Dua Kali', group: 'COUPON', couponCode: 'DUA', discountType: 'NOMINAL', discountValue: '2500', quota: 2, perCustomerLimit: 1 });
    const items = [{ variation: gid('Variation', kaosV.id), quantity: 1 }];
    const byAni = created(await order(t, { items, customer: gid('Customer', customer.id), couponCodes: ['DUA'] }));
    expect(byAni.totals.grandTotal).toBe('47500.00');
    expect(await order(t, { items, customer: gid('Customer', customer.id), couponCodes: ['DUA'] })).toMatchObject({
      __typename: 'PromotionQuotaExhaustedError',
      code: 'PROMOTION_QUOTA_EXHAUSTED',
      limit: 1,
      perCustomer: true,
    });
    created(await order(t, { items, customer: gid('Customer', other.id), couponCodes: ['dua'] }));
    expect(await order(t, { items, customer: gid('Customer', third.id), couponCodes: ['dua'] })).toMatchObject({ __typename: 'PromotionQuotaExhaustedError', limit: 2, perCustomer: false });
    expect((await query(t.key, PromoOneDocument, { id: coupon.id })).promotion).toMatchObject({ usedCount: 2, remaining: 0 });

    const cancelled = await query(t.key, PromoOrderCancelDocument, { input: { order: byAni.id, reason: 'CUSTOMER_REQUEST' } });
    expect(cancelled.orderCancel).toMatchObject({ order: { status: 'CANCELLED' } });
    expect((await query(t.key, PromoOneDocument, { id: coupon.id })).promotion).toMatchObject({ usedCount: 1, remaining: 1 });
    // The freed use goes to whoever comes next, Ani included; the cancelled order keeps its discount as a record.
    created(await order(t, { items, customer: gid('Customer', third.id), couponCodes: ['DUA'] }));
    const stored = await t.prisma.orderAdjustment.findMany({ where: { orderId: dbId(byAni.id) } });
    expect(stored.map((a) => a.amount.toFixed(2))).toEqual(['2500.00']);
    expect(await t.prisma.promotionUsage.count({ where: { promotionId: dbId(coupon.id), releasedAt: null } })).toBe(2);
  });
});

describe('promotions at orderEdit', () => {
  it('previews with dryRun without writing, then drops a coupon (its use given back) and recomputes the automatic promotion on the new lines', async () => {
    const { t, kaosV, topiV } = await shop();
    await promo(t, { name: 'Diskon 10', discountValue: '10' });
    const coupon = await promo(t, { name: 'Hemat', group: 'COUPON', couponCode: 'HEMAT', discountType: 'NOMINAL', discountValue: '5000' });
    const o = created(await order(t, { items: [{ variation: gid('Variation', kaosV.id), quantity: 1 }], couponCodes: ['HEMAT'] }));
    // 50000: 10 % = 5000, HEMAT 5000; 50000 - 10000 = 40000.
    expect(o.totals).toMatchObject({ subtotal: '50000.00', discount: '10000.00', grandTotal: '40000.00' });

    const preview = (await query(t.key, PromoOrderEditDocument, { input: { order: o.id, dryRun: true, couponCodes: [], addItems: [{ variation: gid('Variation', topiV.id), quantity: 1 }] } })).orderEdit;
    if (preview.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(preview));
    // 70000: 10 % = 7000, no coupon; 63000.
    expect(preview.totals).toMatchObject({ subtotal: '70000.00', discount: '7000.00', grandTotal: '63000.00' });
    expect(preview.adjustments.map((a) => [a.name, a.amount])).toEqual([['Diskon 10', '7000.00']]);
    expect(preview.order.totals.grandTotal).toBe('40000.00');
    expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: dbId(coupon.id) } })).usedCount).toBe(1);

    const edited = (await query(t.key, PromoOrderEditDocument, { input: { order: o.id, couponCodes: [], addItems: [{ variation: gid('Variation', topiV.id), quantity: 1 }] } })).orderEdit;
    if (edited.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(edited));
    expect(edited.order.totals).toMatchObject({ subtotal: '70000.00', discount: '7000.00', grandTotal: '63000.00' });
    expect(edited.order.adjustments.map((a) => [a.name, a.amount])).toEqual([['Diskon 10', '7000.00']]);
    expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: dbId(coupon.id) } })).usedCount).toBe(0);

    // An edit that leaves coupons out keeps the ones the order has.
    const again = (await query(t.key, PromoOrderEditDocument, { input: { order: o.id, couponCodes: ['hemat'] } })).orderEdit;
    if (again.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(again));
    const kept = (await query(t.key, PromoOrderEditDocument, { input: { order: o.id, notes: 'tolong cepat' } })).orderEdit;
    if (kept.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(kept));
    // 70000: 7000 + 5000 = 12000; 58000.
    expect(kept.order.totals).toMatchObject({ discount: '12000.00', grandTotal: '58000.00' });
    expect((await t.prisma.promotion.findUniqueOrThrow({ where: { id: dbId(coupon.id) } })).usedCount).toBe(1);
  });
});

describe('managing promotions', () => {
  it('refuses bad input naming each field, and a coupon code another promotion has in any case; writes nothing', async () => {
    const { t } = await shop();
    const bad = await query(t.key, PromoCreateDocument, {
      input: { group: 'COUPON', type: 'PRODUCT', name: ' ', discountType: 'PERCENTAGE', discountValue: '150', startsAt: soon(), endsAt: '2020-01-01T00:00:00Z', perCustomerLimit: 10, allProducts: false },
    });
    expect(bad.promotionCreate.__typename).toBe('ValidationError');
    const paths = bad.promotionCreate.__typename === 'ValidationError' ? bad.promotionCreate.problems.map((p) => p.path.join('.')).sort() : [];
    expect(paths).toEqual(['couponCode', 'discountValue', 'endsAt', 'name', 'perCustomerLimit', 'productIds']);
    const cascaded = await query(t.key, PromoCreateDocument, { input: { group: 'PROMO', type: 'PRODUCT', name: 'X', discountType: 'CASCADED', discountValue: '5', startsAt: soon() } });
    expect(cascaded.promotionCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['discountType'] }] });
    const unknownCategory = await query(t.key, PromoCreateDocument, { input: { group: 'PROMO', type: 'PRODUCT', name: 'X', discountType: 'NOMINAL', discountValue: '5', startsAt: soon(), customerCategoryCodes: ['ZZ'] } });
    expect(unknownCategory.promotionCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['customerCategoryCodes', '0'] }] });
    expect(await t.prisma.promotion.count({ where: { tenantId: t.id } })).toBe(0);

    await promo(t, { name: 'Satu', group: 'COUPON', couponCode: 'Merdeka45' });
    const dup = await query(t.key, PromoCreateDocument, { input: { group: 'COUPON', type: 'PRODUCT', name: 'Dua', couponCode: 'merdeka45', discountType: 'NOMINAL', discountValue: '1', startsAt: soon() } });
    expect(dup.promotionCreate).toMatchObject({ __typename: 'DuplicateCouponCodeError', code: 'DUPLICATE_COUPON_CODE', couponCode: 'MERDEKA45' });
    expect(await t.prisma.promotion.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('updates, lists with filters, switches off and on, and lists the products a promotion covers', async () => {
    const { t, kaos, topi } = await shop();
    const courier = await t.courier();
    const a = await promo(t, { name: 'Promo Awal Bulan' });
    const b = await promo(t, { name: 'Kupon Ongkir', group: 'COUPON', type: 'SHIPPING', couponCode: 'KUPON50', discountType: 'NOMINAL', discountValue: '5000', couriers: [gid('Courier', courier.id)] });
    const updated = await query(t.key, PromoUpdateDocument, { input: { promotion: a.id, changes: { allProducts: false, products: [gid('Product', topi.product.id)], quota: 5, maxDiscount: '3000' } } });
    expect(updated.promotionUpdate).toMatchObject({ promotion: { allProducts: false, quota: 5, remaining: 5, maxDiscount: '3000.00', name: 'Promo Awal Bulan' } });
    expect(b.couriers).toEqual([{ id: gid('Courier', courier.id) }]);

    const names = async (filter: object) => (await query(t.key, PromoListDocument, { filter })).promotions.edges.map((e) => e.node.name);
    expect(await names({})).toEqual(['Kupon Ongkir', 'Promo Awal Bulan']);
    expect(await names({ group: 'COUPON' })).toEqual(['Kupon Ongkir']);
    expect(await names({ type: 'PRODUCT' })).toEqual(['Promo Awal Bulan']);
    expect(await names({ couponCode: 'kupon50' })).toEqual(['Kupon Ongkir']);
    expect(await names({ search: 'awal' })).toEqual(['Promo Awal Bulan']);
    expect(await names({ activeAt: '2020-01-01T00:00:00Z' })).toEqual([]);
    await query(t.key, PromoDeactivateDocument, { input: { promotion: b.id } });
    expect(await names({ activeAt: new Date().toISOString() })).toEqual(['Promo Awal Bulan']);
    expect(await names({ isActive: false })).toEqual(['Kupon Ongkir']);
    expect((await query(t.key, PromoActivateDocument, { input: { promotion: b.id } })).promotionActivate).toMatchObject({ promotion: { isActive: true } });

    const covered = (await query(t.key, PromoOneDocument, { id: a.id })).promotion!.products;
    expect(covered.edges.map((e) => e.node.name)).toEqual(['Topi Rimba']);
    const all = await query(t.key, PromoProductsDocument, { search: 'kaos' });
    expect(all.promotionProducts.edges.map((e) => e.node.id)).toEqual([gid('Product', kaos.product.id)]);
    expect((await query(t.key, PromoProductsDocument, { promotion: a.id })).promotionProducts.totalCount).toBe(1);
  });
});
