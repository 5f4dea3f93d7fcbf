// Yoga keeps parsed documents (and parse errors) in LRUs of 1,024 entries for an
// hour, whatever their size: 1,024 different documents just under the body limit,
// or of a few thousand tokens each, would hold a gigabyte or two. These caches
// weigh each entry by its text and its tokens (an AST takes about 300 bytes per
// token) and keep at most `budget` bytes each, never a document above `maxDocument`.
import type { DocumentNode, Token } from 'graphql';

export interface DocumentCacheOptions {
  /** Bytes (estimated) kept in all, per cache. */
  budget: number;
  /** Longer documents (characters) are parsed every time, never kept. */
  maxDocument: number;
  maxEntries: number;
}

export interface DocumentCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Bytes (estimated) kept. */
  size(): number;
}

const BYTES_PER_TOKEN = 300;

/** What a cached entry holds: its text, and for a parsed document its tokens and nodes. */
function weight(key: string, value: unknown): number {
  let tokens = 0;
  for (let token: Token | null | undefined = (value as DocumentNode | undefined)?.loc?.startToken; token; token = token.next) tokens++;
  return key.length + tokens * BYTES_PER_TOKEN;
}

/** A least-recently-used cache weighed by what its entries hold. */
export function boundedDocumentCache<T>(options: DocumentCacheOptions): DocumentCache<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first.
  const entries = new Map<string, { value: T; weight: number }>();
  let size = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    size -= entry.weight;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      if (key.length > options.maxDocument) return;
      remove(key);
      const entry = { value, weight: weight(key, value) };
      entries.set(key, entry);
      size += entry.weight;
      while (size > options.budget || entries.size > options.maxEntries) remove(entries.keys().next().value as string);
    },
    size: () => size,
  };
}

/** Yoga's parserAndValidationCache option: documents and parse errors bounded alike; validation results follow the documents. */
export function documentCaches(options: DocumentCacheOptions = { budget: 16 * 2 ** 20, maxDocument: 64 * 2 ** 10, maxEntries: 1_024 }) {
  return { documentCache: boundedDocumentCache<DocumentNode>(options), errorCache: boundedDocumentCache<unknown>(options), validationCache: true };
}
