// Keys bound to a sales channel or to warehouses, through the API as a partner's
// integration uses it: a PARTNER key on "shopee" reads shopee's orders only (list,
// totalCount, by id, counts, nested, labels, subscriptions), creates orders on shopee
// only, and sees the phone, e-mail and addresses of a customer only when the customer
// ordered on shopee. A warehouse-bound key changes and reads stock of its warehouses only,
// and moves only orders that involve its warehouses only.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { liveServer, subscribe, wsClient, type WsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

interface Shop {
  t: TestTenant;
  partner: string;
  warehouse: number;
  variation: number;
  /** Customer with a shopee order; customer with tokopedia orders only. */
  shopeeCustomer: number;
  tokopediaCustomer: number;
  orders: { shopee1: { id: number; code: string }; shopee2: { id: number; code: string }; tokopedia: { id: number; code: string }; offline: { id: number; code: string } };
  shipments: { shopee: number; tokopedia: number };
}

async function shop(): Promise<Shop> {
  const t = await newTenant();
  const w = await t.warehouse({ code: 'GDG', name: 'Gudang' });
  const { variations } = await t.product({ variations: [{ price: '10000', stock: { [w.id]: 100 } }] });
  const variation = variations[0]!.id;
  const items = [{ variationId: variation, quantity: 1 }];
  const shopeeCustomer = await t.customer({ name: 'Sari Shopee', phone: '081111111111' });
  const tokopediaCustomer = await t.customer({ name: 'Tono Tokopedia', phone: '082222222222' });
  await t.prisma.customer.update({ where: { id: tokopediaCustomer.id }, data: { email: 'tono@example.com', address: 'Jl. Rahasia 7' } });
  await t.prisma.customerAddress.create({ data: { tenantId: t.id, customerId: tokopediaCustomer.id, recipientName: 'Tono', phone: '082222222222', address: 'Jl. Rahasia 7' } });
  await t.prisma.customerAddress.create({ data: { tenantId: t.id, customerId: shopeeCustomer.id, recipientName: 'Sari', phone: '081111111111', address: 'Jl. Terbuka 1' } });
  const shopee1 = await t.order({ channel: 'shopee', customerId: shopeeCustomer.id, status: 'SHIPPED', items });
  const shopee2 = await t.order({ channel: 'shopee', customerId: shopeeCustomer.id, status: 'PENDING', items });
  const tokopedia = await t.order({ channel: 'tokopedia', customerId: tokopediaCustomer.id, status: 'SHIPPED', items });
  const offline = await t.order({ channel: 'offline', status: 'PENDING', items });
  const courier = await t.courier({ code: 'jne', name: 'JNE' });
  const shipShopee = await t.shipment({ orderId: shopee1.id, warehouseId: w.id, courierId: courier.id, trackingNumber: 'AWB-S1', status: 'IN_TRANSIT' });
  const shipTokopedia = await t.shipment({ orderId: tokopedia.id, warehouseId: w.id, courierId: courier.id, trackingNumber: 'AWB-T1', status: 'IN_TRANSIT' });
  return {
    t,
    partner: await t.apiKey('PARTNER', { channel: 'shopee' }),
    warehouse: w.id,
    variation,
    shopeeCustomer: shopeeCustomer.id,
    tokopediaCustomer: tokopediaCustomer.id,
    orders: { shopee1, shopee2, tokopedia, offline },
    shipments: { shopee: shipShopee.id, tokopedia: shipTokopedia.id },
  };
}

describe('a PARTNER key bound to a sales channel', () => {
  let s: Shop;
  beforeAll(async () => {
    s = await shop();
  });

  it("lists only its channel's orders, with a totalCount to match, while the owner sees all four", async () => {
    const list = await query<any, never>(s.partner, '{ orders(first: 50) { totalCount edges { node { code channel } } } }');
    expect(list.orders.totalCount).toBe(2);
    expect(list.orders.edges.map((e: any) => e.node.code).sort()).toEqual([s.orders.shopee1.code, s.orders.shopee2.code].sort());
    // Without totalCount the list is a compiled read for unbound keys: the bound key still gets its two.
    const plain = await query<any, never>(s.partner, '{ orders(first: 50) { edges { node { code channel } } } }');
    expect(plain.orders.edges.map((e: any) => e.node.channel)).toEqual(['shopee', 'shopee']);
    const owner = await query<any, never>(s.t.key, '{ orders(first: 50) { edges { node { code } } } }');
    expect(owner.orders.edges).toHaveLength(4);
  });

  it('finds another channel\'s order by no id, code or node: null, as a missing one', async () => {
    const id = gid('Order', s.orders.tokopedia.id);
    const data = await query<any, any>(
      s.partner,
      'query($id: ID!, $code: String!) { order(id: $id) { code } node(id: $id) { id } orderByCode(code: $code) { code } }',
      { id, code: s.orders.tokopedia.code },
    );
    expect(data).toEqual({ order: null, node: null, orderByCode: null });
    const own = await query<any, any>(s.partner, 'query($id: ID!) { order(id: $id) { code } }', { id: gid('Order', s.orders.shopee1.id) });
    expect(own.order).toEqual({ code: s.orders.shopee1.code });
  });

  it('counts only its channel per status', async () => {
    const data = await query<any, never>(s.partner, '{ orderStatusCounts { status count } }');
    const counts = Object.fromEntries(data.orderStatusCounts.map((c: any) => [c.status, c.count]));
    expect(counts.SHIPPED).toBe(1);
    expect(counts.PENDING).toBe(1);
    expect(data.orderStatusCounts.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(2);
  });

  it('sees only the customers who ordered on its channel; another customer a result still holds has no contact data', async () => {
    const data = await query<any, any>(
      s.partner,
      `query($a: ID!, $b: ID!) {
        a: customer(id: $a) { name phone addresses { phone address } orders(first: 10) { totalCount edges { node { channel } } } }
        b: customer(id: $b) { name phone }
      }`,
      { a: gid('Customer', s.shopeeCustomer), b: gid('Customer', s.tokopediaCustomer) },
    );
    expect(data.a).toEqual({
      name: 'Sari Shopee',
      phone: '081111111111',
      addresses: [{ phone: '081111111111', address: 'Jl. Terbuka 1' }],
      orders: { totalCount: 2, edges: [{ node: { channel: 'shopee' } }, { node: { channel: 'shopee' } }] },
    });
    expect(data.b).toBeNull();
    // Its statistics (raw SQL, outside Prisma) count its channel's orders only.
    await s.t.order({ channel: 'tokopedia', customerId: s.shopeeCustomer, items: [{ variationId: s.variation, quantity: 1 }] });
    const stats = `query($a: ID!) { customer(id: $a) { stats { orderCount } } }`;
    expect((await query<any, any>(s.partner, stats, { a: gid('Customer', s.shopeeCustomer) })).customer.stats.orderCount).toBe(2);
    expect((await query<any, any>(s.t.key, stats, { a: gid('Customer', s.shopeeCustomer) })).customer.stats.orderCount).toBe(3);
    // Neither listed nor found by a search on the phone (a compiled read for the owner).
    const list = await query<any, never>(s.partner, '{ customers(first: 50) { edges { node { name phone } } } }');
    expect(list.customers.edges).toEqual([{ node: { name: 'Sari Shopee', phone: '081111111111' } }]);
    const search = await query<any, never>(s.partner, '{ customers(first: 5, filter: { search: "082222222222" }) { edges { node { name } } } }');
    expect(search.customers.edges).toEqual([]);
    // A shopee order whose recipient is the tokopedia customer: the party shows, the customer record's contact data does not.
    await s.t.prisma.orderParty.create({
      data: { tenantId: s.t.id, orderId: s.orders.shopee2.id, role: 'RECIPIENT', name: 'Tono', customerId: s.tokopediaCustomer },
    });
    const order = await query<any, any>(
      s.partner,
      'query($id: ID!) { order(id: $id) { recipient { name customer { name phone email address addresses { phone } } } } }',
      { id: gid('Order', s.orders.shopee2.id) },
    );
    expect(order.order.recipient).toEqual({ name: 'Tono', customer: { name: 'Tono Tokopedia', phone: null, email: null, address: null, addresses: [] } });
    const owner = await query<any, any>(s.t.key, 'query($b: ID!) { customer(id: $b) { phone } }', { b: gid('Customer', s.tokopediaCustomer) });
    expect(owner.customer.phone).toBe('082222222222');
  });

  it("reaches no other channel's order through shipments or the stock ledger", async () => {
    const data = await query<any, never>(s.partner, '{ shipments(first: 20) { totalCount edges { node { trackingNumber order { code } } } } }');
    expect(data.shipments.totalCount).toBe(1);
    expect(data.shipments.edges).toEqual([{ node: { trackingNumber: 'AWB-S1', order: { code: s.orders.shopee1.code } } }]);
    const shipment = await query<any, any>(s.partner, 'query($id: ID!) { node(id: $id) { id } }', { id: gid('Shipment', s.shipments.tokopedia) });
    expect(shipment.node).toBeNull();
  });

  it("serves its own orders' labels and answers 404 for another channel's", async () => {
    const { app } = await testApp();
    const label = (shipmentId: number) =>
      app.yoga.fetch(`http://ordergraph.test/labels/${encodeURIComponent(gid('Shipment', shipmentId))}.pdf`, { headers: { authorization: `Bearer ${s.partner}` } });
    expect((await label(s.shipments.shopee)).status).toBe(200);
    const other = await label(s.shipments.tokopedia);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('creates orders on its channel (the default) and refuses another channel with CHANNEL_NOT_ALLOWED', async () => {
    const create = (extra: string) =>
      query<any, never>(
        s.partner,
        `mutation { orderCreate(input: { items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }]${extra} }) { __typename
          ... on OrderCreatePayload { order { channel } }
          ... on ChannelNotAllowedError { code channel allowedChannel }
          ... on ValidationError { problems { path message } } } }`,
      );
    expect((await create('')).orderCreate).toEqual({ __typename: 'OrderCreatePayload', order: { channel: 'shopee' } });
    expect((await create(', channel: "shopee"')).orderCreate).toEqual({ __typename: 'OrderCreatePayload', order: { channel: 'shopee' } });
    const before = await s.t.prisma.order.count({ where: { tenantId: s.t.id, channel: 'tokopedia' } });
    expect((await create(', channel: "tokopedia"')).orderCreate).toEqual({
      __typename: 'ChannelNotAllowedError',
      code: 'CHANNEL_NOT_ALLOWED',
      channel: 'tokopedia',
      allowedChannel: 'shopee',
    });
    expect(await s.t.prisma.order.count({ where: { tenantId: s.t.id, channel: 'tokopedia' } })).toBe(before);
    // Naming a customer it does not serve would open that customer's contact data to it.
    const foreign = await create(`, customer: "${gid('Customer', s.tokopediaCustomer)}"`);
    expect(foreign.orderCreate.__typename).toBe('ValidationError');
    expect(foreign.orderCreate.problems[0].path).toEqual(['customer']);
    const served = await create(`, customer: "${gid('Customer', s.shopeeCustomer)}"`);
    expect(served.orderCreate).toEqual({ __typename: 'OrderCreatePayload', order: { channel: 'shopee' } });
  });

  it('numbers its orders across the tenant: a code other channels hold is not reused', async () => {
    const owner = await query<any, never>(
      s.t.key,
      `mutation { orderCreate(input: { channel: "tokopedia", items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { code } } } }`,
    );
    const partner = await query<any, never>(
      s.partner,
      `mutation { orderCreate(input: { items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }] }) { __typename ... on OrderCreatePayload { order { code } } } }`,
    );
    expect(partner.orderCreate.__typename).toBe('OrderCreatePayload');
    expect(partner.orderCreate.order.code).not.toBe(owner.orderCreate.order.code);
  });

  it('tells who it is: its role and channel', async () => {
    const data = await query<any, never>(s.partner, '{ viewer { role channel } }');
    expect(data.viewer).toEqual({ role: 'PARTNER', channel: 'shopee' });
  });
});

describe('subscriptions of a channel key', () => {
  const sockets: WsClient[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((ws) => ws.dispose()));
  });

  it("receive the new orders of its channel and none of another's", async () => {
    const s = await shop();
    const { app, url } = await liveServer();
    const ws = wsClient(url, s.partner);
    sockets.push(ws);
    const created = subscribe<any, never>(ws, parse('subscription { orderCreated { order { code channel } } }'));
    await until(() => (app.events.subscriberCount?.(s.t.id) ?? 0) >= 1);
    const createOn = (channel: string) =>
      query<any, never>(
        s.t.key,
        `mutation { orderCreate(input: { channel: "${channel}", items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { code } } } }`,
      );
    await createOn('tokopedia');
    const shopee = await createOn('shopee');
    const first = await created.nextData();
    expect(first.orderCreated.order).toEqual({ code: shopee.orderCreate.order.code, channel: 'shopee' });
    created.unsubscribe();
  });

  it('replay their status history and count their tiles within its channel', async () => {
    const s = await shop();
    const { url } = await liveServer();
    const ws = wsClient(url, s.partner);
    sockets.push(ws);
    const createOn = async (channel: string) => {
      const data = await query<any, never>(
        s.t.key,
        `mutation { orderCreate(input: { channel: "${channel}", items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { code events { id } } } } }`,
      );
      return data.orderCreate.order as { code: string; events: Array<{ id: string }> };
    };
    const first = await createOn('shopee');
    await createOn('tokopedia');
    const last = await createOn('shopee');
    const replay = subscribe<any, any>(ws, parse('subscription($after: ID) { orderStatusChanged(after: $after) { replayed order { code channel } } }'), {
      after: first.events[0]!.id,
    });
    // The tokopedia order's creation lies between: it is skipped.
    expect((await replay.nextData()).orderStatusChanged).toEqual({ replayed: true, order: { code: last.code, channel: 'shopee' } });
    replay.unsubscribe();
    const tiles = subscribe<any, never>(ws, parse('subscription { orderStatusCountsChanged { counts { status count } } }'));
    const counts = (await tiles.nextData()).orderStatusCountsChanged.counts;
    // The fixture's two shopee orders and the two created here.
    expect(counts.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(4);
    tiles.unsubscribe();
  });
});

describe('creating keys with a binding', () => {
  it('refuses a PARTNER key without a channel (KEY_BINDING_REQUIRED) and lists the binding of a bound one', async () => {
    const t = await newTenant();
    const create = (input: Record<string, unknown>) =>
      query<any, any>(
        t.key,
        `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { __typename
          ... on ApiKeyCreatePayload { key apiKey { role channel warehouses } }
          ... on KeyBindingRequiredError { code role binding }
          ... on ValidationError { problems { path message } } } }`,
        { input },
      );
    expect((await create({ name: 'marketplace', role: 'PARTNER' })).apiKeyCreate).toEqual({
      __typename: 'KeyBindingRequiredError',
      code: 'KEY_BINDING_REQUIRED',
      role: 'PARTNER',
      binding: 'sales channel',
    });
    expect(await t.prisma.apiKey.count({ where: { tenantId: t.id, role: 'PARTNER' } })).toBe(0);
    const bound = (await create({ name: 'marketplace', role: 'PARTNER', channel: ' Shopee ' })).apiKeyCreate;
    expect(bound.apiKey).toEqual({ role: 'PARTNER', channel: 'shopee', warehouses: [] });
    const w = await t.warehouse();
    const other = await newTenant();
    const foreign = await other.warehouse();
    const refused = (await create({ name: 'picker', role: 'WAREHOUSE', warehouses: [gid('Warehouse', foreign.id)] })).apiKeyCreate;
    expect(refused).toEqual({ __typename: 'ValidationError', problems: [{ path: ['warehouses'], message: 'names a warehouse this tenant does not have' }] });
    const picker = (await create({ name: 'picker', role: 'WAREHOUSE', warehouses: [gid('Warehouse', w.id)] })).apiKeyCreate;
    expect(picker.apiKey).toEqual({ role: 'WAREHOUSE', channel: null, warehouses: [gid('Warehouse', w.id)] });
  });

  it('refuses a PARTNER key stored without a channel (made before bindings) with 401', async () => {
    const t = await newTenant();
    const { createApiKey } = await import('../../src/auth/api-keys.js');
    const { key, id } = await createApiKey(t.prisma, { tenantId: t.id, name: 'old partner', role: 'VIEWER' });
    await t.prisma.apiKey.update({ where: { id }, data: { role: 'PARTNER' } });
    const response = await execute(key, '{ orders(first: 1) { totalCount } }');
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toContain('bound to no sales channel');
  });
});

describe('a WAREHOUSE key bound to warehouses', () => {
  it('changes and reads stock of its warehouses only', async () => {
    const t = await newTenant();
    const mine = await t.warehouse({ code: 'MINE' });
    const theirs = await t.warehouse({ code: 'THEIRS' });
    const { variations } = await t.product({ variations: [{ stock: { [mine.id]: 10, [theirs.id]: 20 } }] });
    const key = await t.apiKey('WAREHOUSE', { warehouseIds: [mine.id] });
    const adjust = (warehouse: number) =>
      query<any, never>(
        key,
        `mutation { stockAdjust(input: { variation: "${gid('Variation', variations[0]!.id)}", warehouse: "${gid('Warehouse', warehouse)}", quantity: 1, reason: "count" }) { __typename
          ... on WarehouseNotAllowedError { code warehouseId } } }`,
      );
    expect((await adjust(mine.id)).stockAdjust.__typename).not.toBe('WarehouseNotAllowedError');
    expect((await adjust(theirs.id)).stockAdjust).toEqual({ __typename: 'WarehouseNotAllowedError', code: 'WAREHOUSE_NOT_ALLOWED', warehouseId: gid('Warehouse', theirs.id) });
    const levels = await t.prisma.stockLevel.findMany({ where: { variationId: variations[0]!.id }, orderBy: { warehouseId: 'asc' } });
    expect(levels.map((l) => l.onHand)).toEqual([11, 20]);
    const data = await query<any, any>(
      key,
      `query($v: ID!) { variation(id: $v) { stockLevels { onHand } stock { onHand } } stockMovements(first: 20) { totalCount } }`,
      { v: gid('Variation', variations[0]!.id) },
    );
    expect(data.variation).toEqual({ stockLevels: [{ onHand: 11 }], stock: { onHand: 11 } });
    // The receipt of 10 and the adjustment of 1, both in its warehouse.
    expect(data.stockMovements.totalCount).toBe(2);
  });
});

describe('a WAREHOUSE key and the orders of other warehouses', () => {
  // An order involves a warehouse when it is its origin or destination, a line is allocated from it, or a shipment
  // ships from it; a key bound to "mine" moves orders that involve "mine" only.
  const transition = (key: string, mutation: string, input: string) =>
    query<any, never>(
      key,
      `mutation { ${mutation}(input: { ${input} }) { __typename
        ... on WarehouseNotAllowedError { code warehouseId }
        ... on ${mutation.charAt(0).toUpperCase() + mutation.slice(1)}Payload { order { status } } } }`,
    );

  it('packs, ships and processes orders of its warehouse and is refused on another warehouse\'s, with nothing written', async () => {
    const t = await newTenant();
    const mine = await t.warehouse({ code: 'MINE' });
    const theirs = await t.warehouse({ code: 'THEIRS' });
    // "theirs" holds more: an allocation left to the strategy would pick it for an unbound key.
    const { variations } = await t.product({ variations: [{ price: '10000', stock: { [mine.id]: 10, [theirs.id]: 50 } }] });
    const variation = variations[0]!.id;
    const owner = await t.apiKey('OWNER');
    const key = await t.apiKey('WAREHOUSE', { warehouseIds: [mine.id] });
    const confirmed = async () => t.order({ status: 'CONFIRMED', items: [{ variationId: variation, quantity: 2 }] });
    const lineOf = async (orderId: number) => (await t.prisma.orderItem.findFirstOrThrow({ where: { orderId } })).id;
    const processIn = async (by: string, orderId: number, warehouse: number) =>
      transition(by, 'orderProcess', `order: "${gid('Order', orderId)}", allocations: [{ item: "${gid('OrderItem', await lineOf(orderId))}", warehouse: "${gid('Warehouse', warehouse)}", quantity: 2 }]`);

    const ofMine = await confirmed();
    const ofTheirs = await confirmed();
    expect((await processIn(owner, ofMine.id, mine.id)).orderProcess).toEqual({ __typename: 'OrderProcessPayload', order: { status: 'PROCESSING' } });
    expect((await processIn(owner, ofTheirs.id, theirs.id)).orderProcess).toEqual({ __typename: 'OrderProcessPayload', order: { status: 'PROCESSING' } });

    const snapshot = async () => ({
      orders: await t.prisma.order.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' }, select: { id: true, status: true, version: true } }),
      events: await t.prisma.orderEvent.count({ where: { tenantId: t.id } }),
      levels: await t.prisma.stockLevel.findMany({ where: { variationId: variation }, orderBy: { warehouseId: 'asc' }, select: { warehouseId: true, onHand: true, reserved: true } }),
      movements: await t.prisma.stockMovement.count({ where: { tenantId: t.id } }),
      allocations: await t.prisma.orderItemAllocation.count({ where: { tenantId: t.id } }),
      shipments: await t.prisma.shipment.count({ where: { tenantId: t.id } }),
    });
    const refused = { __typename: 'WarehouseNotAllowedError', code: 'WAREHOUSE_NOT_ALLOWED', warehouseId: gid('Warehouse', theirs.id) };

    // Its own warehouse's order: packed.
    expect((await transition(key, 'orderPack', `order: "${gid('Order', ofMine.id)}"`)).orderPack).toEqual({ __typename: 'OrderPackPayload', order: { status: 'PACKED' } });

    // Another warehouse's order: packing, shipping and the bulk mutation are refused, and nothing changes.
    const before = await snapshot();
    expect((await transition(key, 'orderPack', `order: "${gid('Order', ofTheirs.id)}"`)).orderPack).toEqual(refused);
    expect((await transition(key, 'orderShip', `order: "${gid('Order', ofTheirs.id)}"`)).orderShip).toEqual(refused);
    const bulk = await query<any, never>(
      key,
      `mutation { ordersTransition(transition: SHIP, orders: ["${gid('Order', ofTheirs.id)}"]) { __typename
        ... on OrdersTransitionPayload { succeeded failed results { success error { __typename ... on WarehouseNotAllowedError { warehouseId } } } } } }`,
    );
    expect(bulk.ordersTransition).toEqual({
      __typename: 'OrdersTransitionPayload',
      succeeded: 0,
      failed: 1,
      results: [{ success: false, error: { __typename: 'WarehouseNotAllowedError', warehouseId: gid('Warehouse', theirs.id) } }],
    });
    // A confirmed order that involves no warehouse yet, allocated by the key in another warehouse: refused, rolled back.
    const fresh = await confirmed();
    const beforeFresh = await snapshot();
    expect((await processIn(key, fresh.id, theirs.id)).orderProcess).toEqual(refused);
    // A transfer from its warehouse to another: the destination is another warehouse's too.
    const transfer = await confirmed();
    await t.prisma.order.update({ where: { id: transfer.id }, data: { kind: 'RELOCATION', originWarehouseId: mine.id, destinationWarehouseId: theirs.id } });
    const beforeTransfer = await snapshot();
    expect((await transition(key, 'orderProcess', `order: "${gid('Order', transfer.id)}"`)).orderProcess).toEqual(refused);
    expect(await snapshot()).toEqual(beforeTransfer);
    await t.prisma.order.update({ where: { id: transfer.id }, data: { kind: 'SALE', originWarehouseId: null, destinationWarehouseId: null } });
    const after = await snapshot();
    expect(after.orders.filter((o) => o.id !== fresh.id && o.id !== transfer.id)).toEqual(before.orders);
    expect({ ...after, orders: after.orders.filter((o) => o.id !== transfer.id) }).toEqual({ ...beforeFresh, orders: beforeFresh.orders });
    expect(after.levels).toEqual([
      { warehouseId: mine.id, onHand: 10, reserved: 2 },
      { warehouseId: theirs.id, onHand: 50, reserved: 2 },
    ]);

    // The same order left to the strategy: allocated from the key's warehouse (the stock it reads), then shipped from it.
    expect((await transition(key, 'orderProcess', `order: "${gid('Order', fresh.id)}"`)).orderProcess).toEqual({ __typename: 'OrderProcessPayload', order: { status: 'PROCESSING' } });
    expect(await t.prisma.orderItemAllocation.findMany({ where: { orderItem: { orderId: fresh.id } }, select: { warehouseId: true, quantity: true } })).toEqual([{ warehouseId: mine.id, quantity: 2 }]);
    expect((await transition(key, 'orderShip', `order: "${gid('Order', ofMine.id)}"`)).orderShip).toEqual({ __typename: 'OrderShipPayload', order: { status: 'SHIPPED' } });
    const levels = await t.prisma.stockLevel.findMany({ where: { variationId: variation }, orderBy: { warehouseId: 'asc' }, select: { onHand: true, reserved: true } });
    expect(levels).toEqual([{ onHand: 8, reserved: 2 }, { onHand: 50, reserved: 2 }]);

    // Shipments: another warehouse's order gets no extra package from the key, and its shipment's label is not the key's to mark.
    expect((await transition(owner, 'orderShip', `order: "${gid('Order', ofTheirs.id)}"`)).orderShip).toEqual({ __typename: 'OrderShipPayload', order: { status: 'SHIPPED' } });
    const theirShipment = await t.prisma.shipment.findFirstOrThrow({ where: { orderId: ofTheirs.id } });
    const shipmentsBefore = await t.prisma.shipment.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } });
    const created = await query<any, never>(
      key,
      `mutation { shipmentCreate(input: { order: "${gid('Order', ofTheirs.id)}", warehouse: "${gid('Warehouse', mine.id)}" }) { __typename ... on WarehouseNotAllowedError { warehouseId } } }`,
    );
    expect(created.shipmentCreate).toEqual({ __typename: 'WarehouseNotAllowedError', warehouseId: gid('Warehouse', theirs.id) });
    const printed = await query<any, never>(
      key,
      `mutation { shipmentLabelMarkPrinted(input: { shipment: "${gid('Shipment', theirShipment.id)}" }) { __typename ... on WarehouseNotAllowedError { warehouseId } } }`,
    );
    expect(printed.shipmentLabelMarkPrinted).toEqual({ __typename: 'WarehouseNotAllowedError', warehouseId: gid('Warehouse', theirs.id) });
    expect(await t.prisma.shipment.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } })).toEqual(shipmentsBefore);
  });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
