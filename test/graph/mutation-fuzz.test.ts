// Bad input to every mutation in the schema (walked, so new mutations are covered):
// one argument leaf replaced by a value of the wrong type, an invalid id, a number
// out of range, a huge string or unicode oddities. Every answer must be a clear,
// coded error or a typed result, never INTERNAL_SERVER_ERROR; the server stays up;
// and the tenant's data is unchanged whenever the call did not succeed.
import fc from 'fast-check';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { idTargetType, leafPaths, mutationCall, nodeTypeNames, replaceAt } from '../support/schema-walk.js';
import { tenantFingerprint } from '../support/tenant-fingerprint.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const schema = buildSchema();
const nodeTypes = nodeTypeNames(schema);
const mutations = Object.values(schema.getMutationType()!.getFields());
const errorTypes = new Set(
  Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Error'))
    .map((t) => t.name),
);

const BAD_VALUES = fc.oneof(
  fc.constant(null),
  fc.constant('x'.repeat(100_000)),
  fc.constant('\u0000nul'),
  fc.constant('\ud800 lone surrogate'),
  fc.constant('‮rtl override'),
  fc.constant('🧨'.repeat(50)),
  fc.constant(2 ** 53),
  fc.constant(-2_147_483_649),
  fc.constant(1e308),
  fc.constant(-1),
  fc.constant(0.5),
  fc.constant(true),
  fc.constant({}),
  fc.constant([]),
  fc.constant('T3JkZXI6LTE='), // "Order:-1"
  fc.constant('not-a-global-id'),
  fc.constant(''),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

/** The tenant's rows as one string: any write shows. */
async function fingerprint(tenantId: number): Promise<string> {
  return JSON.stringify(await tenantFingerprint(tenantId));
}

let t: TestTenant;
const ids = new Map<string, string>();
beforeAll(async () => {
  t = await newTenant();
  const warehouse = await t.warehouse();
  const { product, variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 5 } }] });
  const customer = await t.customer();
  const order = await t.order({ customerId: customer.id, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
  const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
  ids.set('Warehouse', gid('Warehouse', warehouse.id));
  ids.set('Product', gid('Product', product.id));
  ids.set('Variation', gid('Variation', variations[0]!.id));
  ids.set('Customer', gid('Customer', customer.id));
  ids.set('Order', gid('Order', order.id));
});

describe('bad input to every mutation', () => {
  it('answers each with a coded error or a typed result, and writes nothing when it fails', async () => {
    let cases = 0;
    const failures: string[] = [];
    // The tenant's data as the last case left it: one fingerprint per case, after it.
    let current = await fingerprint(t.id);
    for (const field of mutations) {
      const { document, variables } = mutationCall(schema, field, {
        optionalIds: false,
        idFor: (name) => ids.get(idTargetType(nodeTypes, name, field.name) ?? '') ?? ids.get('Order'),
      });
      const paths = leafPaths(variables);
      const samples = fc.sample(fc.tuple(fc.nat({ max: Math.max(paths.length - 1, 0) }), BAD_VALUES), { numRuns: 6, seed: field.name.length * 7919 });
      for (const [index, bad] of samples) {
        cases++;
        const mutated = paths.length ? replaceAt(variables, paths[index]!, bad) : variables;
        const response = await execute<any, any>(t.key, document, mutated as never);
        const label = `${field.name} ${JSON.stringify(paths[index])}=${JSON.stringify(bad)?.slice(0, 30)}`;
        if (response.status >= 500) failures.push(`${label}: HTTP ${response.status}`);
        for (const error of response.errors ?? []) {
          const code = error.extensions?.code;
          if (!code || code === 'INTERNAL_SERVER_ERROR') failures.push(`${label}: ${String(code)} ${error.message.slice(0, 80)}`);
        }
        const result = response.data?.[field.name];
        const typename = result?.__typename as string | undefined;
        const succeeded = !!typename && !errorTypes.has(typename);
        // An export the case started writes its job row in the background: let it finish first.
        await (await testApp()).app.exports.idle();
        const after = await fingerprint(t.id);
        if (!succeeded && after !== current) failures.push(`${label}: failed but changed data`);
        current = after;
      }
    }
    console.info(`mutation fuzz: ${mutations.length} mutations, ${cases} bad inputs`);
    expect(failures).toEqual([]);
    // The server still answers.
    expect((await execute<any, any>(t.key, '{ viewer { role } }')).data.viewer.role).toBe('OWNER');
  }, 300_000); // every mutation of the schema, six cases each, and a fingerprint of the tenant per case
});
