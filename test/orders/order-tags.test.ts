// Order tags and contract references through the API: set at orderCreate (and the
// reference at orderEdit), tags changed by orderTagsUpdate with its version check and
// history event, the OrderFilter conditions on both, and the PAID_AT order sort and
// the LAST_ORDER_AT customer sort (NULLs last in either direction, pages across them).
import { describe, expect, it } from 'vitest';
import {
  TagCustomersDocument,
  TagOrderCreateDocument,
  TagOrderEditDocument,
  TagOrdersDocument,
  TagUpdateDocument,
  type OrderCreateInput,
  type OrderFilter,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const dbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

async function shop() {
  const t = await newTenant();
  const w = await t.warehouse();
  const v = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 100 } }] })).variations[0]!;
  return { t, v };
}

async function create(t: TestTenant, variationId: number, input: Partial<OrderCreateInput>) {
  const result = (await query(t.key, TagOrderCreateDocument, { input: { items: [{ variation: gid('Variation', variationId), quantity: 1 }], ...input } })).orderCreate;
  return result;
}

async function created(t: TestTenant, variationId: number, input: Partial<OrderCreateInput>) {
  const result = await create(t, variationId, input);
  if (result.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(result));
  return result.order;
}

describe('order tags and contract reference at orderCreate', () => {
  it('trims tags, keeps their case, drops repeats case-insensitively (first spelling wins), and trims the contract reference', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, { tags: ['  vip ', 'Gift', 'VIP', 'gift ', 'Lebaran 2026'], contractReference: '  KONTRAK-2026/01 ' });
    expect(order.tags).toEqual(['vip', 'Gift', 'Lebaran 2026']);
    expect(order.contractReference).toBe('KONTRAK-2026/01');
    const plain = await created(t, v.id, {});
    expect(plain.tags).toEqual([]);
    expect(plain.contractReference).toBeNull();
  });

  it('refuses more than 20 tags, a blank or too long tag and a too long reference, each with its path, writing nothing', async () => {
    const { t, v } = await shop();
    const tooMany = await create(t, v.id, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    if (tooMany.__typename !== 'ValidationError') throw new Error(tooMany.__typename);
    expect(tooMany.problems.map((p) => p.path.join('.'))).toEqual(['tags']);
    const bad = await create(t, v.id, { tags: ['x'.repeat(41), '  ', 'ok'], contractReference: 'c'.repeat(81) });
    if (bad.__typename !== 'ValidationError') throw new Error(bad.__typename);
    expect(bad.problems.map((p) => p.path.join('.'))).toEqual(['tags.0', 'tags.1', 'contractReference']);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(0);
    // Exactly at the limits is fine: 20 tags of 40 characters, a reference of 80.
    const full = await created(t, v.id, { tags: Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(38)}`), contractReference: 'c'.repeat(80) });
    expect(full.tags).toHaveLength(20);
  });

  it('sets and clears the contract reference with orderEdit', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, {});
    const set = (await query(t.key, TagOrderEditDocument, { input: { order: order.id, contractReference: ' PKS-77 ' } })).orderEdit;
    expect(set).toMatchObject({ __typename: 'OrderEditPayload', order: { contractReference: 'PKS-77', version: 2 } });
    const tooLong = (await query(t.key, TagOrderEditDocument, { input: { order: order.id, contractReference: 'r'.repeat(81) } })).orderEdit;
    if (tooLong.__typename !== 'ValidationError') throw new Error(tooLong.__typename);
    expect(tooLong.problems.map((p) => p.path.join('.'))).toEqual(['contractReference']);
    const cleared = (await query(t.key, TagOrderEditDocument, { input: { order: order.id, contractReference: '' } })).orderEdit;
    expect(cleared).toMatchObject({ order: { contractReference: null, version: 3 } });
  });
});

describe('orderTagsUpdate', () => {
  it('adds and removes tags (case aside), bumps the version and writes a tags event naming the change', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, { tags: ['vip', 'gift'] });
    const result = (await query(t.key, TagUpdateDocument, { input: { order: order.id, add: ['Urgent', 'VIP'], remove: ['GIFT'], expectedVersion: 1 } })).orderTagsUpdate;
    if (result.__typename !== 'OrderTagsUpdatePayload') throw new Error(JSON.stringify(result));
    expect(result.order.tags).toEqual(['vip', 'Urgent']);
    expect(result.order.version).toBe(2);
    expect(result.order.events.at(-1)).toEqual({ type: 'tags', note: 'added: Urgent; removed: gift', fromStatus: 'PENDING', toStatus: 'PENDING' });
    // Webhooks and subscribers hear of it as an edit (the outbox row is the webhook's event).
    const edited = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id, type: 'order.edited' } });
    expect(edited.map((e) => (e.payload as { fields: unknown }).fields)).toEqual([{ tags: { from: '["vip","gift"]', to: '["vip","Urgent"]' } }]);
  });

  it('writes nothing when nothing changes (no version bump, no event)', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, { tags: ['vip'] });
    const result = (await query(t.key, TagUpdateDocument, { input: { order: order.id, add: ['VIP'], remove: ['absent'] } })).orderTagsUpdate;
    if (result.__typename !== 'OrderTagsUpdatePayload') throw new Error(JSON.stringify(result));
    expect(result.order).toMatchObject({ tags: ['vip'], version: 1 });
    expect(result.order.events.map((e) => e.type)).toEqual(['create']);
  });

  it('answers a stale expectedVersion with VersionConflictError and going past 20 tags with a ValidationError, changing nothing', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, { tags: Array.from({ length: 19 }, (_, i) => `t${i}`) });
    const stale = (await query(t.key, TagUpdateDocument, { input: { order: order.id, add: ['late'], expectedVersion: 7 } })).orderTagsUpdate;
    expect(stale).toMatchObject({ __typename: 'VersionConflictError', code: 'VERSION_CONFLICT', expectedVersion: 7, actualVersion: 1 });
    const tooMany = (await query(t.key, TagUpdateDocument, { input: { order: order.id, add: ['a', 'b'] } })).orderTagsUpdate;
    if (tooMany.__typename !== 'ValidationError') throw new Error(tooMany.__typename);
    expect(tooMany.problems.map((p) => p.path.join('.'))).toEqual(['add']);
    const blank = (await query(t.key, TagUpdateDocument, { input: { order: order.id, add: ['ok', ''], remove: ['r'.repeat(41)] } })).orderTagsUpdate;
    if (blank.__typename !== 'ValidationError') throw new Error(blank.__typename);
    expect(blank.problems.map((p) => p.path.join('.'))).toEqual(['add.1', 'remove.0']);
    const row = await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(order.id) } });
    expect(row.tags).toHaveLength(19);
    expect(row.version).toBe(1);
    expect(await t.prisma.orderEvent.count({ where: { orderId: row.id } })).toBe(1);
  });

  it('does not find another tenant\'s order', async () => {
    const { t, v } = await shop();
    const order = await created(t, v.id, {});
    const other = await newTenant();
    const result = (await query(other.key, TagUpdateDocument, { input: { order: order.id, add: ['x'] } })).orderTagsUpdate;
    expect(result).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});

describe('filtering orders by tags and contract reference', () => {
  it('matches any of, all of, an exact reference and their combination, with totalCount', async () => {
    const { t, v } = await shop();
    const a = await created(t, v.id, { code: 'A', tags: ['vip', 'gift'], contractReference: 'K-1' });
    const b = await created(t, v.id, { code: 'B', tags: ['vip'], contractReference: 'K-2' });
    const c = await created(t, v.id, { code: 'C', tags: ['gift', 'Urgent'] });
    await created(t, v.id, { code: 'D' });
    const codes = async (filter: OrderFilter) => {
      const list = (await query(t.key, TagOrdersDocument, { filter, first: 10, orderBy: { field: 'CODE', direction: 'ASC' } })).orders;
      expect(list.totalCount).toBe(list.edges.length);
      return list.edges.map((e) => e.node.code);
    };
    expect(await codes({ tags: { hasAny: ['vip', 'Urgent'] } })).toEqual(['A', 'B', 'C']);
    expect(await codes({ tags: { hasAll: ['vip', 'gift'] } })).toEqual(['A']);
    // Tags compare exactly: "urgent" is not "Urgent".
    expect(await codes({ tags: { hasAny: ['urgent'] } })).toEqual([]);
    expect(await codes({ tags: { hasAny: ['gift'], hasAll: ['Urgent'] } })).toEqual(['C']);
    expect(await codes({ contractReference: 'K-2' })).toEqual(['B']);
    expect(await codes({ contractReference: ' K-1 ', tags: { hasAny: ['gift'] } })).toEqual(['A']);
    expect(await codes({ tags: { hasAll: [] } })).toEqual(['A', 'B', 'C', 'D']);
    expect(await codes({ tags: { hasAny: [] } })).toEqual([]);
    expect([a.id, b.id, c.id].every(Boolean)).toBe(true);
  });
});

describe('sorting by paid date and by last order date', () => {
  it('sorts orders by PAID_AT either way with unpaid orders last, and pages across them', async () => {
    const { t, v } = await shop();
    const made: Record<string, number> = {};
    for (const code of ['P1', 'P2', 'P3', 'U1', 'U2']) made[code] = dbId((await created(t, v.id, { code })).id);
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 8));
    await t.prisma.order.update({ where: { id: made.P1! }, data: { paidAt: at(1) } });
    await t.prisma.order.update({ where: { id: made.P2! }, data: { paidAt: at(2) } });
    await t.prisma.order.update({ where: { id: made.P3! }, data: { paidAt: at(3) } });
    const pages = async (direction: 'ASC' | 'DESC') => {
      const seen: string[] = [];
      let after: string | null | undefined;
      for (;;) {
        const list = (await query(t.key, TagOrdersDocument, { first: 2, after, orderBy: { field: 'PAID_AT', direction } })).orders;
        seen.push(...list.edges.map((e) => e.node.code));
        if (!list.pageInfo.hasNextPage) return seen;
        after = list.pageInfo.endCursor;
      }
    };
    // Ties (the unpaid pair) fall back on id in the same direction.
    expect(await pages('ASC')).toEqual(['P1', 'P2', 'P3', 'U1', 'U2']);
    expect(await pages('DESC')).toEqual(['P3', 'P2', 'P1', 'U2', 'U1']);
  });

  it('sorts customers by LAST_ORDER_AT (drafts left out) either way with customers without orders last, kept as orders change', async () => {
    const { t, v } = await shop();
    const ani = await t.customer({ name: 'Ani' });
    const budi = await t.customer({ name: 'Budi' });
    const citra = await t.customer({ name: 'Citra' });
    const dewi = await t.customer({ name: 'Dewi' });
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 8));
    const orderOf = async (customerId: number, day: number, isDraft = false) => {
      const order = await t.order({ customerId, items: [{ variationId: v.id, quantity: 1 }] });
      await t.prisma.order.update({ where: { id: order.id }, data: { orderedAt: at(day), isDraft } });
      return order.id;
    };
    await orderOf(ani.id, 1);
    const budiOrder = await orderOf(budi.id, 3);
    await orderOf(budi.id, 2);
    await orderOf(budi.id, 9, true);
    await orderOf(dewi.id, 2);
    const names = async (direction: 'ASC' | 'DESC') => {
      const seen: Array<[string, string | null]> = [];
      let after: string | null | undefined;
      for (;;) {
        const list = (await query(t.key, TagCustomersDocument, { first: 3, after, orderBy: { field: 'LAST_ORDER_AT', direction } })).customers;
        seen.push(...list.edges.map((e): [string, string | null] => [e.node.name, e.node.stats.lastOrderAt]));
        if (!list.pageInfo.hasNextPage) return seen;
        after = list.pageInfo.endCursor;
      }
    };
    expect(await names('DESC')).toEqual([
      ['Budi', at(3).toISOString()],
      ['Dewi', at(2).toISOString()],
      ['Ani', at(1).toISOString()],
      ['Citra', null],
    ]);
    expect((await names('ASC')).map(([name]) => name)).toEqual(['Ani', 'Dewi', 'Budi', 'Citra']);

    // Budi's latest order goes to Citra, then is deleted: both customers follow.
    await t.prisma.order.update({ where: { id: budiOrder }, data: { customerId: citra.id } });
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: budi.id } })).lastOrderAt).toEqual(at(2));
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: citra.id } })).lastOrderAt).toEqual(at(3));
    await t.prisma.order.delete({ where: { id: budiOrder } });
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: citra.id } })).lastOrderAt).toBeNull();
    // Budi and Dewi both last ordered on day 2: the tie goes by id, in the same direction (Dewi was created after Budi).
    expect((await names('DESC')).map(([name]) => name)).toEqual(['Dewi', 'Budi', 'Ani', 'Citra']);
  });
});
