// Text search filters (`search:` on list fields): one length cap and one way to
// match. Prisma's `contains` becomes ILIKE '%text%' and passes LIKE's wildcards
// through, so "%" would match every row, "_" any character, and a lone "\" (LIKE's
// escape character) nothing or an error. The term is escaped here so every
// character means itself.
import { InputError } from './errors.js';

/** Longest search term a filter accepts, in characters. */
export const MAX_SEARCH_LENGTH = 200;

/** The text as a LIKE pattern piece matching exactly itself (backslash is PostgreSQL's default LIKE escape). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * From how many matches a compiled list walks the list in its order, looking each row up in
 * the matches, rather than reading the matches and sorting them (root-read.ts MatchSet). At
 * 200,000 orders the walk reads about 0.08 µs per order and the sort 3 µs per match (README
 * "Search"): they cost the same near 300 matches, for a 20-row page. An object, so that a
 * test can move it and see both ways answer alike.
 */
export const SEARCH_WALK = { from: 300 };

/** The ILIKE pattern of a search term: every character literal. */
export function searchPattern(term: string): string {
  return `%${likeLiteral(term)}%`;
}

/** Prisma condition: the column holds the text, case-insensitively, every character literal. */
export function containsText(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: likeLiteral(text), mode: 'insensitive' };
}

/**
 * The search term of a filter: trimmed, undefined when empty. Longer than
 * MAX_SEARCH_LENGTH characters is refused (InputError: BAD_USER_INPUT at the field);
 * `field` names it in the message, e.g. "filter.search".
 */
export function searchTerm(value: string | null | undefined, field = 'filter.search'): string | undefined {
  if (value == null) return undefined;
  if ([...value].length > MAX_SEARCH_LENGTH) {
    throw new InputError(`${field} must be at most ${MAX_SEARCH_LENGTH} characters (got ${[...value].length})`);
  }
  return value.trim() || undefined;
}
