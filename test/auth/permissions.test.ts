// The permission matrix as the API applies it: every mutation is classified, each
// role gets FORBIDDEN exactly where the matrix (or the transition table) says so,
// guarded fields are withheld, and the README prints the matrix from the same data.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, hasPermission } from '../../src/auth/permissions.js';
import { permissionMarkdown, README_END, README_START } from '../../src/auth/permission-docs.js';
import type { Role } from '../../src/db/generated/prisma/enums.js';
import { buildSchema } from '../../src/schema.js';
import { mutationScopes } from '../../src/graphql/permissions-plugin.js';
import { BULK_TRANSITION_MUTATION, transitionRoleRows } from '../../src/orders/graphql/transition-permissions.js';
import { TRANSITIONS } from '../../src/orders/transitions.js';
import { execute } from '../support/execute.js';
import { idTargetType, mutationCall, nodeTypeNames } from '../support/schema-walk.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const schema = buildSchema();
const mutations = Object.values(schema.getMutationType()!.getFields());
const nodeTypes = nodeTypeNames(schema);
// Ids that are well formed but name nothing: authorisation comes before any lookup.
const missingId = (type: string) => Buffer.from(`${type}:2147480000`).toString('base64');

function allowed(role: Role, mutation: string): boolean {
  const scopes = mutationScopes(mutation);
  return 'roles' in scopes ? scopes.roles.includes(role) : hasPermission(role, scopes.permission as never);
}

function transitionMutation(enumName: string): string {
  const key = enumName.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof TRANSITIONS;
  return TRANSITIONS[key].mutation;
}

let t: TestTenant;
const keys = new Map<Role, string>();
beforeAll(async () => {
  t = await newTenant();
  for (const role of ROLES) keys.set(role, await t.apiKey(role));
});

describe('the permission matrix', () => {
  it('classifies every mutation of the schema (a new one must be added to the matrix)', () => {
    const unclassified = mutations.map((f) => f.name).filter((name) => {
      const scopes = mutationScopes(name);
      return 'roles' in scopes && scopes.roles.length === 0;
    });
    expect(unclassified).toEqual([]);
    expect(mutations.length).toBeGreaterThan(50);
  });

  it('lets the owner run every mutation and the viewer none', () => {
    for (const field of mutations) {
      expect(allowed('OWNER', field.name), field.name).toBe(true);
      expect(allowed('VIEWER', field.name), field.name).toBe(false);
    }
  });

  it.each(ROLES.filter((r) => r !== 'OWNER'))('answers FORBIDDEN to %s exactly where the matrix says so', async (role) => {
    const key = keys.get(role)!;
    const wrong: string[] = [];
    for (const field of mutations) {
      const { document, variables } = mutationCall(schema, field, {
        optionalIds: false,
        idFor: (name) => missingId(idTargetType(nodeTypes, name, field.name) ?? 'Order'),
      });
      const response = await execute<any, any>(key, document, variables);
      const forbidden = response.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
      // The bulk mutation answers for the transition it was asked to run.
      const asked = field.name === BULK_TRANSITION_MUTATION ? transitionMutation(String(variables.transition)) : field.name;
      if (forbidden === allowed(role, asked)) wrong.push(`${field.name}: ${forbidden ? 'forbidden' : 'allowed'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('withholds purchase prices from partners and viewers, and shows them to staff', async () => {
    const { variations } = await t.product({ variations: [{ sku: `COST-${Date.now()}` }] });
    await t.prisma.variation.update({ where: { id: variations[0]!.id }, data: { costPrice: '1234' } });
    const document = 'query($id: ID!) { variation(id: $id) { sku costPrice } }';
    const id = Buffer.from(`Variation:${variations[0]!.id}`).toString('base64');
    for (const role of ROLES) {
      const response = await execute<any, any>(keys.get(role)!, document, { id });
      expect(response.data?.variation?.sku, role).toBe(variations[0]!.sku);
      if (hasPermission(role, 'costs.read')) expect(response.data.variation.costPrice, role).toBe('1234.00');
      else {
        expect(response.data.variation.costPrice, role).toBeNull();
        expect(response.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      }
    }
  });

  it("offers each role only the transitions it may run in Order.availableTransitions", async () => {
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 5 } }] });
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const id = Buffer.from(`Order:${order.id}`).toString('base64');
    const names = async (role: Role) => {
      const response = await execute<any, any>(keys.get(role)!, 'query($id: ID!) { order(id: $id) { availableTransitions { name } } }', { id });
      return response.data.order.availableTransitions.map((x: { name: string }) => x.name).sort();
    };
    expect(await names('OWNER')).toEqual(['CANCEL', 'PROCESS', 'SET_PENDING']);
    expect(await names('WAREHOUSE')).toEqual(['PROCESS']);
    expect(await names('VIEWER')).toEqual([]);
  });

  it('is printed into the README from the same data', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END)).trim();
    expect(section, 'run npm run docs:permissions').toBe(permissionMarkdown(transitionRoleRows()).trim());
  });
});
