// The order search's id prefilter (src/orders/order-search.ts): the matching ids are
// found in the orders' search documents first, and the list reads those; a term too
// short for the trigram index, a term matching more than the cap (in the executor's
// path), and keys bound to a channel keep the search's OR. Which orders a term finds is tested per column in order-list.test.ts;
// here: the same answers on both paths, and which path a request took.
import { beforeAll, describe, expect, it } from 'vitest';
import { orderWhere } from '../../src/orders/order-filters.js';
import { orderSearchIds } from '../../src/orders/order-search.js';
import { OrderListCodesDocument, OrderListDocument } from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const PREFILTER = /"OrderSearch"/;

describe('order search prefilter', () => {
  let t: TestTenant;
  let other: TestTenant;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await newTenant();
    other = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'ZETA-SKU-1', price: '1000' }, { sku: 'PLAIN-2', price: '1000' }] });
    const zeta = await t.customer({ name: 'Zeta Wulandari', phone: '0811000111' });
    const plain = await t.customer({ name: 'Budi', phone: '0822000222' });
    // S-1: the term in its code; S-2: in its customer's name; S-3: in a line's SKU and its code
    // (two matches, one order); S-4: in a tracking number; S-5: nowhere.
    const s1 = await t.order({ code: 'ZETA-001', customerId: plain.id, items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    const s2 = await t.order({ code: 'S-2', customerId: zeta.id, items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    const s3 = await t.order({ code: 'ZETA-003', customerId: plain.id, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const s4 = await t.order({ code: 'S-4', customerId: plain.id, items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    await t.order({ code: 'S-5', customerId: plain.id, items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    await t.shipment({ orderId: s4.id, trackingNumber: 'JNE-ZETA-77' });
    Object.assign(id, { s1: s1.id, s2: s2.id, s3: s3.id, s4: s4.id });
    // Another tenant's order matching the term is never among the ids.
    const { variations: theirs } = await other.product({ variations: [{ sku: 'ZETA-SKU-9', price: '1' }] });
    await other.order({ code: 'ZETA-900', items: [{ variationId: theirs[0]!.id, quantity: 1 }] });
  });

  it('finds the ids of every column the search covers, each order once, this tenant only', async () => {
    const { fixtures } = await testApp();
    const ids = await orderSearchIds(fixtures.prisma, t.id, 'zeta');
    expect(ids?.sort((a, b) => a - b)).toEqual([id.s1, id.s2, id.s3, id.s4].sort((a, b) => a - b));
  });

  it('gives up past the cap, and for terms shorter than a trigram', async () => {
    const { fixtures } = await testApp();
    // Four orders match (ZETA-003 twice: code and SKU, one document); the cap counts orders.
    expect(await orderSearchIds(fixtures.prisma, t.id, 'zeta', { cap: 3 })).toBeUndefined();
    expect(await orderSearchIds(fixtures.prisma, t.id, 'zeta', { cap: 4 })).toHaveLength(4);
    expect(await orderSearchIds(fixtures.prisma, t.id, 'ze')).toBeUndefined();
  });

  it('answers the list and its totalCount from the ids, one prefilter for both', async () => {
    const { result, statements } = await countStatements(() => query(t.key, OrderListDocument, { first: 2, filter: { search: 'ZETA' } }));
    expect(result.orders.totalCount).toBe(4);
    // Newest first: S-4 was created after ZETA-003.
    expect(result.orders.edges.map((e) => e.node.code)).toEqual(['S-4', 'ZETA-003']);
    expect(statements.filter((s) => PREFILTER.test(s))).toHaveLength(1);
  });

  it('answers as the OR does when it falls back: a short term', async () => {
    const { result, statements } = await countStatements(() => query(t.key, OrderListCodesDocument, { first: 10, filter: { search: '-0' } }));
    expect(result.orders.edges.map((e) => e.node.code).sort()).toEqual(['ZETA-001', 'ZETA-003']);
    expect(statements.some((s) => PREFILTER.test(s))).toBe(false);
  });

  it("answers every term as the search's OR does (the where without ids)", async () => {
    const { fixtures } = await testApp();
    for (const term of ['zeta', 'ZETA-0', 'wulan', '0811', 'sku-1', 'jne-z', 'budi', 'nothing-like-it']) {
      const { result, statements } = await countStatements(() => query(t.key, OrderListCodesDocument, { first: 50, filter: { search: term } }));
      expect(statements.some((s) => PREFILTER.test(s)), term).toBe(true);
      const byOr = await fixtures.prisma.order.findMany({ where: orderWhere(t.id, { search: term }), select: { code: true } });
      expect(result.orders.edges.map((e) => e.node.code).sort(), term).toEqual(byOr.map((o) => o.code).sort());
    }
  });

  it('looks up the part of a term cheapest to read, and checks the whole term', async () => {
    const { app, fixtures } = await testApp();
    // As if "zet", "eta" and "ta " were in every document and the rest in one of a thousand:
    // "ZETA-003" is looked up as "-003", which ZETA-001's document holds too.
    const share = (trigram: string) => (['zet', 'eta', 'ta '].includes(trigram) ? 1 : 0.001);
    const saved = app.searchTrigrams.share;
    app.searchTrigrams.share = share;
    try {
      for (const [term, codes] of [
        ['ZETA-003', ['ZETA-003']],
        ['zeta-001', ['ZETA-001']],
        // The part ("-004") is in no document; nor the whole term.
        ['ZETA-004', []],
      ] as const) {
        const { result, statements } = await countStatements(() => query(t.key, OrderListDocument, { first: 10, filter: { search: term } }));
        expect(result.orders.edges.map((e) => e.node.code), term).toEqual(codes);
        expect(result.orders.totalCount, term).toBe(codes.length);
        expect(statements.filter((s) => PREFILTER.test(s)).join(), term).toContain(`(s."document" || '') LIKE lower(`);
      }
      // The executor's prefilter too (a channel-free client, as the list's resolver passes).
      expect(await orderSearchIds(fixtures.prisma, t.id, 'ZETA-003', { share })).toEqual([id.s3]);
    } finally {
      app.searchTrigrams.share = saved;
    }
  });

  it('samples the trigram shares of the documents', async () => {
    const { app } = await testApp();
    const saved = app.searchTrigrams.share;
    try {
      await app.searchTrigrams.sample();
      // This file's orders are in the shared database: some trigrams are sampled, each a share.
      const share = app.searchTrigrams.share!;
      expect(share('zet')).toBeGreaterThan(0);
      expect(share('zet')).toBeLessThanOrEqual(1);
    } finally {
      app.searchTrigrams.share = saved;
    }
  });
});
