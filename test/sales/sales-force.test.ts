// Sales teams, reps, visit statuses and visits through the API, and orders
// attributed to a rep (and so to the rep's team).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = encodeGlobalID;

const PAYLOAD_ERRORS = `... on Error { code message } ... on ValidationError { problems { path message } }`;
const TEAM = 'id name isActive';
const REP = `id name phone email isActive team { ${TEAM} }`;
const STATUS = 'id name type position isActive';
const VISIT = `id visitedAt notes customer { id name } salesRep { id name } team { id name } status { ${STATUS} } order { id code }`;

const MUTATIONS: Record<string, [input: string, selection: string]> = {
  salesTeamCreate: ['SalesTeamCreateInput', `salesTeam { ${TEAM} }`],
  salesTeamUpdate: ['SalesTeamUpdateInput', `salesTeam { ${TEAM} }`],
  salesTeamDeactivate: ['SalesTeamDeactivateInput', `salesTeam { ${TEAM} }`],
  salesRepCreate: ['SalesRepCreateInput', `salesRep { ${REP} }`],
  salesRepUpdate: ['SalesRepUpdateInput', `salesRep { ${REP} }`],
  salesRepDeactivate: ['SalesRepDeactivateInput', `salesRep { ${REP} }`],
  visitStatusCreate: ['VisitStatusCreateInput', `visitStatus { ${STATUS} }`],
  visitStatusUpdate: ['VisitStatusUpdateInput', `visitStatus { ${STATUS} }`],
  visitStatusDeactivate: ['VisitStatusDeactivateInput', `visitStatus { ${STATUS} }`],
  visitCreate: ['VisitCreateInput', `visit { ${VISIT} }`],
  visitUpdate: ['VisitUpdateInput', `visit { ${VISIT} }`],
};

function document(field: string) {
  const [input, selection] = MUTATIONS[field]!;
  return `mutation ($input: ${input}!) { ${field}(input: $input) { __typename ... on ${field[0]!.toUpperCase()}${field.slice(1)}Payload { ${selection} } ${PAYLOAD_ERRORS} } }`;
}

/** The mutation's result (payload or typed error). */
async function run(key: string, field: string, input: Record<string, unknown>): Promise<any> {
  return (await query<any, any>(key, document(field), { input }))[field];
}

/** The payload's object; fails on a typed error. */
async function ok(key: string, field: string, input: Record<string, unknown>): Promise<any> {
  const result = await run(key, field, input);
  if (!result.__typename.endsWith('Payload')) throw new Error(`${field}: ${JSON.stringify(result)}`);
  return Object.values(result).find((v) => typeof v === 'object');
}

const ORDER_CREATE = `mutation ($input: OrderCreateInput!) { orderCreate(input: $input) {
  __typename
  ... on OrderCreatePayload { order { id code salesRep salesRepresentative { id name team { id name } } salesTeam { id name } } }
  ${PAYLOAD_ERRORS} } }`;

async function shop() {
  const t = await newTenant();
  const w = await t.warehouse();
  const variation = (await t.product({ variations: [{ price: '10000', stock: { [w.id]: 100 } }] })).variations[0]!;
  const customer = await t.customer({ name: 'Toko Sumber Rejeki' });
  const other = await t.customer({ name: 'Warung Bu Tini' });
  return { t, variation, customer, other };
}

async function salesForce(t: TestTenant) {
  const bandung = await ok(t.key, 'salesTeamCreate', { name: 'Tim Bandung' });
  const jakarta = await ok(t.key, 'salesTeamCreate', { name: 'Tim Jakarta' });
  const andi = await ok(t.key, 'salesRepCreate', { name: 'Andi Saputra', phone: '0812 3456 7890', email: 'andi@example.id', salesTeam: bandung.id });
  const wulan = await ok(t.key, 'salesRepCreate', { name: 'Wulan Lestari', salesTeam: jakarta.id });
  return { bandung, jakarta, andi, wulan };
}

describe('sales teams and reps', () => {
  it('creates, renames and deactivates teams; a name used twice is a DuplicateSalesTeamError and nothing is written', async () => {
    const t = await newTenant();
    const team = await ok(t.key, 'salesTeamCreate', { name: '  Tim Bandung ' });
    expect(team).toMatchObject({ name: 'Tim Bandung', isActive: true });
    const duplicate = await run(t.key, 'salesTeamCreate', { name: 'Tim Bandung' });
    expect(duplicate).toMatchObject({ __typename: 'DuplicateSalesTeamError', code: 'DUPLICATE_SALES_TEAM' });
    expect(await t.prisma.salesTeam.count({ where: { tenantId: t.id } })).toBe(1);

    const other = await ok(t.key, 'salesTeamCreate', { name: 'Tim Surabaya' });
    expect(await run(t.key, 'salesTeamUpdate', { salesTeam: other.id, name: 'Tim Bandung' })).toMatchObject({ __typename: 'DuplicateSalesTeamError' });
    expect(await ok(t.key, 'salesTeamUpdate', { salesTeam: other.id, name: 'Tim Jawa Timur' })).toMatchObject({ name: 'Tim Jawa Timur' });
    expect(await ok(t.key, 'salesTeamDeactivate', { salesTeam: other.id })).toMatchObject({ isActive: false });
    expect(await ok(t.key, 'salesTeamDeactivate', { salesTeam: other.id })).toMatchObject({ isActive: false });

    const list = (await query<any, any>(t.key, `{ all: salesTeams { totalCount edges { node { name } } } active: salesTeams(filter: { isActive: true }) { totalCount edges { node { name } } } }`));
    expect(list.all.edges.map((e: any) => e.node.name)).toEqual(['Tim Bandung', 'Tim Jawa Timur']);
    expect(list.all.totalCount).toBe(2);
    expect(list.active).toEqual({ totalCount: 1, edges: [{ node: { name: 'Tim Bandung' } }] });
  });

  it('reports every problem of a rep with its path (inactive team, bad e-mail, empty name) and writes nothing', async () => {
    const t = await newTenant();
    const team = await ok(t.key, 'salesTeamCreate', { name: 'Tim Lama' });
    await ok(t.key, 'salesTeamDeactivate', { salesTeam: team.id });
    const bad = await run(t.key, 'salesRepCreate', { name: ' ', email: 'not-an-email', phone: 'call me', salesTeam: team.id });
    expect(bad.__typename).toBe('ValidationError');
    expect(bad.problems.map((p: any) => p.path.join('.'))).toEqual(['name', 'phone', 'email']);
    const inactiveTeam = await run(t.key, 'salesRepCreate', { name: 'Budi', salesTeam: team.id });
    expect(inactiveTeam).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['team'], message: 'the sales team is inactive' }] });
    expect(await t.prisma.salesRep.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('moves a rep between teams, takes them out of any team, and lists reps by team and by search', async () => {
    const t = await newTenant();
    const { bandung, jakarta, andi, wulan } = await salesForce(t);
    expect(andi).toMatchObject({ name: 'Andi Saputra', phone: '0812 3456 7890', email: 'andi@example.id', isActive: true, team: { name: 'Tim Bandung' } });
    const moved = await ok(t.key, 'salesRepUpdate', { salesRep: wulan.id, salesTeam: bandung.id, email: 'wulan@example.id' });
    expect(moved).toMatchObject({ name: 'Wulan Lestari', email: 'wulan@example.id', team: { name: 'Tim Bandung' } });
    const byTeam = await query<any, any>(t.key, `query ($teams: [ID!]) { salesReps(filter: { salesTeamIds: $teams }) { totalCount edges { node { name } } } }`, { teams: [bandung.id] });
    expect(byTeam.salesReps).toEqual({ totalCount: 2, edges: [{ node: { name: 'Andi Saputra' } }, { node: { name: 'Wulan Lestari' } }] });

    const teamless = await ok(t.key, 'salesRepUpdate', { salesRep: andi.id, salesTeam: null, phone: '' });
    expect(teamless).toMatchObject({ team: null, phone: null, email: 'andi@example.id' });
    const search = await query<any, any>(t.key, `{ salesReps(filter: { search: "wulan@" }) { totalCount edges { node { name } } } }`);
    expect(search.salesReps).toEqual({ totalCount: 1, edges: [{ node: { name: 'Wulan Lestari' } }] });
    expect(await ok(t.key, 'salesRepDeactivate', { salesRep: wulan.id })).toMatchObject({ isActive: false });
    const team = await query<any, any>(t.key, `query ($id: ID!) { salesTeam(id: $id) { name reps { totalCount edges { node { name isActive } } } } }`, { id: bandung.id });
    expect(team.salesTeam).toEqual({ name: 'Tim Bandung', reps: { totalCount: 1, edges: [{ node: { name: 'Wulan Lestari', isActive: false } }] } });
    expect(jakarta.name).toBe('Tim Jakarta');
  });
});

describe('visits', () => {
  it('gives a visit without a status the first active ORDER status, and the rep\'s team', async () => {
    const { t, customer } = await shop();
    const { andi } = await salesForce(t);
    expect((await run(t.key, 'visitCreate', { customer: gid('Customer', customer.id), salesRep: andi.id })).__typename).toBe('NoDefaultVisitStatusError');
    expect(await t.prisma.visit.count({ where: { tenantId: t.id } })).toBe(0);

    const closed = await ok(t.key, 'visitStatusCreate', { name: 'Toko tutup', type: 'NO_ORDER' });
    const big = await ok(t.key, 'visitStatusCreate', { name: 'Order besar', type: 'ORDER', position: 5 });
    const order = await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER', position: 2 });
    expect([closed.position, order.position, big.position]).toEqual([0, 2, 5]);
    const statuses = await query<any, any>(t.key, `{ visitStatuses { totalCount edges { node { name type } } } }`);
    expect(statuses.visitStatuses.edges.map((e: any) => e.node.name)).toEqual(['Toko tutup', 'Order', 'Order besar']);
    expect(await run(t.key, 'visitStatusCreate', { name: 'Order', type: 'NO_ORDER' })).toMatchObject({ __typename: 'DuplicateVisitStatusError', code: 'DUPLICATE_VISIT_STATUS' });

    const visit = await ok(t.key, 'visitCreate', { customer: gid('Customer', customer.id), salesRep: andi.id, visitedAt: '2026-03-02T03:00:00.000Z', notes: 'Minta katalog baru' });
    expect(visit).toMatchObject({ visitedAt: '2026-03-02T03:00:00.000Z', notes: 'Minta katalog baru', customer: { name: 'Toko Sumber Rejeki' }, salesRep: { name: 'Andi Saputra' }, team: { name: 'Tim Bandung' }, status: { name: 'Order', type: 'ORDER' }, order: null });

    // Deactivated, the first ORDER status is no longer the default.
    await ok(t.key, 'visitStatusDeactivate', { visitStatus: order.id });
    const next = await ok(t.key, 'visitCreate', { customer: gid('Customer', customer.id), salesRep: andi.id });
    expect(next.status.name).toBe('Order besar');
  });

  it('refuses a visit with an inactive rep, an unknown customer and an inactive status, listing every problem and writing nothing', async () => {
    const { t } = await shop();
    const { andi } = await salesForce(t);
    const status = await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER' });
    await ok(t.key, 'salesRepDeactivate', { salesRep: andi.id });
    await ok(t.key, 'visitStatusDeactivate', { visitStatus: status.id });
    const other = await newTenant();
    const foreign = await other.customer();
    const result = await run(t.key, 'visitCreate', { customer: gid('Customer', foreign.id), salesRep: andi.id, status: status.id, notes: 'x'.repeat(2001) });
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems.map((p: any) => p.path.join('.'))).toEqual(['notes']);
    const refs = await run(t.key, 'visitCreate', { customer: gid('Customer', foreign.id), salesRep: andi.id, status: status.id });
    expect(refs.problems).toEqual([
      { path: ['customer'], message: 'no such customer' },
      { path: ['salesRep'], message: 'the sales rep is inactive' },
      { path: ['status'], message: 'the visit status is inactive' },
    ]);
    expect(await t.prisma.visit.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('lists visits newest first with filters by rep, team, customer, status, status type, date and order, and their totalCount', async () => {
    const { t, customer, other } = await shop();
    const { bandung, jakarta, andi, wulan } = await salesForce(t);
    const order = await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER' });
    const closed = await ok(t.key, 'visitStatusCreate', { name: 'Toko tutup', type: 'NO_ORDER' });
    const c1 = gid('Customer', customer.id);
    const c2 = gid('Customer', other.id);
    await ok(t.key, 'visitCreate', { customer: c1, salesRep: andi.id, visitedAt: '2026-03-01T02:00:00.000Z', notes: 'v1' });
    await ok(t.key, 'visitCreate', { customer: c2, salesRep: andi.id, status: closed.id, visitedAt: '2026-03-02T02:00:00.000Z', notes: 'v2' });
    await ok(t.key, 'visitCreate', { customer: c1, salesRep: wulan.id, visitedAt: '2026-03-03T02:00:00.000Z', notes: 'v3' });
    // Wulan's visit counted for Bandung although she is in Jakarta.
    await ok(t.key, 'visitCreate', { customer: c2, salesRep: wulan.id, salesTeam: bandung.id, visitedAt: '2026-03-04T02:00:00.000Z', notes: 'v4' });

    const VISITS = `query ($filter: VisitFilter, $orderBy: VisitOrderBy) { visits(filter: $filter, orderBy: $orderBy) { totalCount edges { node { notes } } } }`;
    const notes = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) => {
      const { visits } = await query<any, any>(t.key, VISITS, { filter, orderBy });
      return { total: visits.totalCount, notes: visits.edges.map((e: any) => e.node.notes) };
    };
    expect(await notes({})).toEqual({ total: 4, notes: ['v4', 'v3', 'v2', 'v1'] });
    expect(await notes({}, { field: 'VISITED_AT', direction: 'ASC' })).toEqual({ total: 4, notes: ['v1', 'v2', 'v3', 'v4'] });
    expect(await notes({ salesRepIds: [andi.id] })).toEqual({ total: 2, notes: ['v2', 'v1'] });
    expect(await notes({ salesTeamIds: [bandung.id] })).toEqual({ total: 3, notes: ['v4', 'v2', 'v1'] });
    expect(await notes({ salesTeamIds: [jakarta.id] })).toEqual({ total: 1, notes: ['v3'] });
    expect(await notes({ customerIds: [c2] })).toEqual({ total: 2, notes: ['v4', 'v2'] });
    expect(await notes({ visitStatusIds: [closed.id] })).toEqual({ total: 1, notes: ['v2'] });
    expect(await notes({ statusType: 'ORDER' })).toEqual({ total: 3, notes: ['v4', 'v3', 'v1'] });
    expect(await notes({ visitedAt: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' } })).toEqual({ total: 2, notes: ['v3', 'v2'] });
    expect(await notes({ salesRepIds: [wulan.id], customerIds: [c1], visitStatusIds: [order.id] })).toEqual({ total: 1, notes: ['v3'] });
    expect(await notes({ hasOrder: true })).toEqual({ total: 0, notes: [] });

    // Another tenant sees none of them.
    const stranger = await newTenant();
    expect((await query<any, any>(stranger.key, VISITS, {})).visits.totalCount).toBe(0);
  });

  it('updates a visit: status, notes, rep (with their team) and the order taken; an order on another visit is refused', async () => {
    const { t, customer, variation } = await shop();
    const { andi, wulan } = await salesForce(t);
    await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER' });
    const closed = await ok(t.key, 'visitStatusCreate', { name: 'Toko tutup', type: 'NO_ORDER' });
    const c1 = gid('Customer', customer.id);
    const first = await ok(t.key, 'visitCreate', { customer: c1, salesRep: andi.id, notes: 'pagi' });
    const second = await ok(t.key, 'visitCreate', { customer: c1, salesRep: andi.id });
    const placed = (await query<any, any>(t.key, ORDER_CREATE, { input: { customer: c1, items: [{ variation: gid('Variation', variation.id), quantity: 2 }] } })).orderCreate;
    expect(placed.__typename).toBe('OrderCreatePayload');

    const updated = await ok(t.key, 'visitUpdate', { visit: first.id, status: closed.id, notes: '', salesRep: wulan.id, order: placed.order.id });
    expect(updated).toMatchObject({ notes: null, status: { name: 'Toko tutup' }, salesRep: { name: 'Wulan Lestari' }, team: { name: 'Tim Jakarta' }, order: { id: placed.order.id } });
    const taken = await run(t.key, 'visitUpdate', { visit: second.id, order: placed.order.id, notes: 'sore' });
    expect(taken).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['order'], message: 'the order is already on another visit' }] });
    expect((await t.prisma.visit.findFirstOrThrow({ where: { id: Number(Buffer.from(second.id, 'base64').toString().split(':')[1]) } })).notes).toBeNull();
    const detached = await ok(t.key, 'visitUpdate', { visit: first.id, order: null, salesTeam: null });
    expect(detached).toMatchObject({ order: null, team: null, salesRep: { name: 'Wulan Lestari' } });
  });
});

describe('orders taken by a sales rep', () => {
  it("attributes an order to the rep and the rep's team, keeps the free-text field answering, and filters orders by rep and team", async () => {
    const { t, customer, variation } = await shop();
    const { bandung, jakarta, andi, wulan } = await salesForce(t);
    const items = [{ variation: gid('Variation', variation.id), quantity: 1 }];
    const byAndi = (await query<any, any>(t.key, ORDER_CREATE, { input: { customer: gid('Customer', customer.id), items, salesRepresentative: andi.id } })).orderCreate;
    expect(byAndi.order).toMatchObject({
      salesRep: 'Andi Saputra',
      salesRepresentative: { id: andi.id, name: 'Andi Saputra', team: { id: bandung.id, name: 'Tim Bandung' } },
      salesTeam: { id: bandung.id, name: 'Tim Bandung' },
    });
    const byWulan = (await query<any, any>(t.key, ORDER_CREATE, { input: { items, salesRepresentative: wulan.id, salesRep: 'Wulan (telepon)' } })).orderCreate;
    expect(byWulan.order).toMatchObject({ salesRep: 'Wulan (telepon)', salesRepresentative: { name: 'Wulan Lestari' }, salesTeam: { name: 'Tim Jakarta' } });
    const textOnly = (await query<any, any>(t.key, ORDER_CREATE, { input: { items, salesRep: 'Hendra' } })).orderCreate;
    expect(textOnly.order).toMatchObject({ salesRep: 'Hendra', salesRepresentative: null, salesTeam: null });

    // The rep moves team: the order stays with the team it was taken for.
    await ok(t.key, 'salesRepUpdate', { salesRep: andi.id, salesTeam: jakarta.id });
    const ORDERS = `query ($filter: OrderFilter) { orders(filter: $filter) { totalCount edges { node { code salesTeam { name } } } } }`;
    const codes = async (filter: Record<string, unknown>) => {
      const { orders } = await query<any, any>(t.key, ORDERS, { filter });
      return { total: orders.totalCount, codes: orders.edges.map((e: any) => e.node.code).sort() };
    };
    expect(await codes({ salesRepIds: [andi.id] })).toEqual({ total: 1, codes: [byAndi.order.code] });
    expect(await codes({ salesTeamIds: [bandung.id] })).toEqual({ total: 1, codes: [byAndi.order.code] });
    expect(await codes({ salesTeamIds: [jakarta.id] })).toEqual({ total: 1, codes: [byWulan.order.code] });
    expect(await codes({ salesRepIds: [andi.id, wulan.id] })).toEqual({ total: 2, codes: [byAndi.order.code, byWulan.order.code].sort() });
  });

  it('moves an order to another rep with orderEdit (and to their team), and takes the rep off it', async () => {
    const { t, variation } = await shop();
    const { andi, wulan } = await salesForce(t);
    const created = (await query<any, any>(t.key, ORDER_CREATE, { input: { items: [{ variation: gid('Variation', variation.id), quantity: 1 }], salesRepresentative: andi.id } })).orderCreate;
    const EDIT = `mutation ($input: OrderEditInput!) { orderEdit(input: $input) {
      __typename ... on OrderEditPayload { order { salesRep salesRepresentative { name } salesTeam { name } } } ${PAYLOAD_ERRORS} } }`;
    const moved = (await query<any, any>(t.key, EDIT, { input: { order: created.order.id, salesRepresentative: wulan.id } })).orderEdit;
    expect(moved.order).toEqual({ salesRep: 'Andi Saputra', salesRepresentative: { name: 'Wulan Lestari' }, salesTeam: { name: 'Tim Jakarta' } });
    await ok(t.key, 'salesRepDeactivate', { salesRep: andi.id });
    const inactive = (await query<any, any>(t.key, EDIT, { input: { order: created.order.id, salesRepresentative: andi.id } })).orderEdit;
    expect(inactive).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['salesRepresentative'], message: 'sales rep Andi Saputra is inactive' }] });
    const removed = (await query<any, any>(t.key, EDIT, { input: { order: created.order.id, salesRepresentative: null } })).orderEdit;
    expect(removed.order).toEqual({ salesRep: 'Andi Saputra', salesRepresentative: null, salesTeam: null });
  });

  it('refuses an order for an inactive rep and writes nothing', async () => {
    const { t, variation } = await shop();
    const { andi } = await salesForce(t);
    await ok(t.key, 'salesRepDeactivate', { salesRep: andi.id });
    const result = (await query<any, any>(t.key, ORDER_CREATE, { input: { items: [{ variation: gid('Variation', variation.id), quantity: 1 }], salesRepresentative: andi.id } })).orderCreate;
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['salesRepresentative'], message: 'sales rep Andi Saputra is inactive' }] });
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('groups the sales report by rep (free text for orders without one) and by team', async () => {
    const { t, variation } = await shop();
    const { bandung, jakarta, andi, wulan } = await salesForce(t);
    const items = (quantity: number) => [{ variation: gid('Variation', variation.id), quantity }];
    for (const input of [
      { items: items(1), salesRepresentative: andi.id },
      { items: items(2), salesRepresentative: andi.id },
      { items: items(3), salesRepresentative: wulan.id },
      { items: items(4), salesRep: 'Hendra' },
    ]) {
      expect((await query<any, any>(t.key, ORDER_CREATE, { input })).orderCreate.__typename).toBe('OrderCreatePayload');
    }
    const REPORT = `query ($groupBy: SalesReportGroupBy!) { salesReport(groupBy: $groupBy) { rows { key label figures { orderCount grossSales } } } }`;
    const rows = async (groupBy: string) =>
      ((await query<any, any>(t.key, REPORT, { groupBy })).salesReport.rows as any[]).map((r) => [r.key, r.label, r.figures.orderCount, r.figures.grossSales]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    // Keys are the database ids of rep and team.
    const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
    // 10000 a unit: Andi 1 + 2 units, Wulan 3, Hendra (free text) 4.
    expect(await rows('SALES_REP')).toEqual([
      [dbId(andi.id), 'Andi Saputra', 2, '30000.00'],
      ['Hendra', 'Hendra', 1, '40000.00'],
      [dbId(wulan.id), 'Wulan Lestari', 1, '30000.00'],
    ]);
    expect(await rows('SALES_TEAM')).toEqual([
      [null, null, 1, '40000.00'],
      [dbId(bandung.id), 'Tim Bandung', 2, '30000.00'],
      [dbId(jakarta.id), 'Tim Jakarta', 1, '30000.00'],
    ]);
  });
});

describe('who may do what', () => {
  it("shows a key bound to a channel only the visits to customers who ordered on its channel", async () => {
    const { t, customer, other, variation } = await shop();
    const { andi } = await salesForce(t);
    await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER' });
    await t.order({ customerId: customer.id, channel: 'offline', items: [{ variationId: variation.id, quantity: 1 }] });
    await t.order({ customerId: other.id, channel: 'shopee', items: [{ variationId: variation.id, quantity: 1 }] });
    await ok(t.key, 'visitCreate', { customer: gid('Customer', customer.id), salesRep: andi.id, notes: 'offline customer' });
    await ok(t.key, 'visitCreate', { customer: gid('Customer', other.id), salesRep: andi.id, notes: 'shopee customer' });
    const partner = await t.apiKey('PARTNER');
    const VISITS = `{ visits { totalCount edges { node { notes } } } }`;
    expect((await query<any, any>(partner, VISITS)).visits).toEqual({ totalCount: 1, edges: [{ node: { notes: 'offline customer' } }] });
    expect((await query<any, any>(t.key, VISITS)).visits.totalCount).toBe(2);
  });

  it('lets OWNER and ADMIN manage the sales force, STAFF record visits, and refuses a VIEWER both', async () => {
    const { t, customer } = await shop();
    const { andi } = await salesForce(t);
    await ok(t.key, 'visitStatusCreate', { name: 'Order', type: 'ORDER' });
    const staff = await t.apiKey('STAFF');
    const viewer = await t.apiKey('VIEWER');
    const admin = await t.apiKey('ADMIN');
    const teamCreate = (key: string) => execute<any, any>(key, document('salesTeamCreate'), { input: { name: `Tim ${key.slice(-6)}` } });
    expect((await teamCreate(staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await teamCreate(admin)).data?.salesTeamCreate.__typename).toBe('SalesTeamCreatePayload');
    const visit = { customer: gid('Customer', customer.id), salesRep: andi.id };
    expect((await execute<any, any>(staff, document('visitCreate'), { input: visit })).data?.visitCreate.__typename).toBe('VisitCreatePayload');
    expect((await execute<any, any>(viewer, document('visitCreate'), { input: visit })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.prisma.visit.count({ where: { tenantId: t.id } })).toBe(1);
  });
});
