// npm run documents:push -- --client NAME FILE: stores a client build's trusted documents
// (persisted operations) in DATABASE_URL (or the embedded database). FILE is the client's
// manifest: GraphQL Codegen's persisted-documents.json ({ "<hash>": "<document>" }) or
// Apollo's persisted query manifest ({ "operations": [{ "id", "body" }] }). Each id must be
// the SHA-256 (or SHA-1) of its document and each document valid against this server's
// schema; nothing is stored when one is not.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { runCli, UsageError } from './cli.js';
import type { Db } from '../src/db/client.js';
import { pushTrustedDocuments, type DocumentManifest } from '../src/db/trusted-documents.js';
import { buildSchema } from '../src/schema.js';

/** Re-exported for the CLI's tests. */
export { UsageError };

export const USAGE = `Usage: npm run documents:push -- --client NAME FILE

  Stores the trusted documents of a client build, e.g.
    npm run documents:push -- --client storefront@1.4.0 src/gql/persisted-documents.json
  FILE: { "<sha256 hex>": "<document>", ... } (GraphQL Codegen client preset with
  persistedDocuments: { hashAlgorithm: 'sha256' }) or Apollo's manifest
  ({ "operations": [{ "id": "<sha256>", "body": "<document>" }] }).
  Clients then send { "documentId": "<hash>", "variables": ... } instead of the query.`;


/** A manifest in either format as id -> document. */
export function manifestDocuments(json: unknown): DocumentManifest {
  if (json && typeof json === 'object' && Array.isArray((json as { operations?: unknown }).operations)) {
    const operations = (json as { operations: { id?: unknown; body?: unknown }[] }).operations;
    return Object.fromEntries(operations.map((op) => [String(op.id), op.body as string]));
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) return json as DocumentManifest;
  throw new UsageError('the manifest is neither { "<hash>": "<document>" } nor { "operations": [...] }');
}

/** Why a document cannot be trusted by this schema, or undefined. */
export function documentProblem(schema: GraphQLSchema, document: string): string | undefined {
  try {
    const errors = validate(schema, parse(document));
    return errors.length ? `not valid against the schema: ${errors.map((e) => e.message).join('; ')}` : undefined;
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
}

export async function runDocumentsPush(prisma: Db, argv: string[], schema: GraphQLSchema = buildSchema()): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { client: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const client = parsed.values.client?.trim();
  if (!client) throw new UsageError('--client is required (the client build, e.g. storefront@1.4.0)');
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length) throw new UsageError('name one manifest file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const result = await pushTrustedDocuments(prisma, client, manifestDocuments(json), (document) => documentProblem(schema, document));
  if ('problems' in result) {
    throw new UsageError(`nothing stored; ${result.problems.length} document(s) refused:\n${result.problems.map((p) => `  ${p.id}: ${p.message}`).join('\n')}`);
  }
  return `Stored ${result.added} new trusted document(s) for "${client}" (${result.unchanged} already stored).`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), USAGE, runDocumentsPush);
}
