// The status counter: orders created and moved through the API are counted per status,
// channel, kind, draft and payment status in "OrderStatusCount" by the writing
// transaction; orderStatusCounts reads it when the filter names only those keys and
// the orders themselves otherwise. Expected figures are the literal tables below.
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number | string) => Buffer.from(`${typename}:${id}`).toString('base64');

const COUNTS = `query Counts($filter: OrderFilter) { orderStatusCounts(filter: $filter) { status count } }`;

type Counts = { orderStatusCounts: Array<{ status: string; count: number }> };

/** The non-zero counts, as { STATUS: n }. */
async function counts(key: string, filter?: Record<string, unknown>): Promise<Record<string, number>> {
  const data = await query<Counts, { filter?: Record<string, unknown> }>(key, COUNTS, { filter });
  expect(data.orderStatusCounts.map((c) => c.status)).toEqual(['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'RETURNED']);
  return Object.fromEntries(data.orderStatusCounts.filter((c) => c.count !== 0).map((c) => [c.status, c.count]));
}

/** The counter's rows summed over slots, non-zero keys only, as "STATUS channel kind draft payment" -> n. */
async function counterRows(t: TestTenant): Promise<Record<string, number>> {
  const rows = await t.prisma.orderStatusCount.groupBy({
    by: ['status', 'channel', 'kind', 'isDraft', 'paymentStatus'],
    where: { tenantId: t.id },
    _sum: { count: true },
  });
  return Object.fromEntries(
    rows
      .filter((r) => r._sum.count !== 0)
      .map((r) => [`${r.status} ${r.channel} ${r.kind} ${r.isDraft ? 'draft' : 'placed'} ${r.paymentStatus}`, r._sum.count!]),
  );
}

async function mutate(key: string, field: string, document: string): Promise<{ id: string; status: string }> {
  const data = await query<Record<string, { __typename: string; order?: { id: string; status: string }; message?: string }>, never>(key, document);
  const payload = data[field]!;
  if (!payload.order) throw new Error(`${field}: ${payload.__typename} ${payload.message ?? ''}`);
  return payload.order;
}

describe('status counter', () => {
  let t: TestTenant;
  let variation: string;
  const ids: Record<string, string> = {};

  const create = (name: string, input: string) =>
    mutate(
      t.key,
      'orderCreate',
      `mutation { orderCreate(input: { items: [{ variation: "${variation}", quantity: 1 }], ${input} }) { __typename ... on OrderCreatePayload { order { id status } } ... on Error { message } } }`,
    ).then((order) => (ids[name] = order.id));
  const transition = (name: string, field: string, input = '') =>
    mutate(t.key, field, `mutation { ${field}(input: { order: "${ids[name]}" ${input} }) { __typename ... on Error { message } ... on ${field[0]!.toUpperCase()}${field.slice(1)}Payload { order { id status } } } }`);

  beforeAll(async () => {
    t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 50 } }] });
    variation = gid('Variation', variations[0]!.id);
    // Another tenant's orders are never counted.
    const other = await newTenant();
    const { variations: theirs } = await other.product();
    await other.order({ status: 'PENDING', channel: 'shopee', items: [{ variationId: theirs[0]!.id, quantity: 1 }] });

    await create('A', 'channel: "offline"');
    await create('B', 'channel: "offline"');
    await create('C', 'channel: "Shopee"');
    await create('D', 'channel: "shopee"');
    await create('E', 'channel: "shopee", isDraft: true');
    await create('F', 'channel: "tokopedia"');
    await transition('A', 'orderConfirm');
    await transition('C', 'orderConfirm');
    await transition('B', 'orderCancel', ', reason: CUSTOMER_REQUEST');
    await transition('C', 'orderCancel', ', reason: OUT_OF_STOCK');
    await transition('F', 'orderConfirm');
    await transition('F', 'orderSetPending', ', reason: "customer asked to wait"');
    await transition('F', 'orderConfirm');
  });

  it('holds one count per status, channel, kind, draft and payment status after creates, transitions and cancellations', async () => {
    expect(await counterRows(t)).toEqual({
      'PENDING shopee SALE placed UNPAID': 1,
      'PENDING shopee SALE draft UNPAID': 1,
      'CONFIRMED offline SALE placed UNPAID': 1,
      'CONFIRMED tokopedia SALE placed UNPAID': 1,
      'CANCELLED offline SALE placed UNPAID': 1,
      'CANCELLED shopee SALE placed UNPAID': 1,
    });
  });

  it('answers orderStatusCounts for filters on its keys', async () => {
    const cases: Array<[Record<string, unknown> | undefined, Record<string, number>]> = [
      [undefined, { PENDING: 2, CONFIRMED: 2, CANCELLED: 2 }],
      [{ channels: ['SHOPEE'] }, { PENDING: 2, CANCELLED: 1 }],
      [{ channels: ['shopee', 'offline'], isDraft: false }, { PENDING: 1, CONFIRMED: 1, CANCELLED: 2 }],
      [{ statuses: ['PENDING', 'CONFIRMED'] }, { PENDING: 2, CONFIRMED: 2 }],
      [{ kinds: ['SALE'], paymentStatuses: ['UNPAID'] }, { PENDING: 2, CONFIRMED: 2, CANCELLED: 2 }],
      [{ kinds: ['RELOCATION'] }, {}],
      [{ paymentStatuses: ['PAID'] }, {}],
    ];
    for (const [filter, expected] of cases) expect([filter, await counts(t.key, filter)]).toEqual([filter, expected]);
    // A key bound to a channel counts that channel only.
    expect(await counts(await t.apiKey('PARTNER', { channel: 'shopee' }))).toEqual({ PENDING: 2, CANCELLED: 1 });
  });

  it('reads the counter for its keys and the orders for any other filter', async () => {
    // Add 100 to a counter row by hand: the counter's answers show it, the GROUP BY's do not.
    const row = await t.prisma.orderStatusCount.findFirstOrThrow({ where: { tenantId: t.id, status: 'PENDING', channel: 'shopee', isDraft: false } });
    const { count: _, ...id } = row;
    const key = { tenantId_status_channel_kind_isDraft_paymentStatus_slot: id };
    await t.prisma.orderStatusCount.update({ where: key, data: { count: { increment: 100 } } });
    try {
      expect(await counts(t.key)).toEqual({ PENDING: 102, CONFIRMED: 2, CANCELLED: 2 });
      expect(await counts(t.key, { channels: ['shopee'] })).toEqual({ PENDING: 102, CANCELLED: 1 });
      expect(await counts(t.key, { createdAt: { from: '2000-01-01T00:00:00Z' } })).toEqual({ PENDING: 2, CONFIRMED: 2, CANCELLED: 2 });
      expect(await counts(t.key, { channels: ['shopee'], printed: false })).toEqual({ PENDING: 2, CANCELLED: 1 });
    } finally {
      await t.prisma.orderStatusCount.update({ where: key, data: { count: { decrement: 100 } } });
    }
    expect(await counts(t.key)).toEqual({ PENDING: 2, CONFIRMED: 2, CANCELLED: 2 });
  });

  it("gives the order list's totalCount from the counter for its keys, compiled or executed, and counts the orders for any other filter", async () => {
    // The same list read compiled (plain fields) and by the executor (a directive is never compiled).
    const total = async (filter: Record<string, unknown> | undefined, executor: boolean) =>
      (
        await query<{ orders: { totalCount: number } }, { filter?: Record<string, unknown> }>(
          t.key,
          `query($filter: OrderFilter) { orders(first: 1, filter: $filter) { totalCount edges { node { id${executor ? ' @include(if: true)' : ''} } } } }`,
          { filter },
        )
      ).orders.totalCount;
    const cases: Array<[Record<string, unknown> | undefined, number]> = [
      [undefined, 6],
      [{ channels: ['shopee'] }, 3],
      [{ statuses: ['PENDING', 'CONFIRMED'] }, 4],
      [{ isDraft: true }, 1],
      [{ paymentStatuses: ['PAID'] }, 0],
    ];
    for (const executor of [false, true]) for (const [filter, expected] of cases) expect([filter, executor, await total(filter, executor)]).toEqual([filter, executor, expected]);
    // 100 more in a counter row by hand: the counter's totals show it, a date range's count does not.
    const row = await t.prisma.orderStatusCount.findFirstOrThrow({ where: { tenantId: t.id, status: 'PENDING', channel: 'shopee', isDraft: false } });
    const { count: _, ...id } = row;
    const key = { tenantId_status_channel_kind_isDraft_paymentStatus_slot: id };
    await t.prisma.orderStatusCount.update({ where: key, data: { count: { increment: 100 } } });
    try {
      for (const executor of [false, true]) {
        expect(await total(undefined, executor)).toBe(106);
        expect(await total({ channels: ['shopee'], isDraft: false }, executor)).toBe(102);
        expect(await total({ createdAt: { from: '2000-01-01T00:00:00Z' } }, executor)).toBe(6);
      }
    } finally {
      await t.prisma.orderStatusCount.update({ where: key, data: { count: { decrement: 100 } } });
    }
  });

  it('takes deleted orders off, and a deleted tenant leaves no counts behind', async () => {
    const { variations } = await t.product();
    const extra = await t.order({ status: 'SHIPPED', kind: 'SALE', channel: 'lazada', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    expect(await counts(t.key)).toEqual({ PENDING: 2, CONFIRMED: 2, SHIPPED: 1, CANCELLED: 2 });
    await t.prisma.order.delete({ where: { id: extra.id } });
    expect(await counts(t.key)).toEqual({ PENDING: 2, CONFIRMED: 2, CANCELLED: 2 });
    expect(await counterRows(t)).not.toHaveProperty(['SHIPPED lazada SALE placed UNPAID']);

    const gone = await newTenant();
    const { variations: theirs } = await gone.product();
    await gone.order({ status: 'PENDING', items: [{ variationId: theirs[0]!.id, quantity: 1 }] });
    expect(await counterRows(gone)).toEqual({ 'PENDING offline SALE placed UNPAID': 1 });
    await gone.prisma.tenant.delete({ where: { id: gone.id } });
    expect(await t.prisma.orderStatusCount.count({ where: { tenantId: gone.id } })).toBe(0);
  });
});

// Two transactions of one tenant moving orders to the same status on two connections: the
// second does not wait for the first's COMMIT (each connection adds to its own slot row).
describe.skipIf(!process.env.DATABASE_URL)('status counter under concurrent writers (PostgreSQL)', () => {
  it('lets a second connection move an order while the first holds its transaction open', async () => {
    const t = await newTenant();
    const { variations } = await t.product();
    const items = [{ variationId: variations[0]!.id, quantity: 1 }];
    const [one, two] = [await t.order({ status: 'PENDING', items }), await t.order({ status: 'PENDING', items })];
    const clients: pg.Client[] = [];
    const connect = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      clients.push(client);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return { client, slot: rows[0]!.pid % 16 };
    };
    try {
      const first = await connect();
      let second = await connect();
      while (second.slot === first.slot) second = await connect();
      await first.client.query('BEGIN');
      await first.client.query(`UPDATE "Order" SET "status" = 'CONFIRMED' WHERE "id" = $1`, [one.id]);
      await second.client.query(`SET lock_timeout = '3s'`);
      const start = performance.now();
      await second.client.query(`UPDATE "Order" SET "status" = 'CONFIRMED' WHERE "id" = $1`, [two.id]);
      const waited = performance.now() - start;
      expect(await counterRows(t)).toEqual({ 'PENDING offline SALE placed UNPAID': 1, 'CONFIRMED offline SALE placed UNPAID': 1 });
      await first.client.query('COMMIT');
      expect(waited).toBeLessThan(1_000);
      expect(await counterRows(t)).toEqual({ 'CONFIRMED offline SALE placed UNPAID': 2 });
    } finally {
      for (const client of clients) await client.end();
    }
  });
});
