import { describe, expect, it } from 'vitest';
import { code128Symbols, code128Widths, START_B, START_C, STOP } from '../../src/shipments/code128.js';

describe('Code 128 barcode of the tracking number', () => {
  it('packs an all-digit AWB of even length two digits per symbol (code set C)', () => {
    // Seed 002 tracking example.
    const symbols = code128Symbols('00046512912705')!;
    expect(symbols.slice(0, 8)).toEqual([START_C, 0, 4, 65, 12, 91, 27, 5]);
    const checksum = (START_C + [0, 4, 65, 12, 91, 27, 5].reduce((acc, v, i) => acc + v * (i + 1), 0)) % 103;
    expect(symbols.slice(8)).toEqual([checksum, STOP]);
  });

  it.each(['AWB12345', 'DTX1234567', '123', 'JP-0012/X'])('encodes %s in code set B with its mod-103 checksum', (text) => {
    const symbols = code128Symbols(text)!;
    const data = [...text].map((c) => c.charCodeAt(0) - 32);
    const checksum = (START_B + data.reduce((acc, v, i) => acc + v * (i + 1), 0)) % 103;
    expect(symbols).toEqual([START_B, ...data, checksum, STOP]);
  });

  it('draws 11 modules per symbol, 13 for the stop, starting and ending with a bar', () => {
    for (const text of ['AWB12345', '00046512912705', 'x']) {
      const widths = code128Widths(text)!;
      const symbols = code128Symbols(text)!;
      expect(widths.reduce((a, b) => a + b, 0)).toBe(11 * (symbols.length - 1) + 13);
      expect(widths.length % 2).toBe(1); // odd count: bar, space, ..., bar
    }
  });

  it('gives no barcode for text it cannot encode', () => {
    expect(code128Symbols('')).toBeUndefined();
    expect(code128Symbols('résumé')).toBeUndefined();
  });
});
