// Trusted documents through HTTP: a client build's manifest is pushed (npm run
// documents:push), requests name a document by documentId or by its APQ hash, keys
// limited to trusted documents run nothing else, unknown ids get a coded error.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDocumentsPush, UsageError } from '../../scripts/documents-push.js';
import { runApiKeyCommand } from '../../scripts/apikey.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { testApp } from '../support/app.js';
import { post } from '../support/execute.js';
import { liveServer, subscribe, wsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

interface Body {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Operation names unique to this run: the table of trusted documents is shared by every test file.
const run = randomUUID().slice(0, 8);
const viewerRole = `query TrustedRole_${run} { viewer { role } }`;
const tenantName = `query TrustedTenant_${run} { viewer { tenant { slug } } }`;
const adHoc = `query AdHoc_${run} { viewer { role apiKeyId } }`;

async function send(key: string, body: unknown) {
  const response = await post(body, { authorization: `Bearer ${key}` });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The data of an answer without errors. */
function dataOf(body: Body) {
  expect(body.errors).toBeUndefined();
  return body.data;
}

const code = (body: Body) => body.errors?.[0]?.extensions?.code;

function manifestFile(manifest: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'og-documents-')), 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

async function push(...argv: string[]) {
  const { fixtures } = await testApp();
  return runDocumentsPush(fixtures.prisma, argv);
}

let t: TestTenant;
let trustedOnlyKey: string;
beforeAll(async () => {
  t = await newTenant();
  trustedOnlyKey = (await createApiKey(t.prisma, { tenantId: t.id, name: 'storefront', role: 'STAFF', trustedDocumentsOnly: true })).key;
  const output = await push('--client', `storefront@${run}`, manifestFile({ [sha256(viewerRole)]: viewerRole, [sha256(tenantName)]: tenantName }));
  expect(output).toBe(`Stored 2 new trusted document(s) for "storefront@${run}" (0 already stored).`);
});

describe('trusted documents', () => {
  it('runs a pushed document by documentId', async () => {
    const answer = await send(t.key, { documentId: sha256(viewerRole) });
    expect(dataOf(answer.body)).toEqual({ viewer: { role: 'OWNER' } });
    const prefixed = await send(t.key, { documentId: `sha256:${sha256(tenantName)}` });
    expect(dataOf(prefixed.body)).toEqual({ viewer: { tenant: { slug: t.slug } } });
  });

  it('runs a pushed document by its APQ hash', async () => {
    const answer = await send(t.key, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(viewerRole) } } });
    expect(dataOf(answer.body)).toEqual({ viewer: { role: 'OWNER' } });
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const answer = await send(t.key, { documentId: sha256(`query Unknown_${run} { viewer { role } }`) });
    expect(code(answer.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(answer.body.data ?? undefined).toBeUndefined();
    const malformed = await send(t.key, { documentId: 'not-a-hash' });
    expect(code(malformed.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses an ad-hoc document of a trusted-only key and runs its documentId', async () => {
    const refused = await send(trustedOnlyKey, { query: adHoc });
    expect(refused.status).toBe(403);
    expect(code(refused.body)).toBe('PERSISTED_QUERY_ONLY');
    expect(refused.body.data ?? undefined).toBeUndefined();

    const allowed = await send(trustedOnlyKey, { documentId: sha256(viewerRole) });
    expect(allowed.status).toBe(200);
    expect(dataOf(allowed.body)).toEqual({ viewer: { role: 'STAFF' } });
  });

  it('refuses a trusted-only key the APQ route for a document nobody pushed', async () => {
    const registered = await send(trustedOnlyKey, { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(adHoc) } } });
    expect(code(registered.body)).toBe('PERSISTED_QUERY_ONLY');
    // An ordinary key registers it; the trusted-only key still may not run it by hash.
    await send(t.key, { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(adHoc) } } });
    const byHash = await send(trustedOnlyKey, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(adHoc) } } });
    expect(code(byHash.body)).toBe('PERSISTED_QUERY_ONLY');
  });

  it('refuses the operations of a trusted-only key over WebSocket, which carries no document ids', async () => {
    const { url } = await liveServer();
    const ws = wsClient(url, trustedOnlyKey);
    try {
      const refused = await subscribe(ws, parse(viewerRole)).next();
      expect(refused.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      expect(refused.data ?? undefined).toBeUndefined();
    } finally {
      await ws.dispose();
    }
    const other = wsClient(url, t.key);
    try {
      expect((await subscribe<{ viewer: { role: string } }, never>(other, parse(viewerRole)).next()).data).toEqual({ viewer: { role: 'OWNER' } });
    } finally {
      await other.dispose();
    }
  });

  it('lets a trusted-only key send a trusted document with its text and hash', async () => {
    const answer = await send(trustedOnlyKey, { query: viewerRole, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(viewerRole) } } });
    expect(dataOf(answer.body)).toEqual({ viewer: { role: 'STAFF' } });
  });
});

describe('automatic persisted queries for other keys', () => {
  it('asks for the query once, then runs it by hash', async () => {
    const document = `query Apq_${run} { viewer { role } }`;
    const hash = sha256(document);
    const first = await send(t.key, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(code(first.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send(t.key, { query: document, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(dataOf(registered.body)).toEqual({ viewer: { role: 'OWNER' } });
    const again = await send(t.key, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(dataOf(again.body)).toEqual({ viewer: { role: 'OWNER' } });
  });

  it('refuses a hash that is not the SHA-256 of the query sent with it', async () => {
    const answer = await send(t.key, { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(viewerRole) } } });
    expect(answer.status).toBe(400);
    expect(code(answer.body)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('still answers a request with neither query nor id as before', async () => {
    const answer = await send(t.key, {});
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('npm run documents:push', () => {
  it('stores nothing when an id is not the hash of its document or a document is invalid', async () => {
    const good = `query PushGood_${run} { viewer { role } }`;
    const invalid = `query PushInvalid_${run} { viewer { noSuchField } }`;
    const error = await push(
      '--client',
      'bad-build',
      manifestFile({ [sha256(good)]: good, [sha256('something else')]: `query PushWrongId_${run} { viewer { role } }`, [sha256(invalid)]: invalid }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^nothing stored; 2 document\(s\) refused:/);
    expect((error as Error).message).toContain('the id is not the SHA-256 or SHA-1 (hex) of its document');
    expect((error as Error).message).toContain('Cannot query field "noSuchField" on type "Viewer"');
    const answer = await send(t.key, { documentId: sha256(good) });
    expect(code(answer.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it("reads Apollo's manifest format and leaves documents already stored as they are", async () => {
    const output = await push('--client', `apollo@${run}`, manifestFile({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(viewerRole), name: 'TrustedRole', type: 'query', body: viewerRole }] }));
    expect(output).toBe(`Stored 0 new trusted document(s) for "apollo@${run}" (1 already stored).`);
  });
});

describe('creating trusted-only keys', () => {
  it('apiKeyCreate with trustedDocumentsOnly makes a key that refuses ad-hoc documents', async () => {
    const created = await send(t.key, {
      query: 'mutation ($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { ... on ApiKeyCreatePayload { key apiKey { trustedDocumentsOnly } } } }',
      variables: { input: { name: 'storefront 2', role: 'VIEWER', trustedDocumentsOnly: true } },
    });
    expect(created.body.data?.apiKeyCreate.apiKey).toEqual({ trustedDocumentsOnly: true });
    const key = created.body.data?.apiKeyCreate.key as string;
    expect(code((await send(key, { query: adHoc })).body)).toBe('PERSISTED_QUERY_ONLY');
    expect(dataOf((await send(key, { documentId: sha256(viewerRole) })).body)).toEqual({ viewer: { role: 'VIEWER' } });
  });

  it('npm run apikey -- create --trusted-only makes such a key', async () => {
    const { fixtures } = await testApp();
    const output = await runApiKeyCommand(fixtures.prisma, ['create', '--tenant', t.slug, '--role', 'STAFF', '--name', 'pos', '--trusted-only']);
    expect(output).toContain('trusted documents only');
    const key = /^ {2}(og_\S+)$/m.exec(output)![1]!;
    expect(code((await send(key, { query: adHoc })).body)).toBe('PERSISTED_QUERY_ONLY');
    expect(dataOf((await send(key, { documentId: sha256(viewerRole) })).body)).toEqual({ viewer: { role: 'STAFF' } });
  });
});
