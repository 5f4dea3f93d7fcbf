// Which part of a search term the trigram index looks up (src/shared/trigram-pattern.ts):
// pg_trgm's trigrams of `%term%`, written out by hand from its rules (words of letters and
// digits; two spaces before a word that follows a separator, one after a word that a
// separator follows; none at the pattern's `%`), and the choice of the cheapest part, with
// the costs worked out by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexedPart, likeTrigrams, lookupCost } from '../../src/shared/trigram-pattern.js';

describe('likeTrigrams', () => {
  it.each([
    ['ORD-105001', ['ord', 'rd ', '  1', ' 10', '105', '050', '500', '001']],
    ['Hidayat', ['hid', 'ida', 'day', 'aya', 'yat']],
    ['ab-cd', ['ab ', '  c', ' cd']],
    // "a" with its one trailing space is two characters: no trigram.
    ['a-b', ['  b']],
    ['ab', []],
    ['x  y', ['  y']],
    ['aaaa', ['aaa']],
  ])('%s', (term, trigrams) => {
    expect(likeTrigrams(term)).toEqual(trigrams);
  });
});

describe('indexedPart', () => {
  /** Shares of the indexed texts by trigram; one not listed: 0.001. */
  const sharesOf = (table: Record<string, number>) => (t: string) => table[t] ?? 0.001;

  it('leaves out the trigrams every order code holds', () => {
    const share = sharesOf({ ord: 1, 'rd ': 1, '  1': 0.5, ' 10': 0.05, '105': 0.01, '050': 0.05, '500': 0.05, '001': 0.2 });
    // By hand (postings per text, a checked row costing 1,000): the whole term reads 2.86 and
    // checks 0.01 x sqrt(0.05) of the texts, 5.10 in all; "1050" reads 0.06 and checks as
    // many, 2.30; "10500" 2.35; "105001" 2.55; "105" alone checks 0.01 of them, 10.01.
    expect(lookupCost('ORD-105001', share)).toBeCloseTo(2.86 + 1000 * 0.01 * Math.sqrt(0.05), 6);
    expect(indexedPart('ORD-105001', share)).toBe('1050');
  });

  it('keeps a name whose parts find more rows than the whole', () => {
    const share = sharesOf({ hid: 0.04, ida: 0.05, day: 0.05, aya: 0.06, yat: 0.035 });
    // Whole: 0.235 + 1000 x 0.035 x sqrt(0.04) = 7.24; "dayat" 7.97; "ayat" 8.67; "Hida" 9.03; "Hid" 40.04.
    expect(indexedPart('Hidayat', share)).toBe('Hidayat');
  });

  it("skips a carrier's prefix that a twelfth of the texts hold, for the rarer digits", () => {
    const share = sharesOf({ nli: 0.08, lid: 0.08, ida: 0.1, dap: 0.08, ap0: 0.08, p00: 0.08, '000': 0.3, '008': 0.2, '085': 0.03, '858': 0.02, '580': 0.03, '800': 0.1, '004': 0.2, '044': 0.05 });
    // Whole: 1.43 + 1000 x 0.02 x sqrt(0.03) = 4.89; "NLIDAP0" 23.1 (it reads little but finds a
    // twelfth of the texts); "0858" and "8580" 0.05 + 3.46 = 3.51 (the leftmost of equals);
    // "85800" 3.61; "08580" 3.74.
    expect(indexedPart('NLIDAP008580044', share)).toBe('0858');
  });

  it('keeps a term whose trigrams are all rare (nothing worth saving), and a long term', () => {
    expect(indexedPart('QZX-987654', sharesOf({}))).toBe('QZX-987654');
    const long = `ORD-${'1234567890'.repeat(4)}`;
    expect(indexedPart(long, sharesOf({ ord: 1, 'rd ': 1 }))).toBe(long);
  });

  it('is a part of the term with some of its trigrams, cheaper by a fifth at least (property)', () => {
    const alphabet = fc.constantFrom(...'ab01-. '.split(''));
    const term = fc.array(alphabet, { minLength: 0, maxLength: 16 }).map((cs) => cs.join(''));
    const table = fc.dictionary(fc.array(fc.constantFrom(...'ab01 '.split('')), { minLength: 3, maxLength: 3 }).map((cs) => cs.join('')), fc.double({ min: 0.001, max: 1, noNaN: true }));
    fc.assert(
      fc.property(term, table, (text, shares) => {
        const share = sharesOf(shares);
        const part = indexedPart(text, share);
        expect(text.includes(part)).toBe(true);
        if (part !== text) {
          expect(lookupCost(part, share)).toBeLessThan(lookupCost(text, share) * 0.8);
          const own = likeTrigrams(text);
          for (const t of likeTrigrams(part)) expect(own).toContain(t);
        }
      }),
    );
  });
});
