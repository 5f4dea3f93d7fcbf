// Trusted documents (persisted operations): GraphQL documents of reviewed client
// builds, by the id their manifest gives them (the document's SHA-256 or SHA-1, in hex).
// The operator pushes a manifest (npm run documents:push); the server reads them by id.
import { createHash } from 'node:crypto';
import type { Db } from './client.js';
import { tenantNeutral } from './tenant-scope.js';

/** A client's manifest: id -> document text, as GraphQL Codegen's client preset writes persisted-documents.json. */
export type DocumentManifest = Record<string, string>;

const ID_FORMAT = /^(?:sha256:)?([0-9a-f]{64}|[0-9a-f]{40})$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The id as stored (hex, without a "sha256:" prefix), or undefined when it is no hash of the document. */
export function documentIdOf(id: string, document: string): string | undefined {
  const hex = ID_FORMAT.exec(id)?.[1];
  if (!hex) return undefined;
  const actual = createHash(hex.length === 64 ? 'sha256' : 'sha1').update(document).digest('hex');
  return actual === hex ? hex : undefined;
}

/** The id a request names (documentId may carry a "sha256:" prefix, as in the GraphQL over HTTP proposal). */
export function normalizeDocumentId(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
}

export interface PushProblem {
  id: string;
  message: string;
}

export interface PushResult {
  added: number;
  unchanged: number;
}

/**
 * Stores a manifest's documents under `client`. Every entry is checked first (the id
 * is the hash of its document; `check` may refuse a document, e.g. one that does
 * not validate against the schema); nothing is written when one is refused.
 */
export async function pushTrustedDocuments(
  prisma: Db,
  client: string,
  manifest: DocumentManifest,
  check: (document: string) => string | undefined = () => undefined,
): Promise<PushResult | { problems: PushProblem[] }> {
  const problems: PushProblem[] = [];
  const rows: { id: string; document: string; client: string }[] = [];
  for (const [id, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') {
      problems.push({ id, message: 'the document is not a string' });
      continue;
    }
    const stored = documentIdOf(id, document);
    if (!stored) {
      problems.push({ id, message: 'the id is not the SHA-256 or SHA-1 (hex) of its document' });
      continue;
    }
    const refused = check(document);
    if (refused) problems.push({ id, message: refused });
    else rows.push({ id: stored, document, client });
  }
  if (problems.length) return { problems };
  const { count } = await prisma.trustedDocument.createMany({ data: rows, skipDuplicates: true });
  return { added: count, unchanged: rows.length - count };
}

/** Reads trusted documents by id; found ones are kept (an id always names the same text). */
export class TrustedDocumentStore {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly prisma: Db,
    private readonly maxCached = 5_000,
  ) {}

  async get(id: string): Promise<string | undefined> {
    const hex = normalizeDocumentId(id);
    const cached = this.cache.get(hex);
    if (cached !== undefined) return cached;
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(hex)) return undefined;
    // No tenant's rows: the table is shared and has no row-level security.
    const row = await tenantNeutral(() => this.prisma.trustedDocument.findUnique({ where: { id: hex }, select: { document: true } }));
    if (!row) return undefined;
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hex, row.document);
    return row.document;
  }
}
