import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createStream, createStreams, fillStandardNormals, fillUniforms, randomInt, rekeyStreams, standardNormal } from '../../sim/rng.js';

const draw = (n: number, next: () => number) => Array.from({ length: n }, next);

describe('random streams', () => {
  it('the same seed and purpose give the same sequence; another seed or purpose another', () => {
    const a = createStream(7, 'exchange');
    const b = createStream(7, 'exchange');
    expect(draw(50, () => a.next())).toEqual(draw(50, () => b.next()));
    const c = createStream(8, 'exchange');
    const d = createStream(7, 'labour');
    const reference = draw(50, () => createStream(7, 'exchange').next());
    expect(draw(50, () => c.next())).not.toEqual(reference);
    expect(draw(50, () => d.next())).not.toEqual(reference);
  });

  it('streams are independent: drawing from one does not shift another (common random numbers)', () => {
    const first = createStreams(3);
    const second = createStreams(3);
    draw(1000, () => first.labour.next());
    expect(draw(20, () => first.exchange.next())).toEqual(draw(20, () => second.exchange.next()));
  });

  it('re-keyed for a month, a stream draws the same numbers whatever was drawn before (common random numbers month by month)', () => {
    const first = createStreams(3);
    const second = createStreams(3);
    draw(1000, () => first.entry.next());
    draw(7, () => second.entry.next());
    rekeyStreams(first, 3, 12);
    rekeyStreams(second, 3, 12);
    expect(draw(20, () => first.entry.next())).toEqual(draw(20, () => second.entry.next()));
    // Another month, another sequence; the initialisation stream is never re-keyed.
    const third = createStreams(3);
    const twelfth = createStreams(3);
    rekeyStreams(third, 3, 13);
    rekeyStreams(twelfth, 3, 12);
    expect(draw(20, () => third.entry.next())).not.toEqual(draw(20, () => twelfth.entry.next()));
    const fresh = createStreams(3);
    expect(draw(5, () => third.init.next())).toEqual(draw(5, () => fresh.init.next()));
  });

  it('uniform and normal draws have the right moments', () => {
    const s = createStream(1, 'init');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    const counts = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const z = standardNormal(s);
      sum += z;
      sumSq += z * z;
      counts[randomInt(s, 10)]++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
    for (const c of counts) expect(Math.abs(c / n - 0.1)).toBeLessThan(0.005);
  });

  it('a stream draws what seedrandom\'s Alea draws for its key, bit for bit, before and after re-keying', () => {
    const stream = createStream(5, 'labour');
    const reference = seedrandom.alea('finsim:5:labour');
    for (let k = 0; k < 10_000; k++) expect(Object.is(stream.next(), reference())).toBe(true);
    const streams = createStreams(5);
    rekeyStreams(streams, 5, 7);
    const rekeyed = seedrandom.alea('finsim:5:goods:7');
    for (let k = 0; k < 1000; k++) expect(Object.is(streams.goods.next(), rekeyed())).toBe(true);
  });

  it('fillUniforms draws the numbers of as many next() calls, bit for bit, and leaves the stream where they would', () => {
    // ~3 million draws: the carry's slow path (about one draw in a thousand) is taken thousands of times.
    for (const seed of [1, 2, 3]) {
      const bulk = createStream(seed, 'labour');
      const single = createStream(seed, 'labour');
      const out = new Float64Array(5000);
      let mismatches = 0;
      for (let round = 0; round < 200; round++) {
        const start = round % 7;
        const end = out.length - (round % 13);
        bulk.next(); // interleaved with single draws
        single.next();
        fillUniforms(bulk, out, start, end);
        for (let k = start; k < end; k++) if (!Object.is(out[k], single.next())) mismatches++;
      }
      expect(mismatches).toBe(0);
      expect(bulk.state).toEqual(single.state);
      for (let k = 0; k < 100; k++) expect(Object.is(bulk.next(), single.next())).toBe(true);
    }
  });

  it('fillUniforms takes the slow path of the carry and still matches', () => {
    // States whose a·s0 lies just below a whole number: the carry term decides ⌊t⌋.
    const stream = createStream(9, 'labour');
    const reference = createStream(9, 'labour');
    const out = new Float64Array(3);
    for (const c of [0, 1, 1_000_000, 2_091_638]) {
      for (const below of [1e-12, 1e-6, 2e-4, 4.8e-4, 5e-4, 1e-3]) {
        const s0 = (1_000_000 - below) / 2091639;
        for (const s of [stream.state, reference.state]) Object.assign(s, { s0, s1: 0.25, s2: 0.5, c });
        fillUniforms(stream, out, 0, 3);
        for (let k = 0; k < 3; k++) expect(Object.is(out[k], reference.next())).toBe(true);
        expect(stream.state).toEqual(reference.state);
      }
    }
  });

  it('fillStandardNormals draws the numbers of as many standardNormal calls, bit for bit, a u of 0 included', () => {
    const bulk = createStream(4, 'goods');
    const single = createStream(4, 'goods');
    const out = new Float64Array(4096);
    for (let round = 0; round < 50; round++) {
      const end = out.length - round * 37;
      fillStandardNormals(bulk, out, 3, end);
      for (let k = 3; k < end; k++) expect(Object.is(out[k], standardNormal(single))).toBe(true);
      expect(bulk.state).toEqual(single.state);
    }
    // s0 = 0 and c = 0: the next uniform is exactly 0, which standardNormal draws again (one draw more than
    // two a normal, the last from next()).
    for (const count of [1, 2, 5]) {
      for (const s of [bulk.state, single.state]) Object.assign(s, { s0: 0, s1: 0.3, s2: 0.6, c: 0 });
      fillStandardNormals(bulk, out, 0, count);
      for (let k = 0; k < count; k++) expect(Object.is(out[k], standardNormal(single))).toBe(true);
      expect(bulk.state).toEqual(single.state);
    }
  });
});
