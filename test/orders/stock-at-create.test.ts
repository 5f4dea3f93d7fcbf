// Own stock is checked when an order is taken, not only when it is processed: a
// line beyond what is available (on hand minus reserved, over the active
// warehouses, or at the origin warehouse) is refused at create and at edit, naming
// the line's quantity and the total available, unless the client says backorder.
// And when processing is short, the error names the line's figures, not the
// leftovers of a split over warehouses.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** 704 units of one SKU: 400 in JKT and 304 in BDG. */
async function shop() {
  const t = await newTenant();
  const jkt = await t.warehouse({ code: 'JKT' });
  const bdg = await t.warehouse({ code: 'BDG' });
  const { variations } = await t.product({ variations: [{ sku: 'KOPI-1KG', price: '85000', stock: { [jkt.id]: 400, [bdg.id]: 304 } }] });
  const customer = await t.customer();
  return { t, jkt, bdg, variation: variations[0]!.id, customer: customer.id };
}

type Answer = { __typename: string; order?: { id: string }; problems?: Array<{ path: string[]; message: string }>; requested?: number; available?: number };

async function create(s: Awaited<ReturnType<typeof shop>>, quantity: number, extra = '') {
  const response = await execute<{ orderCreate: Answer }, never>(
    s.t.key,
    `mutation { orderCreate(input: { customer: "${gid('Customer', s.customer)}", items: [{ variation: "${gid('Variation', s.variation)}", quantity: ${quantity} }]${extra} }) {
      __typename ... on OrderCreatePayload { order { id } } ... on ValidationError { problems { path message } } } }`,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.orderCreate;
}

async function transition(key: string, mutation: string, order: string) {
  const response = await execute<Record<string, Answer>, never>(
    key,
    `mutation { ${mutation}(input: { order: "${order}" }) { __typename ${mutation === 'orderProcess' ? '... on InsufficientStockError { requested available }' : ''} } }`,
  );
  expect(response.errors).toBeUndefined();
  return response.data![mutation]!;
}

describe('own stock at create', () => {
  it('refuses 5,000 units when 704 are available, naming both, and writes nothing', async () => {
    const s = await shop();
    const answer = await create(s, 5000);
    expect(answer).toEqual({
      __typename: 'ValidationError',
      problems: [{ path: ['items', '0', 'quantity'], message: 'KOPI-1KG: 5000 requested, 704 available over the active warehouses; set backorder: true to order it anyway' }],
    });
    expect(await s.t.prisma.order.count({ where: { tenantId: s.t.id } })).toBe(0);
    // Exactly what is there is fine.
    expect((await create(s, 704)).__typename).toBe('OrderCreatePayload');
  });

  it('counts what processed orders reserve, and the origin warehouse alone when the order names one', async () => {
    const s = await shop();
    const first = await create(s, 100);
    await transition(s.t.key, 'orderConfirm', first.order!.id);
    expect((await transition(s.t.key, 'orderProcess', first.order!.id)).__typename).toBe('OrderProcessPayload');
    // 704 - 100 reserved.
    expect((await create(s, 605)).problems?.[0]?.message).toBe('KOPI-1KG: 605 requested, 604 available over the active warehouses; set backorder: true to order it anyway');
    // BDG alone holds 304 (the 100 were reserved from JKT, the warehouse with the most).
    expect((await create(s, 305, `, originWarehouse: "${gid('Warehouse', s.bdg.id)}"`)).problems?.[0]?.message).toBe(
      'KOPI-1KG: 305 requested, 304 available at the origin warehouse; set backorder: true to order it anyway',
    );
  });

  it('takes a backorder or a draft, and processing it names the line\'s 5,000 and the 704 available', async () => {
    const s = await shop();
    expect((await create(s, 5000, ', isDraft: true')).__typename).toBe('OrderCreatePayload');
    const backorder = await create(s, 5000, ', backorder: true');
    expect(backorder.__typename).toBe('OrderCreatePayload');
    await transition(s.t.key, 'orderConfirm', backorder.order!.id);
    expect(await transition(s.t.key, 'orderProcess', backorder.order!.id)).toEqual({ __typename: 'InsufficientStockError', requested: 5000, available: 704 });
  });

  it('refuses an edit that raises a line beyond what is available, unless it is a backorder', async () => {
    const s = await shop();
    const created = await create(s, 10);
    const item = (await s.t.prisma.orderItem.findFirstOrThrow({ where: { orderId: Number(Buffer.from(created.order!.id, 'base64').toString().split(':')[1]) } })).id;
    const edit = async (quantity: number, backorder: boolean) =>
      (
        await execute<{ orderEdit: Answer & { items?: Array<{ quantity: number }> } }, never>(
          s.t.key,
          `mutation { orderEdit(input: { order: "${created.order!.id}", updateItems: [{ item: "${gid('OrderItem', item)}", quantity: ${quantity} }], backorder: ${backorder} }) {
            __typename ... on ValidationError { problems { path message } } } }`,
        )
      ).data!.orderEdit;
    expect(await edit(800, false)).toEqual({
      __typename: 'ValidationError',
      problems: [{ path: ['updateItems', '0', 'quantity'], message: 'KOPI-1KG: 800 requested, 704 available over the active warehouses; set backorder: true to order it anyway' }],
    });
    expect((await edit(800, true)).__typename).toBe('OrderEditPayload');
    // Lowering a backordered line needs no stock.
    expect((await edit(750, false)).__typename).toBe('OrderEditPayload');
  });
});
