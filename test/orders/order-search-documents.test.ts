// The order search reads one document per order ("OrderSearch"), which triggers keep in
// the transaction that writes any text it holds. Through the API, as a client would:
// after each kind of change (a new order, an edit of its lines and parties, a customer's
// new name, a shipment and its tracking number), the search finds the order by the new
// text and no longer by the old one, and answers each term as the search's OR over the
// order's own columns does (orderWhere without ids, which never reads the documents).
import { beforeAll, describe, expect, it } from 'vitest';
import { orderWhere } from '../../src/orders/order-filters.js';
import { NEWEST_SEARCHED } from '../../src/orders/order-search.js';
import { SEARCH_WALK } from '../../src/shared/text-search.js';
import { OrderListCodesDocument, OrderListDocument } from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

const CREATE = `mutation($input: OrderCreateInput!) { orderCreate(input: $input) {
  __typename ... on OrderCreatePayload { order { id code items { id sku } } } ... on Error { message } } }`;
const EDIT = `mutation($input: OrderEditInput!) { orderEdit(input: $input) { __typename ... on Error { message } } }`;
const CUSTOMER_UPDATE = `mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { __typename ... on Error { message } } }`;
const SET_TRACKING = `mutation($input: ShipmentSetTrackingInput!) { shipmentSetTracking(input: $input) { __typename ... on Error { message } } }`;

// Every term the steps below look for, old texts and new: each is checked against the OR after every step.
// Letters beyond ASCII in either case ('öMER çEL', 'ÇELİK'): the documents are kept in lower case and the
// search lower-cases its term, which must answer as ILIKE over the columns does.
const TERMS = ['alpha-1', 'bravo-2', 'other-3', 'citra', 'rahayu', 'santoso', '0813555', 'dewi kusuma', 'eka putri', 'jnt-4455', 'SRCH-', 'ext-99', 'öMER çEL', 'ÇELIK', 'ÖMER'];

describe('order search documents', () => {
  let t: TestTenant;
  let orderGid: string;
  let orderId: number;
  let otherCustomerId: number;
  let alphaLine: string;
  let bravo: number;

  /** Codes of the orders the search finds (its totalCount checked against them), and the statements it took. */
  async function search(term: string, filter: { statuses?: Array<'PENDING'> } = {}) {
    const { result, statements } = await countStatements(() => query(t.key, OrderListDocument, { first: 50, filter: { ...filter, search: term } }));
    const codes = result.orders.edges.map((e) => e.node.code).sort();
    expect(result.orders.totalCount, term).toBe(codes.length);
    return { codes, statements };
  }

  /** Every term answers as the OR over the source columns does. */
  async function agreesWithOr() {
    const { fixtures } = await testApp();
    for (const term of TERMS) {
      const byOr = await fixtures.prisma.order.findMany({ where: orderWhere(t.id, { search: term }), select: { code: true } });
      expect((await search(term)).codes, term).toEqual(byOr.map((o) => o.code).sort());
    }
  }

  beforeAll(async () => {
    t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({
      variations: [
        { sku: 'ALPHA-1', price: '1000', stock: { [warehouse.id]: 10 } },
        { sku: 'BRAVO-2', price: '2000', stock: { [warehouse.id]: 10 } },
        { sku: 'OTHER-3', price: '3000', stock: { [warehouse.id]: 10 } },
      ],
    });
    bravo = variations[1]!.id;
    const customer = await t.customer({ name: 'Citra Lestari', phone: '0813555000' });
    // Another order, written without parties (so its customer's name is only the customer's).
    const other = await t.customer({ name: 'Gita Rahayu', phone: '0857000111' });
    otherCustomerId = other.id;
    await t.order({ code: 'SRCH-OTHER', customerId: other.id, items: [{ variationId: variations[2]!.id, quantity: 1 }] });
    const accented = await t.customer({ name: 'Ömer Çelik', phone: '0877000222' });
    await t.order({ code: 'ACC-1', customerId: accented.id, items: [{ variationId: variations[2]!.id, quantity: 1 }] });
    const created = (await query(t.key, CREATE, {
      input: {
        code: 'SRCH-1',
        externalRef: 'EXT-99',
        customer: gid('Customer', customer.id),
        originWarehouse: gid('Warehouse', warehouse.id),
        recipient: { name: 'Dewi Kusuma', phone: '0899111222', address: 'Jl. Mawar 2' },
        items: [{ variation: gid('Variation', variations[0]!.id), quantity: 1 }],
      },
    })) as { orderCreate: { __typename: string; order: { id: string; items: Array<{ id: string }> } } };
    expect(created.orderCreate.__typename).toBe('OrderCreatePayload');
    orderGid = created.orderCreate.order.id;
    orderId = Number(Buffer.from(orderGid, 'base64').toString().split(':')[1]);
    alphaLine = created.orderCreate.order.items[0]!.id;
  });

  it('finds a new order by each of its texts, in one statement with its count', async () => {
    for (const term of ['alpha-1', 'citra', '0813555', 'dewi kusuma', 'ext-99']) {
      const { codes, statements } = await search(term);
      expect(codes, term).toEqual(['SRCH-1']);
      expect(statements.filter((s) => s.includes('"OrderSearch"')), term).toHaveLength(1);
    }
    expect((await search('bravo-2')).codes).toEqual([]);
    expect((await search('SRCH-')).codes).toEqual(['SRCH-1', 'SRCH-OTHER']);
    // Another case of the name's ASCII letters (the document is lower case, "ömer çelik").
    expect((await search('ÖMER')).codes).toEqual(['ACC-1']);
    await agreesWithOr();
  });

  it('follows an edit of the lines and the recipient', async () => {
    const added = (await query(t.key, EDIT, { input: { order: orderGid, addItems: [{ variation: gid('Variation', bravo), quantity: 1 }] } })) as { orderEdit: { __typename: string } };
    expect(added.orderEdit).toEqual({ __typename: 'OrderEditPayload' });
    expect((await search('bravo-2')).codes).toEqual(['SRCH-1']);
    expect((await search('alpha-1')).codes).toEqual(['SRCH-1']);
    const result = (await query(t.key, EDIT, {
      input: { order: orderGid, removeItems: [alphaLine], recipient: { name: 'Eka Putri', phone: '0899111222', address: 'Jl. Mawar 2' } },
    })) as { orderEdit: { __typename: string } };
    expect(result.orderEdit).toEqual({ __typename: 'OrderEditPayload' });
    expect((await search('bravo-2')).codes).toEqual(['SRCH-1']);
    expect((await search('eka putri')).codes).toEqual(['SRCH-1']);
    expect((await search('alpha-1')).codes).toEqual([]);
    expect((await search('dewi kusuma')).codes).toEqual([]);
    await agreesWithOr();
  });

  it("follows the customer's new name", async () => {
    expect((await search('rahayu')).codes).toEqual(['SRCH-OTHER']);
    const result = (await query(t.key, CUSTOMER_UPDATE, { input: { customer: gid('Customer', otherCustomerId), name: 'Gita Santoso' } })) as { customerUpdate: { __typename: string } };
    expect(result.customerUpdate).toEqual({ __typename: 'CustomerUpdatePayload' });
    expect((await search('santoso')).codes).toEqual(['SRCH-OTHER']);
    expect((await search('rahayu')).codes).toEqual([]);
    await agreesWithOr();
  });

  it('follows a shipment and its tracking number', async () => {
    const courier = await t.courier();
    const shipment = await t.shipment({ orderId, status: 'PENDING' });
    expect((await search('jnt-4455')).codes).toEqual([]);
    const result = (await query(t.key, SET_TRACKING, { input: { shipment: gid('Shipment', shipment.id), courier: gid('Courier', courier.id), trackingNumber: 'JNT-445566' } })) as {
      shipmentSetTracking: { __typename: string };
    };
    expect(result.shipmentSetTracking).toEqual({ __typename: 'ShipmentSetTrackingPayload' });
    expect((await search('jnt-4455')).codes).toEqual(['SRCH-1']);
    await agreesWithOr();
    await t.prisma.shipment.delete({ where: { id: shipment.id } });
    expect((await search('jnt-4455')).codes).toEqual([]);
    // Written with its tracking number.
    await t.shipment({ orderId, status: 'READY_TO_SHIP', courierId: courier.id, trackingNumber: 'SICEPAT-778899' });
    expect((await search('cepat-7788')).codes).toEqual(['SRCH-1']);
  });

  it("keeps each document's creation time with its order's, which the newest orders are checked first by", async () => {
    const { fixtures } = await testApp();
    const times = async () =>
      (await fixtures.prisma.order.findMany({ where: { tenantId: t.id }, select: { code: true, createdAt: true, search: { select: { createdAt: true } } }, orderBy: { id: 'asc' } })).map((o) => [
        o.code,
        o.createdAt.getTime() === o.search?.createdAt.getTime(),
      ]);
    expect(await times()).toEqual([['SRCH-OTHER', true], ['ACC-1', true], ['SRCH-1', true]]);
    // An import that dates an order back: its document follows, and the newest order checked first is another.
    const saved = [NEWEST_SEARCHED.orders, NEWEST_SEARCHED.fromCandidates] as const;
    const { createdAt } = await fixtures.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { createdAt: true } });
    await fixtures.prisma.order.update({ where: { id: orderId }, data: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    try {
      expect(await times()).toEqual([['SRCH-OTHER', true], ['ACC-1', true], ['SRCH-1', true]]);
      [NEWEST_SEARCHED.orders, NEWEST_SEARCHED.fromCandidates] = [1, 0];
      const page = await countStatements(() => query(t.key, OrderListCodesDocument, { first: 1, filter: { search: 'SRCH-' } }));
      expect(page.statements.join('\n')).toContain('"newest_page"');
      expect(page.result.orders.edges.map((e) => e.node.code)).toEqual(['SRCH-OTHER']);
    } finally {
      [NEWEST_SEARCHED.orders, NEWEST_SEARCHED.fromCandidates] = saved;
      await fixtures.prisma.order.update({ where: { id: orderId }, data: { createdAt } });
    }
  });

  it('does not match across two texts: a term with a line break is searched by the OR', async () => {
    // "Putri\n0899" would be found in the document, where the recipient's phone follows her name.
    const { codes, statements } = await search('Putri\n0899');
    expect(codes).toEqual([]);
    expect(statements.some((s) => s.includes('"OrderSearch"'))).toBe(false);
  });

  it('counts the matches alone when the search is the whole filter, and the orders among them otherwise', async () => {
    const alone = await search('SRCH-');
    expect(alone.statements.join('\n')).toContain('(SELECT n FROM "match_count")::text');
    const { codes, statements } = await search('SRCH-', { statuses: ['PENDING'] });
    expect(codes).toEqual(['SRCH-1', 'SRCH-OTHER']);
    expect(statements.join('\n')).not.toContain('(SELECT n FROM "match_count")::text');
    expect(statements.join('\n')).toContain('SELECT count(*) FROM "Order"');
  });

  it('answers alike whichever way the page is read: the matches sorted, or the orders walked and looked up in them', async () => {
    const { fixtures } = await testApp();
    const byOr = async (term: string) =>
      (await fixtures.prisma.order.findMany({ where: orderWhere(t.id, { search: term }), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { code: true } })).map((o) => o.code);
    // Without totalCount: every page of one order, forward and backward.
    const PAGE = `query($f: OrderFilter, $first: Int, $after: String, $last: Int, $before: String) {
      orders(first: $first, after: $after, last: $last, before: $before, filter: $f) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { code } } } }`;
    type Page = { orders: { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; edges: Array<{ node: { code: string } }> } };
    const walk = async (term: string, backward: boolean) => {
      const codes: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const vars = backward ? { f: { search: term }, last: 1, before: cursor } : { f: { search: term }, first: 1, after: cursor };
        const { orders } = (await query(t.key, PAGE, vars)) as Page;
        const got = orders.edges.map((e) => e.node.code);
        if (backward) codes.unshift(...got);
        else codes.push(...got);
        if (!(backward ? orders.pageInfo.hasPreviousPage : orders.pageInfo.hasNextPage)) return codes;
        cursor = backward ? orders.pageInfo.startCursor : orders.pageInfo.endCursor;
      }
      throw new Error(`${term}: more than 20 pages`);
    };
    const saved = [SEARCH_WALK.from, NEWEST_SEARCHED.orders, NEWEST_SEARCHED.fromCandidates] as const;
    try {
      // From 1000 matches on (never here: sorted), and from 1 on (always walked); without a count,
      // the newest orders checked first (fromCandidates 0: whatever the term) or not: among every
      // order here, or the newest 1 or 3 (the page they fill, or not, and every match found then).
      const ways = [[1000, 4000, Infinity], [1, 4000, Infinity], [1000, 4000, 0], [1, 4000, 0], [1000, 1, 0], [1, 3, 0], [1000, 3, 0]] as const;
      for (const [walkFrom, newest, fromCandidates] of ways) {
        SEARCH_WALK.from = walkFrom;
        NEWEST_SEARCHED.orders = newest;
        NEWEST_SEARCHED.fromCandidates = fromCandidates;
        const how = `walk from ${walkFrom}, newest ${fromCandidates ? 'never' : newest}`;
        for (const term of TERMS) {
          const expected = await byOr(term);
          // With totalCount, one order a page.
          const first = await countStatements(() => query(t.key, OrderListDocument, { first: 1, filter: { search: term } }));
          expect(first.statements.filter((sql) => sql.includes('"OrderSearch"')), term).toHaveLength(1);
          expect([first.result.orders.totalCount, first.result.orders.edges.map((e) => e.node.code)], `${term}, ${how}`).toEqual([expected.length, expected.slice(0, 1)]);
          if (expected.length > 1) {
            const after = first.result.orders.pageInfo.endCursor;
            const second = await query(t.key, OrderListDocument, { first: 1, after, filter: { search: term } });
            expect(second.orders.edges.map((e) => e.node.code), `${term}, second page, ${how}`).toEqual(expected.slice(1, 2));
          }
          // Without totalCount: one statement; every page forward and backward.
          const codes = await countStatements(() => query(t.key, OrderListCodesDocument, { first: 1, filter: { search: term } }));
          expect(codes.statements.filter((sql) => sql.includes('"OrderSearch"')), term).toHaveLength(1);
          expect(codes.statements.join('\n').includes('"newest_page"'), `${term}, ${how}: the newest checked first`).toBe(!fromCandidates);
          expect(first.statements.join('\n'), 'the count needs every match').not.toContain('"newest_page"');
          expect(codes.result.orders.edges.map((e) => e.node.code), `${term}, no count, ${how}`).toEqual(expected.slice(0, 1));
          expect(await walk(term, false), `${term}, pages forward, ${how}`).toEqual(expected);
          expect(await walk(term, true), `${term}, pages backward, ${how}`).toEqual(expected);
        }
      }
    } finally {
      [SEARCH_WALK.from, NEWEST_SEARCHED.orders, NEWEST_SEARCHED.fromCandidates] = saved;
    }
  });
});
