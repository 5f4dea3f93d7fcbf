// Connection types are shared per node type: every list of orders is an
// OrderConnection of OrderEdges, so one client fragment fits all of them.
import { getNamedType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

describe('shared connection types', () => {
  it('names every connection after its node type (<Node>Connection of <Node>Edge)', () => {
    const schema = buildSchema();
    const connections = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && type.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(10);
    for (const connection of connections) {
      if (!isObjectType(connection)) continue;
      const edge = getNamedType(connection.getFields().edges!.type);
      if (!isObjectType(edge)) throw new Error(`${connection.name}.edges is not an object list`);
      const node = getNamedType(edge.getFields().node!.type);
      expect({ connection: connection.name, edge: edge.name }).toEqual({ connection: `${node.name}Connection`, edge: `${node.name}Edge` });
    }
  });

  it('gives Query.orders and Customer.orders the same type, and the lists of products theirs', () => {
    const schema = buildSchema();
    const fieldType = (type: string, field: string) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      return getNamedType(object.getFields()[field]!.type).name;
    };
    expect([fieldType('Query', 'orders'), fieldType('Customer', 'orders')]).toEqual(['OrderConnection', 'OrderConnection']);
    expect([fieldType('Query', 'products'), fieldType('ProductCategory', 'products'), fieldType('Supplier', 'products')]).toEqual([
      'ProductConnection',
      'ProductConnection',
      'ProductConnection',
    ]);
  });

  describe('over HTTP', () => {
    let t: TestTenant;
    beforeAll(async () => {
      t = await newTenant();
    });

    it('runs one list fragment on OrderConnection for both lists', async () => {
      const customer = await t.customer({ name: 'Budi' });
      for (let i = 0; i < 3; i++) await t.order({ customerId: customer.id, items: [] });
      const data = await query<any, never>(
        t.key,
        `fragment OrderPage on OrderConnection { __typename totalCount edges { __typename node { code } } }
         { orders(first: 2) { ...OrderPage edges { node { customer { orders(first: 5) { ...OrderPage } } } } } }`,
      );
      expect(data.orders.__typename).toBe('OrderConnection');
      expect(data.orders.totalCount).toBe(3);
      expect(data.orders.edges).toHaveLength(2);
      const own = data.orders.edges[0].node.customer.orders;
      expect(own).toMatchObject({ __typename: 'OrderConnection', totalCount: 3 });
      expect(own.edges.map((e: { __typename: string }) => e.__typename)).toEqual(['OrderEdge', 'OrderEdge', 'OrderEdge']);
    });
  });
});
