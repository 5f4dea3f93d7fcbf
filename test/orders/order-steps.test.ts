// Order.steps: who took the order through each step and when, as the history says.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(t.key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const STEPS = `steps {
  confirmed { at by } processed { at by } packed { at by } printed { at by }
  shipped { at by } completed { at by } cancelled { at by } returned { at by } }`;

describe('Order.steps', () => {
  it('names who confirmed, processed, packed and shipped an order and when; steps not taken are null; a step taken again shows the latest', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '10000', stock: { [warehouse.id]: 10 } }] });
    const customer = await t.customer();
    const created = await gql<{ orderCreate: { order: { id: string } } }>(
      t,
      `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', variations[0]!.id)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { id } } } }`,
    );
    const order = created.orderCreate.order.id;
    const move = (mutation: string, extra = '') => gql(t, `mutation { ${mutation}(input: { order: "${order}"${extra} }) { __typename } }`);
    const read = async () =>
      (await gql<{ order: { steps: Record<string, { at: string; by: string | null } | null>; events: Array<{ type: string; actor: string; createdAt: string }> } }>(
        t,
        `query ($id: ID!) { order(id: $id) { ${STEPS} events { type actor createdAt } } }`,
        { id: order },
      )).order;

    const fresh = await read();
    expect(fresh.steps).toEqual({ confirmed: null, processed: null, packed: null, printed: null, shipped: null, completed: null, cancelled: null, returned: null });

    await move('orderConfirm');
    const first = (await read()).steps.confirmed!;
    await move('orderSetPending', ', reason: "menunggu transfer"');
    await move('orderConfirm');
    await move('orderProcess');
    await move('orderPack');
    await move('orderShip');
    const after = await read();
    const at = (type: string) => after.events.filter((e) => e.type === type).map((e) => e.createdAt);
    // Two confirmations: the step shows the second.
    expect(at('confirm')).toHaveLength(2);
    expect(after.steps.confirmed!.at).toBe(at('confirm')[1]);
    expect(after.steps.confirmed!.at).not.toBe(first.at);
    expect(after.steps.processed!.at).toBe(at('process')[0]);
    expect(after.steps.packed!.at).toBe(at('pack')[0]);
    expect(after.steps.shipped!.at).toBe(at('ship')[0]);
    expect({ completed: after.steps.completed, cancelled: after.steps.cancelled, returned: after.steps.returned, printed: after.steps.printed }).toEqual({
      completed: null,
      cancelled: null,
      returned: null,
      printed: null,
    });
    // Taken by the test's key, as the history names it.
    const actors = new Set(['confirmed', 'processed', 'packed', 'shipped'].map((s) => after.steps[s]!.by));
    expect([...actors]).toEqual([after.events[0]!.actor]);
    expect(after.events[0]!.actor).toMatch(/\S/);
  });
});
