/**
 * Named random-number streams.
 *
 * Every source of randomness in a run draws from its own stream, seeded from (scenario seed, purpose), so
 * that two counterfactual runs with the same seed draw the same numbers for the same agents (common random
 * numbers): a change of policy that makes one phase draw more numbers cannot shift the draws of another.
 * The generator is seedrandom's Alea (Baagøe), about six times faster than its default ARC4: seeded by
 * seedrandom, stepped here (`next`, `fillUniforms`) as seedrandom steps it, so the numbers are its own.
 */
import seedrandom from 'seedrandom';

/** A stream: `next()` is uniform on [0, 1). */
export interface RandomStream {
  readonly purpose: string;
  /** Uniform draw on [0, 1): Alea's step on `state`. */
  readonly next: () => number;
  /**
   * Alea's state, read and written by `next` and `fillUniforms` (the same generator): set from seedrandom's
   * seeding when the stream is created or re-keyed for a new month (`rekeyStreams`).
   */
  readonly state: AleaState;
}

/** Alea's state: the last three numbers drawn (s0 the oldest) and the carry c. */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/**
 * Alea (Baagøe 2010) as seedrandom 3.0.5 writes it (lib/alea.js, `me.next`), on a state array: the same
 * operations on the same doubles, so the same numbers bit for bit (tested against seedrandom).
 */
function aleaNext(state: AleaState): () => number {
  return () => {
    const t = 2091639 * state.s0 + state.c * 2.3283064365386963e-10; // 2^-32
    state.s0 = state.s1;
    state.s1 = state.s2;
    return (state.s2 = t - (state.c = t | 0));
  };
}

/** Seeds `state` as seedrandom's `alea(key)` seeds its generator (its own seeding, read back through `state()`). */
function seedAlea(state: AleaState, key: string): void {
  const seeded = seedrandom.alea(key, { state: true }).state() as AleaState;
  state.s0 = seeded.s0;
  state.s1 = seeded.s1;
  state.s2 = seeded.s2;
  state.c = seeded.c;
}

/**
 * Fills out[start…end − 1] with the stream's next end − start draws: the numbers, in order, that as many
 * calls of `next()` would return, with the stream left where those calls would leave it (tested bit for bit).
 *
 * Alea's step is t = a·s0 + c·2⁻³², c' = ⌊t⌋, s2' = t − c' (a = 2091639), and written so the next step waits
 * on this one's c' through four operations (c·2⁻³², +, ⌊·⌋ and back): ~5 ns a draw however it is called.
 * Here c' is taken as ⌊a·s0⌋, which needs no earlier carry, whenever that is provably ⌊t⌋: c·2⁻³² lies in
 * [0, 2091638·2⁻³²] (c < a), below CARRY_BOUND, and rounded addition is monotone, so
 * a·s0 ≤ t ≤ fl(a·s0 + CARRY_BOUND); when those two ends have the same floor, so has t. Otherwise (about
 * one draw in a thousand) c' is ⌊t⌋ itself. (⌊t⌋ is t | 0 of seedrandom's code: 0 ≤ t < 2³¹.) The carry
 * then no longer chains the steps, only s0 (from three draws back): ~1.5 ns a draw. The state is carried in
 * local variables over the loop rather than in its array.
 */
export function fillUniforms(stream: RandomStream, out: Float64Array, start: number, end: number): void {
  const state = stream.state;
  let s0 = state.s0;
  let s1 = state.s1;
  let s2 = state.s2;
  let c = state.c;
  for (let k = start; k < end; k++) {
    const y = 2091639 * s0;
    const t = y + c * 2.3283064365386963e-10; // 2^-32
    let carry = Math.floor(y);
    if (Math.floor(y + CARRY_BOUND) !== carry) carry = Math.floor(t);
    s0 = s1;
    s1 = s2;
    s2 = t - carry;
    c = carry;
    out[k] = s2;
  }
  state.s0 = s0;
  state.s1 = s1;
  state.s2 = s2;
  state.c = c;
}

/** Above Alea's largest carry term c·2⁻³² (c ≤ 2091638: 2091638·2⁻³² ≈ 4.9e-4). */
const CARRY_BOUND = 1 / 1024;

/** The purposes a run draws for. A closed set, so a misspelled purpose is a compile error. */
export const StreamPurpose = {
  init: 'init',
  exchange: 'exchange',
  labour: 'labour',
  goods: 'goods',
  credit: 'credit',
  portfolio: 'portfolio',
  demography: 'demography',
  entry: 'entry',
} as const;
export type StreamPurpose = keyof typeof StreamPurpose;

/** A stream for `purpose` under `seed`; the same pair always yields the same sequence. */
export function createStream(seed: number, purpose: StreamPurpose | string): RandomStream {
  const state: AleaState = { s0: 0, s1: 0, s2: 0, c: 0 };
  seedAlea(state, `finsim:${seed >>> 0}:${purpose}`);
  return { purpose, next: aleaNext(state), state };
}

/** All streams of one run, created once. */
export type Streams = Record<StreamPurpose, RandomStream>;

export function createStreams(seed: number): Streams {
  const out = {} as Record<StreamPurpose, RandomStream>;
  for (const purpose of Object.keys(StreamPurpose) as StreamPurpose[]) out[purpose] = createStream(seed, purpose);
  return out;
}

/**
 * Re-key every stream of the economy for month `clock`: the month's draws of each purpose come from
 * (seed, purpose, clock) alone. Within a month a phase may draw more or fewer numbers in one counterfactual
 * than in the other (more firms exit, more households enter a market); re-keying keeps that difference from
 * shifting every later month's draws, so common random numbers stay common for the whole run.
 */
export function rekeyStreams(streams: Streams, seed: number, clock: number): void {
  for (const purpose of REKEYED_PURPOSES) seedAlea(streams[purpose].state, `finsim:${seed >>> 0}:${purpose}:${clock}`);
}

/** The purposes re-keyed each month: all but the initialisation's (listed once, not each month). */
const REKEYED_PURPOSES = (Object.keys(StreamPurpose) as StreamPurpose[]).filter((purpose) => purpose !== 'init');

/** Uniform integer in [0, n). */
export function randomInt(stream: RandomStream, n: number): number {
  return Math.floor(stream.next() * n);
}

/** Standard normal draw (Box–Muller, one value per call: simple and stateless). */
export function standardNormal(stream: RandomStream): number {
  let u = stream.next();
  while (u <= 0) u = stream.next();
  const v = stream.next();
  return boxMuller(u, v);
}

/** Box–Muller's cosine variate from uniforms u in (0, 1) and v in [0, 1). */
function boxMuller(u: number, v: number): number {
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Fills out[start…end − 1] with the stream's next end − start standard normals: the numbers, in order, of as
 * many `standardNormal` calls, from the same uniforms, with the stream left where they would leave it. The
 * two uniforms a normal usually takes are drawn for all of them at once (`fillUniforms`); a u of 0, which
 * `standardNormal` draws again, moves the rest along by one, and draws beyond those come from `next()`.
 */
export function fillStandardNormals(stream: RandomStream, out: Float64Array, start: number, end: number): void {
  const drawn = 2 * (end - start);
  if (normalUniforms.length < drawn) normalUniforms = new Float64Array(drawn);
  const uniforms = normalUniforms;
  fillUniforms(stream, uniforms, 0, drawn);
  let p = 0;
  for (let k = start; k < end; k++) {
    let u = p < drawn ? uniforms[p] : stream.next();
    p++;
    while (u <= 0) {
      u = p < drawn ? uniforms[p] : stream.next();
      p++;
    }
    const v = p < drawn ? uniforms[p] : stream.next();
    p++;
    out[k] = boxMuller(u, v);
  }
}

/** `fillStandardNormals`' uniforms (grown to the largest call's, made anew only then). */
let normalUniforms = new Float64Array(0);
