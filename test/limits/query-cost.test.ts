import { describe, expect, it } from 'vitest';
import { getIntrospectionQuery, parse } from 'graphql';
import { buildSchema } from '../../src/schema.js';
import { cachedOperationCost, COST, operationCost } from '../../src/limits/query-cost.js';
import { loadConfig } from '../../src/config.js';

const schema = buildSchema();
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), undefined, variables);

describe('the cost of a request', () => {
  it('charges objects, not scalars', () => {
    expect(cost('{ viewer { role } }')).toBe(COST.object);
    expect(cost('{ viewer { role tenant { name } } }')).toBe(2 * COST.object);
  });

  it('multiplies what a connection selects by the page size asked for', () => {
    const page = (first: number) => cost(`{ orders(first: ${first}) { totalCount pageInfo { hasNextPage } edges { node { code customer { name } } } } }`);
    // orders (1) + pageInfo (1) + per order: edge (1) + node (1) + customer (1).
    expect(page(10)).toBe(2 + 10 * 3);
    expect(page(100)).toBe(2 + 100 * 3);
  });

  it('reads the page size from variables and defaults to the API default', () => {
    const query = 'query($n: Int) { orders(first: $n) { edges { node { code } } } }';
    expect(cost(query, { n: 50 })).toBe(1 + 50 * 2);
    expect(cost(query, {})).toBe(1 + COST.defaultPage * 2);
  });

  it('grows with nesting: a page of orders with their items costs more than the page', () => {
    const flat = cost('{ orders(first: 50) { edges { node { code } } } }');
    const nested = cost('{ orders(first: 50) { edges { node { code items { variation { sku product { name } } } } } } }');
    expect(nested).toBeGreaterThan(flat * 5);
  });

  it('counts fragments once per spread and survives fragment cycles', () => {
    const withFragment = cost('{ orders(first: 10) { edges { node { ...F } } } } fragment F on Order { customer { name } }');
    expect(withFragment).toBe(1 + 10 * 3);
    expect(() => cost('{ viewer { ...A } } fragment A on Viewer { ...A }')).not.toThrow();
  });

  it('lets GraphiQL introspect the schema within the per-request limit', () => {
    const introspection = cost(getIntrospectionQuery());
    expect(introspection).toBeGreaterThan(100);
    expect(introspection).toBeLessThanOrEqual(loadConfig({}).limits.maxCost);
  });
});

describe('cachedOperationCost', () => {
  it('keeps the cost of a document whose page sizes are literals, and recomputes one whose page size is a variable', () => {
    const cached = cachedOperationCost();
    const literal = parse('{ orders(first: 7) { edges { node { customer { name } } } } }');
    expect(cached(schema, literal, undefined, {})).toBe(operationCost(schema, literal, undefined, {}));
    expect(cached(schema, literal, undefined, { first: 99 })).toBe(operationCost(schema, literal, undefined, {}));
    const variable = parse('query ($first: Int) { orders(first: $first) { edges { node { customer { name } } } } }');
    const small = cached(schema, variable, undefined, { first: 2 });
    const large = cached(schema, variable, undefined, { first: 90 });
    expect(small).toBe(operationCost(schema, variable, undefined, { first: 2 }));
    expect(large).toBe(operationCost(schema, variable, undefined, { first: 90 }));
    expect(large).toBeGreaterThan(small);
  });
});
