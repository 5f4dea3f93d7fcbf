// Which part of a search term a trigram index should look up. A GIN trigram index answers
// `text ILIKE '%term%'` by reading the posting list of every trigram of the term, and reads a
// common trigram's list whole: for "ORD-105001" the lists of "ord" and "rd " hold every order,
// and reading them is most of the search (README "Search"). Any substring of the term matches
// every text the term matches, so the index can look up a substring, and the full term is
// checked on the rows it finds; the substring pays when it leaves out common trigrams and still
// finds few rows.

/** Terms longer than this are looked up whole (the choice below is cubic in the length). */
const MAX_NARROWED_LENGTH = 40;

/**
 * What checking one row the index found costs against reading one posting: about 3 µs (the
 * row's page, ILIKE on its text) against 3 to 5 ns, measured at 200,000 orders; 500, 1,000
 * and 2,000 were tried on the bench's terms (README "Search").
 */
const ROW_COST = 1000;

/**
 * A part is looked up instead of the term only when it costs less than this share of the
 * term's lookup, and saves at least a quarter of a list holding every text (guesses about rare
 * trigrams are not worth acting on).
 */
const MARGIN = 0.8;
const LEAST_SAVING = 0.25;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The trigrams pg_trgm extracts from the pattern `%term%` (every character of the term
 * literal), lowercased as its ILIKE does: the term splits into words at characters that are
 * neither letters nor digits; a word gets two spaces before it when a separator precedes it
 * inside the term, and one space after it when a separator follows it inside the term (the
 * pattern's own `%` at either end adds none); each run of three characters of a padded word is
 * a trigram. Each trigram once.
 */
export function likeTrigrams(term: string): string[] {
  const chars = [...term.toLowerCase()];
  const trigrams = new Set<string>();
  let i = 0;
  while (i < chars.length) {
    if (!WORD_CHAR.test(chars[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < chars.length && WORD_CHAR.test(chars[end]!)) end++;
    const padded = [...(i > 0 ? [' ', ' '] : []), ...chars.slice(i, end), ...(end < chars.length ? [' '] : [])];
    for (let k = 0; k + 3 <= padded.length; k++) trigrams.add(padded.slice(k, k + 3).join(''));
    i = end;
  }
  return [...trigrams];
}

/**
 * What looking up `text` costs, in postings, per indexed text, given each trigram's share of
 * the texts: every trigram's list is read, and every row the lists have in common is checked.
 * How many rows that is, is guessed from the two rarest trigrams: the rarest, thinned by the
 * square root of the next (trigrams of one word come together more often than chance would
 * have it). Infinite for a text without trigrams (the index would read everything).
 */
export function lookupCost(text: string, share: (trigram: string) => number): number {
  const shares = likeTrigrams(text).map(share).sort((a, b) => a - b);
  if (!shares.length) return Infinity;
  return shares.reduce((sum, s) => sum + s, 0) + ROW_COST * foundShare(shares);
}

/** The share of the indexed texts a lookup of `text` finds (lookupCost's guess); 1 without trigrams. */
export function candidateShare(text: string, share: (trigram: string) => number): number {
  const shares = likeTrigrams(text).map(share).sort((a, b) => a - b);
  return shares.length ? foundShare(shares) : 1;
}

/** The rarest trigram's share, thinned by the square root of the next (`shares` ascending). */
const foundShare = (shares: number[]) => shares[0]! * Math.sqrt(shares[1] ?? 1);

/**
 * The substring of `term` for the index to look up: the cheapest by lookupCost, when it costs
 * less than MARGIN of the term's own lookup and saves LEAST_SAVING; otherwise (and for long
 * terms) the term itself.
 * `share` is a trigram's share of the indexed texts (a sample's, with a small floor for the
 * trigrams the sample did not meet).
 */
export function indexedPart(term: string, share: (trigram: string) => number): string {
  const chars = [...term];
  if (chars.length > MAX_NARROWED_LENGTH) return term;
  const whole = lookupCost(term, share);
  let best = { text: term, cost: Math.min(whole * MARGIN, whole - LEAST_SAVING) };
  for (let start = 0; start < chars.length; start++) {
    for (let end = start + 3; end <= chars.length; end++) {
      if (start === 0 && end === chars.length) continue;
      const text = chars.slice(start, end).join('');
      const cost = lookupCost(text, share);
      if (cost < best.cost) best = { text, cost };
    }
  }
  return best.text;
}
