import { describe, expect, it } from 'vitest';
import { createStream, createStreams, randomInt, standardNormal } from '../../sim/rng.js';

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
