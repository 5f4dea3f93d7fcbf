// The order search as an id prefilter. As one Prisma where, the search is an OR over
// the order's columns, its customer and three child tables; PostgreSQL can only check
// it order by order while it walks the tenant's orders newest first, so a term that
// matches few orders reads every order of the tenant. Each order's searched texts are
// also kept as one document ("OrderSearch", kept by triggers: README "Search"), whose
// trigram index answers any term in one index scan: the matching ids come back in a
// millisecond or two and the list reads just those. In the executor's path, past
// PREFILTER_CAP matches the caller keeps the OR (a Prisma `in` list that long costs more
// than the walk, which stops at the page's end); compiled reads use the document always, and
// for a common term look among the newest documents first (newestOrderSearchMatches).
import type { Logger } from 'pino';
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Database, Db } from '../db/client.js';
import { tenantNeutral } from '../db/tenant-scope.js';
import { everyInterval } from '../shared/periodic.js';
import { candidateShare, indexedPart } from '../shared/trigram-pattern.js';
import { searchPattern } from '../shared/text-search.js';

/** Most matching orders the prefilter takes; past it the list's own OR walk is the better plan. */
export const PREFILTER_CAP = 2000;


/**
 * The newest orders the compiled list's search checks first, for a term the index would find in
 * many documents: `orders` of them, when the index's candidates are guessed (the trigram
 * sample's share times the documents) at `fromCandidates` or more. A candidate costs about
 * 3 µs to check (each on its own page), a document of the window about 1 µs (they sit
 * together), so a term with fewer candidates goes to the index alone (README "Search"). The
 * guess counts every tenant's documents (the sample and the index serve all): a small tenant
 * may check its newest first needlessly, at most its own documents. An object, so that a test
 * can move it and see every way answer alike.
 */
export const NEWEST_SEARCHED = { orders: 4000, fromCandidates: 2000 };

/** Shortest term a trigram index can serve (shorter ones hold no trigram and would scan). */
const MIN_INDEXED_LENGTH = 3;

/** What separates the texts of a search document (migration *_order_search_documents). */
const DOCUMENT_SEPARATOR = '\n';

/** Documents sampled to tell how common each trigram is. */
const SAMPLE_DOCUMENTS = 5000;

/** Trigrams in fewer of the sampled documents than this share are counted as half of it. */
const LEAST_SHARE = 0.002;

/** How common each trigram is in the search documents, as of the last sample. */
export interface SearchTrigrams {
  /** The trigram's share of the documents; undefined before a sample found any document. */
  share: ((trigram: string) => number) | undefined;
  /** How many documents there are, as PostgreSQL's statistics last counted them (0 before any). */
  documents: number;
  /** Samples the documents now (the app at start; then every intervalMs). */
  sample(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Samples the search documents at start (the caller awaits `sample()`) and every intervalMs
 * (0: never again), across tenants (order_search_trigram_shares): the index is one for all.
 */
export function startSearchTrigramSampling(deps: { db: Database; log: Logger; intervalMs: number }): SearchTrigrams {
  let running: Promise<void> = Promise.resolve();
  const trigrams: SearchTrigrams = {
    share: undefined,
    documents: 0,
    sample: () =>
      (running = running.then(async () => {
        const rows = await tenantNeutral(() =>
          deps.db.sql.query<{ trigram: string; share: number }>('SELECT "trigram", "share" FROM order_search_trigram_shares($1, $2)', [SAMPLE_DOCUMENTS, LEAST_SHARE]),
        );
        const [table] = await tenantNeutral(() =>
          deps.db.sql.query<{ documents: number }>(`SELECT greatest("reltuples", 0)::float8 AS "documents" FROM pg_class WHERE "oid" = '"OrderSearch"'::regclass`),
        );
        const shares = new Map(rows.map((row) => [row.trigram, Number(row.share)]));
        trigrams.share = shares.size ? (trigram) => shares.get(trigram) ?? LEAST_SHARE / 2 : undefined;
        trigrams.documents = Number(table?.documents ?? 0);
      })),
    async stop() {
      timer.stop();
      await running.catch(() => undefined);
    },
  };
  const timer = everyInterval(deps.intervalMs, () => {
    trigrams.sample().catch((error: unknown) => deps.log.warn({ err: error }, 'search trigram sample failed; the last one stays'));
  });
  return trigrams;
}

/**
 * The ILIKE patterns of a term: the whole term's, and the part the index should look up when
 * it is narrower (indexedPart: cheaper to read and check, by the documents' trigram shares).
 */
export function searchPatterns(term: string, share?: (trigram: string) => number): { pattern: string; indexed?: string; part: string } {
  const part = share ? indexedPart(term, share) : term;
  return { pattern: searchPattern(term), part, ...(part !== term ? { indexed: searchPattern(part) } : {}) };
}

/**
 * Ids of the tenant's orders matching the search term in their code, external reference,
 * customer's name or phone, a party's name or phone, a line's SKU or a shipment's tracking
 * number: the same set as the search's OR (orderWhere). Undefined when the OR should run as
 * it is: a term the document cannot answer (indexedTerm), more than `cap` matches, or a key
 * bound to a channel or warehouses, whose scoped client decides which customers and orders it sees.
 */
export async function orderSearchIds(prisma: Db, tenantId: number, term: string, options: { cap?: number; share?: (trigram: string) => number } = {}): Promise<number[] | undefined> {
  const cap = options.cap ?? PREFILTER_CAP;
  if (!indexedTerm(term) || keyScopeOfClient(prisma)) return undefined;
  const { pattern, indexed } = searchPatterns(term, options.share);
  const rows = indexed
    ? await prisma.$queryRawUnsafe<Array<{ id: number }>>(`${orderSearchMatches('$1', '$2', '$4')} LIMIT $3`, tenantId, pattern, cap + 1, indexed)
    : await prisma.$queryRawUnsafe<Array<{ id: number }>>(`${orderSearchMatches('$1', '$2')} LIMIT $3`, tenantId, pattern, cap + 1);
  if (rows.length > cap) return undefined;
  return rows.map((row) => Number(row.id));
}

/**
 * Whether the search document can answer the term: three characters at least (shorter ones
 * hold no trigram, and the index would read everything) and no line break (the document
 * keeps one text to a line, so a term spanning a break would match across two texts).
 */
export function indexedTerm(term: string): boolean {
  return [...term].length >= MIN_INDEXED_LENGTH && !term.includes(DOCUMENT_SEPARATOR);
}

/**
 * The ids (a column `id`, each once) of the tenant's orders whose search document holds the
 * pattern: the same set as the search's OR (order-filters.ts). With `indexed` (a pattern of a
 * part of the term, searchPatterns), the index looks that part up and the rows found are
 * checked against the whole pattern. `tenant`, `pattern` and `indexed` are SQL placeholders.
 */
export function orderSearchMatches(tenant: string, pattern: string, indexed?: string): string {
  const rows = `SELECT s."orderId" AS "id" FROM "OrderSearch" s WHERE s."tenantId" = ${tenant}`;
  // The documents are kept in lower case (migration *_order_search_lowercase): LIKE on the
  // lower-cased pattern is ILIKE's answer without lower-casing every document it checks.
  if (!indexed) return `${rows} AND s."document" LIKE lower(${pattern})`;
  // `|| ''`: the same text, but not the indexed column, so the planner checks the whole pattern
  // on the rows found instead of looking up its trigrams too.
  return `${rows} AND s."document" LIKE lower(${indexed}) AND (s."document" || '') LIKE lower(${pattern})`;
}

/**
 * Whether the compiled list's search checks the newest orders first for a term whose index
 * lookup is `part` (searchPatterns): when the index is guessed to find
 * NEWEST_SEARCHED.fromCandidates documents or more (never without a sample of the trigrams,
 * unless fromCandidates is 0).
 */
export function searchesNewestFirst(part: string, trigrams: Pick<SearchTrigrams, 'share' | 'documents'>): boolean {
  const { share, documents } = trigrams;
  const found = share ? candidateShare(part, share) * documents : 0;
  return found >= NEWEST_SEARCHED.fromCandidates;
}

/**
 * The ids of the tenant's NEWEST_SEARCHED.orders newest orders (newest first by creation time,
 * then id: the order list's own order) whose document holds the pattern, read in the index on
 * the tenant, creation time and id: every other match comes after them in the list.
 */
export function newestOrderSearchMatches(tenant: string, pattern: string): string {
  const newest = `SELECT n."orderId", n."document" FROM "OrderSearch" n WHERE n."tenantId" = ${tenant} ORDER BY n."createdAt" DESC, n."orderId" DESC LIMIT ${NEWEST_SEARCHED.orders}`;
  return `SELECT w."orderId" AS "id" FROM (${newest}) w WHERE w."document" LIKE lower(${pattern})`;
}
