import { describe, expect, it } from 'vitest';
import { createStream, createStreams, randomInt, rekeyStreams, standardNormal } from '../../sim/rng.js';

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
});
