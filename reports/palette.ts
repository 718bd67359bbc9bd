/**
 * Colours. Lines use the Okabe–Ito palette (distinguishable with the common forms of colour blindness,
 * Okabe & Ito 2008); each policy regime has one fixed shading colour in every chart of every report.
 */

/** Okabe–Ito, ordered so the first few are the most distinct on white (yellow last: weak on white). */
export const LINE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

/** Line colour for the i-th series of a chart (cycles past eight). */
export function lineColour(i: number): string {
  return LINE_COLOURS[i % LINE_COLOURS.length];
}

/** The five regimes of DESIGN.md §5 in cycle order, each with a fixed shading colour (Okabe–Ito hues). */
export const REGIME_COLOURS: Readonly<Record<string, string>> = {
  tighten: '#56B4E9', // sky blue: cooling down
  recede: '#999999', // grey: growth fading
  panic: '#CC79A7', // reddish purple: emergency
  liquidity: '#009E73', // bluish green: money flowing
  inflation: '#E69F00', // orange: overheating
};

/** The regimes in the order legends list them. */
export const REGIME_ORDER = ['tighten', 'recede', 'panic', 'liquidity', 'inflation'] as const;

/** Greys for regime names outside the five (a scenario may name its own). */
const EXTRA_REGIME_COLOURS = ['#666666', '#BBBBBB', '#8C6D31', '#444444', '#D9D9D9'];

/**
 * Legend domain and colours for a set of regime names: the known five in cycle order first, then any others
 * alphabetically, each with a stable colour.
 */
export function regimeScale(names: Iterable<string>): { domain: string[]; range: string[] } {
  const present = new Set(names);
  const known = REGIME_ORDER.filter((r) => present.has(r));
  const others = [...present].filter((r) => !Object.hasOwn(REGIME_COLOURS, r)).sort();
  const domain = [...known, ...others];
  const range = domain.map((r, i) => REGIME_COLOURS[r] ?? EXTRA_REGIME_COLOURS[(i - known.length) % EXTRA_REGIME_COLOURS.length]);
  return { domain, range };
}
