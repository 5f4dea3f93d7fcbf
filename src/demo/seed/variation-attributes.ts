// The variations of one product: a few distinct combinations of size, colour,
// shade, flavour or pack, according to its category's attribute kind.
import type { AttrKind } from './product-categories.js';
import type { Rng } from './random.js';

const COLORS = ['Hitam', 'Putih', 'Navy', 'Maroon', 'Mocca', 'Sage', 'Dusty Pink', 'Abu-abu', 'Army', 'Cream'];
const APPAREL_SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const SHOE_SIZES = ['38', '39', '40', '41', '42', '43'];
const VOLUMES = ['20ml', '30ml', '50ml', '100ml'];
const SHADES = ['01 Ivory', '02 Natural', '03 Sand', '04 Honey', '05 Rosy', '06 Nude'];
const FLAVORS = ['Original', 'Balado', 'Pedas Manis', 'Keju', 'Jagung Bakar', 'Extra Pedas'];
const SNACK_SIZES = ['100g', '250g', '500g'];
const PACKS = ['200g', '500g', '1kg', '1L'];
const DIAMETERS = ['18cm', '20cm', '22cm', '24cm'];

export interface VariationAttrs {
  name: string;
  size: string | null;
  color: string | null;
  /** Position on the size ladder: larger sizes cost and weigh a little more. */
  step?: number;
}

/** Sizes in price order, and whether each size also comes in two colours. */
const LADDERS: Partial<Record<AttrKind, { sizes: readonly string[]; colored: boolean }>> = {
  apparel: { sizes: APPAREL_SIZES, colored: true },
  shoes: { sizes: SHOE_SIZES, colored: true },
  volume: { sizes: VOLUMES, colored: false },
  pack: { sizes: PACKS, colored: false },
  diameter: { sizes: DIAMETERS, colored: false },
};

function combinations(rng: Rng, kind: AttrKind): VariationAttrs[] {
  const ladder = LADDERS[kind];
  if (ladder) {
    // Some clothes come in one size only.
    const sizes = kind === 'apparel' && rng.chance(0.2) ? ['All Size'] : ladder.sizes;
    const colors = ladder.colored ? rng.shuffle([...COLORS]).slice(0, 2) : [null];
    return colors.flatMap((c) => sizes.map((s, step) => ({ name: c ? `${c} / ${s}` : s, size: s, color: c, step })));
  }
  if (kind === 'color') return COLORS.map((c) => ({ name: c, size: null, color: c }));
  if (kind === 'shade') return SHADES.map((s) => ({ name: s, size: null, color: s }));
  // flavor
  return rng.shuffle([...FLAVORS]).slice(0, 3).flatMap((f) => SNACK_SIZES.map((s, step) => ({ name: `${f} ${s}`, size: s, color: null, step })));
}

/** Up to `count` distinct combinations, in catalogue order. */
export function variationAttrs(rng: Rng, kind: AttrKind, count: number): VariationAttrs[] {
  const combos = combinations(rng, kind);
  const chosen = rng.shuffle(combos.map((_, i) => i)).slice(0, Math.min(count, combos.length)).sort((a, b) => a - b);
  return chosen.map((i) => combos[i]);
}
