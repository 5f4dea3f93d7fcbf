// Bad input to every query root field in the schema (walked, so a new query is
// covered without editing the test): an argument replaced by a value of the wrong
// type, a huge string, NUL / lone surrogates / direction and zero-width marks,
// numbers out of range, invalid and foreign global ids, sent as variables and as
// literals; and malformed documents (truncated, random text, deep nesting, alias
// and directive floods). Every answer must be an HTTP response with data or coded
// errors, never INTERNAL_SERVER_ERROR; the server keeps answering; its heap does
// not keep what it was sent; and no row changes.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { getNamedType, type GraphQLField } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { post } from '../support/execute.js';
import {
  collectStrings,
  deepSelection,
  idTargetType,
  inlineCall,
  leafPaths,
  nodeTypeNames,
  operationCall,
  replaceAt,
  selectionFor,
} from '../support/schema-walk.js';
import { allGlobalIds, smallShop, type ShopIds } from '../support/small-shop.js';
import { tenantFingerprint } from '../support/tenant-fingerprint.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const schema = buildSchema();
const nodeTypes = nodeTypeNames(schema);
const queryFields = Object.values(schema.getQueryType()!.getFields());
/** Codes a client may get for bad input; anything else (INTERNAL_SERVER_ERROR, no code) is a finding. */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  // An operationName the document does not have.
  'OPERATION_RESOLUTION_FAILURE',
]);
/** Pagination arguments left out of the base call (a cursor must come from a page); the fuzz sets them. */
const CURSOR_ARGS = new Set(['before', 'after', 'last']);
const FUZZ_RUNS_PER_FIELD = 12;

const base64 = (text: string) => Buffer.from(text).toString('base64');
const nested = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown) => Array.from({ length: depth }).reduce<unknown>(wrap, leaf);

let t: TestTenant;
let ids: ShopIds;
let foreign: TestTenant;
let foreignIds: ShopIds;
let foreignAll: Set<string>;

const BAD_VALUES = () =>
  fc.oneof(
    fc.constant(null),
    fc.constant('x'.repeat(1_000_000)), // just under the body limit: reaches the resolvers
    fc.constant('y'.repeat(2 ** 21)), // above it: refused before parsing
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'lone \udfff low', '\u202eRTL override', 'zero\u200bwidth\ufeff', 'e\u0301'.repeat(500), '🧨'.repeat(100)),
    fc.constantFrom('%', '_', '\\', "' OR 1=1 --", '*', '[a-', '(?:'),
    fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -1, 0, 1e308, -1e308, 0.5, Number.MIN_VALUE),
    fc.constantFrom(true, {}, [], [[]], { id: 1 }),
    fc.constant(nested(800, 'x', (inner) => [inner])),
    fc.constant(nested(800, 'x', (inner) => ({ a: inner }))),
    fc.constant(Array.from({ length: 20_000 }, (_, i) => `v${i}`)),
    fc.constantFrom('not-a-global-id', '', base64('Order:-1'), base64('Order:99999999999'), base64('Parcel:1'), base64('Order:1 OR 1=1'), base64('Order:1e3')),
    fc.constantFrom('-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '1e400', '-0', 'NaN'),
    fc.constantFrom('Order', 'Customer', 'Variation', 'Warehouse', 'Shipment', 'OrderEvent').map((type) => foreignIds[type]!),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.integer(),
    fc.double(),
  );

/** The field called with every argument and input field filled (ids of the tenant's own shop). */
function baseCall(field: GraphQLField<unknown, unknown>) {
  return operationCall(schema, 'query', field, {
    optionalIds: true,
    optionalFields: true,
    includeArg: (arg) => !CURSOR_ARGS.has(arg.name),
    idFor: (name, description) => {
      const type = idTargetType(nodeTypes, name, field.name, description);
      // A type the shop has no object of: a well-formed id that finds nothing.
      return type ? (ids[type] ?? encodeGlobalID(type, 2_000_000_000)) : ids.Order;
    },
  });
}

/** Paths of every leaf of the variables, and of the top-level arguments (set or not). */
function targets(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): (string | number)[][] {
  return [...field.args.map((arg) => [arg.name]), ...leafPaths(variables).filter((path) => path.length > 1)];
}

/** Malformed or oversized documents built from the field's base document. */
function documentCases(field: GraphQLField<unknown, unknown>, document: string, variables: Record<string, unknown>) {
  return fc.oneof(
    fc.nat({ max: document.length - 1 }).map((cut) => ({ query: document.slice(0, cut) })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((query) => ({ query })),
    fc.constant({ query: inlineCall('query', field, deepSelection(getNamedType(field.type), 40), variables) }),
    fc.constant({ query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    fc.constant({ query: `{ __typename ${'@include(if: true) '.repeat(50)} }` }),
    fc.constant({ query: `{ ${'... on Query { '.repeat(300)}__typename${' }'.repeat(300)} }` }),
    fc.constant({ query: `{ node(id: ${'['.repeat(3_000)}"x"${']'.repeat(3_000)}) { id } }` }),
    fc.constant({ query: `{ ${field.name} ${'{ a '.repeat(3_000)}${'}'.repeat(3_000)} }` }),
    // As text: JSON.stringify itself would overflow the stack on it.
    fc.constant(`{"query": ${JSON.stringify(document)}, "variables": {"${field.args[0]?.name ?? 'x'}": ${'['.repeat(50_000)}"x"${']'.repeat(50_000)}}}`),
    fc.constant({ query: document, variables: 'not an object' as unknown as Record<string, unknown> }),
    fc.constant({ query: document, operationName: '\u0000' }),
  );
}

interface Outcome {
  status: number;
  codes: string[];
}

/** Sends one request; returns what went wrong with its answer, if anything. */
async function send(body: unknown, problems: string[], label: string): Promise<Outcome> {
  const response = await post(typeof body === 'string' ? body : JSON.stringify(body), { authorization: `Bearer ${t.key}` });
  const text = await response.text();
  const outcome: Outcome = { status: response.status, codes: [] };
  if (response.status >= 500) problems.push(`${label}: HTTP ${response.status}`);
  let json: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    json = JSON.parse(text);
  } catch {
    problems.push(`${label}: HTTP ${response.status} without a JSON body: ${text.slice(0, 80)}`);
    return outcome;
  }
  for (const error of json.errors ?? []) {
    const code = String(error.extensions?.code);
    outcome.codes.push(code);
    if (!CLIENT_ERROR_CODES.has(code) || error.message === 'Unexpected error.') problems.push(`${label}: ${code} ${error.message.slice(0, 120)}`);
  }
  if (!json.errors?.length && json.data == null) problems.push(`${label}: neither data nor errors`);
  const leaked = [...collectStrings(json.data, new Set())].filter((s) => foreignAll.has(s));
  if (leaked.length) problems.push(`${label}: answered with another tenant's ids ${leaked.join(', ')}`);
  return outcome;
}

/** The V8 heap after a full collection (gc made callable for this process). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

const labelOf = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 40);

beforeAll(async () => {
  t = await newTenant();
  ids = await smallShop(t);
  foreign = await newTenant();
  foreignIds = await smallShop(foreign);
  foreignAll = await allGlobalIds(foreign.id, nodeTypes);
});

describe('bad input to every query', () => {
  it('answers the base call of every query with data, so the fuzz starts from calls that work', async () => {
    const problems: string[] = [];
    for (const field of queryFields) {
      const { document, variables } = baseCall(field);
      const { codes } = await send({ query: document, variables }, problems, `${field.name} base`);
      if (codes.length) problems.push(`${field.name} base: ${codes.join(', ')} ${JSON.stringify(variables).slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers each with data or a coded client error, keeps answering, keeps no memory of it and writes nothing', async () => {
    const before = { own: await tenantFingerprint(t.id), foreign: await tenantFingerprint(foreign.id) };
    const problems: string[] = [];
    const codes = new Map<string, number>();
    let cases = 0;
    const run = async (body: unknown, label: string) => {
      cases++;
      const outcome = await send(body, problems, label);
      for (const code of outcome.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    const fuzzField = async (field: GraphQLField<unknown, unknown>, runs: number) => {
      const { document, variables } = baseCall(field);
      const selection = selectionFor(schema, getNamedType(field.type), 2);
      const paths = targets(field, variables);
      const seed = [...field.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
      const samples = paths.length ? fc.sample(fc.tuple(fc.nat({ max: paths.length - 1 }), BAD_VALUES(), fc.boolean()), { numRuns: runs, seed }) : [];
      for (const [index, bad, asLiteral] of samples) {
        const mutated = replaceAt(variables, paths[index]!, bad) as Record<string, unknown>;
        const label = `${field.name} ${paths[index]!.join('.')}=${labelOf(bad)}${asLiteral ? ' (literal)' : ''}`;
        await run(asLiteral ? { query: inlineCall('query', field, selection, mutated) } : { query: document, variables: mutated }, label);
      }
      for (const body of fc.sample(documentCases(field, document, variables), { numRuns: Math.max(2, runs / 4), seed: seed + 1 })) {
        await run(body, `${field.name} document ${labelOf(body).slice(0, 60)}`);
      }
    };

    // Warm up (schema caches, loaders, JIT) before measuring the heap.
    for (const field of queryFields.slice(0, 5)) await fuzzField(field, 4);
    const heapBefore = heapAfterGc();
    for (const field of queryFields) await fuzzField(field, FUZZ_RUNS_PER_FIELD);
    for (let i = 0; i < 20; i++) await run(`{"query": "{ viewer { role } }", ${'x'.repeat(i * 997)}`, 'body that is not JSON');
    const heapGrowth = heapAfterGc() - heapBefore;

    console.info(
      `query fuzz: ${queryFields.length} query fields, ${cases} cases, heap growth ${(heapGrowth / 2 ** 20).toFixed(1)} MiB, codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(problems).toEqual([]);
    // Still up, and nothing written.
    const health = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${t.key}` });
    expect(((await health.json()) as any).data.viewer.role).toBe('OWNER');
    expect({ own: await tenantFingerprint(t.id), foreign: await tenantFingerprint(foreign.id) }).toEqual(before);
    // Generous: Prisma's debug module keeps the arguments of its last 100 calls, and a string argument can hold its whole request body.
    expect(heapGrowth).toBeLessThan(128 * 2 ** 20);
  });

  it('keeps no more than a bounded cache of the documents it was sent, however large or many', async () => {
    const heapBefore = heapAfterGc();
    for (let i = 0; i < 60; i++) {
      const problems: string[] = [];
      // Just under the body limit, and just under the token limit: each a different document.
      await send({ query: `{ viewer { role } } # ${String(i).padEnd(1_000_000, 'x')}` }, problems, 'large document');
      await send({ query: `{ ${Array.from({ length: 1_200 }, (_, j) => `d${i}_${j}: __typename`).join(' ')} }` }, problems, 'document of many tokens');
      expect(problems).toEqual([]);
    }
    const heapGrowth = heapAfterGc() - heapBefore;
    console.info(`query fuzz: 120 large documents, heap growth ${(heapGrowth / 2 ** 20).toFixed(1)} MiB`);
    // Yoga's own caches would keep all of them (about 115 MiB); ours keep at most 16 MiB each.
    expect(heapGrowth).toBeLessThan(48 * 2 ** 20);
  });
});
