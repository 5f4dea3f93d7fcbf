// Code 128 barcodes for the shipping label (pure, no dependency): the tracking
// number as bars a courier's scanner reads. All-digit values of even length use
// code set C (two digits per symbol, a shorter barcode); others use set B (ASCII 32-126).

// Bar/space widths in modules, bar first, for symbol values 0-106 (ISO/IEC 15417).
// Every symbol is 11 modules; STOP (106) is 13 with its termination bar.
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

export const START_B = 104;
export const START_C = 105;
export const STOP = 106;

/** The symbol values: start, data, checksum, stop; undefined when the text cannot be encoded. */
export function code128Symbols(text: string): number[] | undefined {
  if (!text || text.length > 80) return undefined;
  let symbols: number[];
  if (/^(\d\d)+$/.test(text)) {
    symbols = [START_C];
    for (let i = 0; i < text.length; i += 2) symbols.push(Number(text.slice(i, i + 2)));
  } else {
    if (![...text].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) <= 126)) return undefined;
    symbols = [START_B, ...[...text].map((c) => c.charCodeAt(0) - 32)];
  }
  const checksum = symbols.reduce((acc, value, i) => acc + value * Math.max(i, 1), 0) % 103;
  return [...symbols, checksum, STOP];
}

/** Alternating bar / space widths in modules, starting with a bar. */
export function code128Widths(text: string): number[] | undefined {
  return code128Symbols(text)?.flatMap((value) => [...PATTERNS[value]!].map(Number));
}
