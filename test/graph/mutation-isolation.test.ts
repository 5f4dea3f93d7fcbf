// Every mutation in the schema, called by tenant B with tenant A's ids in every id
// input, must neither change anything of A nor answer with A's objects. The calls
// are built by walking the schema, so a new mutation is swept without editing
// this test.
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { seedTenant } from '../../src/demo/seed/seed-tenant.js';
import { buildSchema } from '../../src/schema.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { tenantFingerprint } from '../support/tenant-fingerprint.js';
import { collectStrings, idTargetType, mutationCall, nodeTypeNames } from '../support/schema-walk.js';

const schema = buildSchema();
const nodeTypes = nodeTypeNames(schema);
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
const errorTypes = new Set(
  Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Error'))
    .map((t) => t.name),
);
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const delegate = (prisma: any, type: string) => prisma[type[0]!.toLowerCase() + type.slice(1)];

let tenantA: number;
let keyB: string;
const idOfA = new Map<string, string>();
const allIdsOfA = new Set<string>();

const fingerprint = tenantFingerprint;

beforeAll(async () => {
  const { fixtures } = await testApp();
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await seedTenant(fixtures, { tenant: `miso-a-${suffix}`, orders: 30, seed: 11 });
  const b = await seedTenant(fixtures, { tenant: `miso-b-${suffix}`, orders: 30, seed: 11 });
  tenantA = a.tenantId;
  keyB = (await createApiKey(fixtures.prisma, { tenantId: b.tenantId, name: 'b', role: 'OWNER' })).key;
  for (const type of nodeTypes) {
    const rows: Array<{ id: number }> = await delegate(fixtures.prisma, type).findMany({ where: { tenantId: a.tenantId }, select: { id: true } });
    rows.forEach((r) => allIdsOfA.add(globalId(type, r.id)));
    if (rows[0]) idOfA.set(type, globalId(type, rows[0].id));
  }
});

describe('tenant isolation across every mutation', () => {
  it("lets tenant B neither change nor see A's objects through any mutation", async () => {
    const before = await fingerprint(tenantA);
    const outcomes: Record<string, string> = {};
    for (const field of mutations) {
      const { document, variables } = mutationCall(schema, field, {
        optionalIds: true,
        idFor: (name) => {
          const type = idTargetType(nodeTypes, name, field.name);
          return type ? idOfA.get(type) : undefined;
        },
      });
      const passedA = [...collectStrings(variables, new Set())].some((v) => allIdsOfA.has(v));
      const response = await execute<any, any>(keyB, document, variables);
      const answered = [...collectStrings(response.data, new Set())];
      expect(answered.filter((v) => allIdsOfA.has(v)), `${field.name} answered with A's ids`).toEqual([]);
      const result = response.data?.[field.name];
      const typenames = [...collectTypenames(result)];
      if (passedA && result) {
        // With A's id in its input the mutation must fail: a typed error, a GraphQL error,
        // or (bulk mutations) a payload whose per-item results are typed errors.
        const failed = typenames.some((t) => errorTypes.has(t));
        expect(failed, `${field.name} succeeded for B with A's ids: ${JSON.stringify(response.data)}`).toBe(true);
      }
      outcomes[field.name] = response.errors?.length ? `error:${String(response.errors[0]!.extensions?.code)}` : typenames[0] ?? 'null';
    }
    expect(await fingerprint(tenantA)).toEqual(before);
    // Coverage: most mutations that take an id must have looked A's id up and not found it.
    const withIds = mutations.filter((f) => JSON.stringify(mutationCall(schema, f, { optionalIds: true, idFor: () => 'A' }).variables).includes('"A"'));
    const notFound = withIds.filter((f) => outcomes[f.name] === 'NotFoundError');
    console.info(`mutation isolation sweep: ${mutations.length} mutations, ${withIds.length} with ids, ${notFound.length} answered NotFoundError`);
    if (withIds.length) expect(notFound.length / withIds.length).toBeGreaterThan(0.5);
  });
});

/** Typenames in the result, the top level first. */
function collectTypenames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectTypenames(v, into));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.__typename === 'string') into.add(record.__typename);
    Object.values(record).forEach((v) => collectTypenames(v, into));
  }
  return into;
}


