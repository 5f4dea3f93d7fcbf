// Delivery types: the catalogue through the API, and orders naming one.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}, key = t.key): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const CREATE_TYPE = `mutation ($input: DeliveryTypeCreateInput!) { deliveryTypeCreate(input: $input) {
  __typename ... on ValidationError { problems { path message } } ... on DeliveryTypeCreatePayload { deliveryType { id code name needsCourier isActive } } } }`;
const CREATE_ORDER = `mutation ($input: OrderCreateInput!) { orderCreate(input: $input) {
  __typename ... on ValidationError { problems { path message } } ... on OrderCreatePayload { order { deliveryType { code } } } } }`;

describe('delivery types', () => {
  it('are created with upper-case unique codes, listed, named by orders, and refused on new orders once inactive', async () => {
    const t = await newTenant();
    const created = await gql<{ deliveryTypeCreate: { deliveryType: { id: string; code: string; name: string; needsCourier: boolean; isActive: boolean } } }>(t, CREATE_TYPE, {
      input: { code: 'self delivery', name: 'Diantar sendiri', needsCourier: false },
    });
    const selfDelivery = created.deliveryTypeCreate.deliveryType;
    expect(selfDelivery).toMatchObject({ code: 'SELF_DELIVERY', name: 'Diantar sendiri', needsCourier: false, isActive: true });
    await gql(t, CREATE_TYPE, { input: { code: 'REGULAR', name: 'Reguler' } });
    const again = await gql<{ deliveryTypeCreate: { __typename: string; problems: Array<{ path: string[] }> } }>(t, CREATE_TYPE, { input: { code: 'Self_Delivery', name: 'x' } });
    expect(again.deliveryTypeCreate.problems.map((p) => p.path.join('.'))).toEqual(['code']);
    const list = await gql<{ deliveryTypes: { totalCount: number; edges: Array<{ node: { code: string } }> } }>(t, `{ deliveryTypes { totalCount edges { node { code } } } }`);
    expect(list.deliveryTypes.edges.map((e) => e.node.code)).toEqual(['REGULAR', 'SELF_DELIVERY']);

    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '10000', stock: { [warehouse.id]: 5 } }] });
    const order = (deliveryType: string) => gql<{ orderCreate: Record<string, unknown> }>(t, CREATE_ORDER, { input: { deliveryType, items: [{ variation: gid('Variation', variations[0]!.id), quantity: 1 }] } });
    expect((await order(selfDelivery.id)).orderCreate).toEqual({ __typename: 'OrderCreatePayload', order: { deliveryType: { code: 'SELF_DELIVERY' } } });
    // The order list filters by delivery type.
    const other = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const filtered = await gql<{ orders: { totalCount: number; edges: Array<{ node: { deliveryType: { code: string } | null } }> } }>(
      t,
      `query ($d: ID!) { orders(filter: { deliveryType: $d }) { totalCount edges { node { deliveryType { code } } } } }`,
      { d: selfDelivery.id },
    );
    expect(filtered.orders).toEqual({ totalCount: 1, edges: [{ node: { deliveryType: { code: 'SELF_DELIVERY' } } }] });
    expect(other.deliveryTypeId).toBeNull();
    await gql(t, `mutation ($input: DeliveryTypeUpdateInput!) { deliveryTypeUpdate(input: $input) { __typename } }`, { input: { deliveryType: selfDelivery.id, isActive: false } });
    expect((await order(selfDelivery.id)).orderCreate).toEqual({
      __typename: 'ValidationError',
      problems: [{ path: ['deliveryType'], message: 'delivery type Diantar sendiri is inactive' }],
    });
    const staff = await t.apiKey('STAFF');
    const refused = await execute(staff, CREATE_TYPE, { input: { code: 'PICKUP', name: 'Ambil' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
