/** The labour market's pure rules: firms' wait-and-see after a panic. */
import { describe, expect, it } from 'vitest';
import { hiringUncertainty, postedVacancyShare } from '../../../sim/markets/labour.js';

describe('wait-and-see hiring after a panic (Bloom 2009)', () => {
  it('uncertainty is 1 in a panic and halves every half-life after it', () => {
    expect(hiringUncertainty(0, true, 2)).toBe(1);
    expect(hiringUncertainty(0.3, true, 2)).toBe(1);
    let u = hiringUncertainty(0, true, 2);
    for (let month = 0; month < 2; month++) u = hiringUncertainty(u, false, 2);
    expect(u).toBeCloseTo(0.5, 12);
    for (let month = 0; month < 4; month++) u = hiringUncertainty(u, false, 2);
    expect(u).toBeCloseTo(0.125, 12);
    expect(hiringUncertainty(0, false, 2)).toBe(0);
  });

  it('firms post all their wanted hires without uncertainty and hold back the freeze share at its peak', () => {
    expect(postedVacancyShare(0.5, 0)).toBe(1);
    expect(postedVacancyShare(0.5, 1)).toBe(0.5);
    expect(postedVacancyShare(0.5, 0.5)).toBe(0.75);
    expect(postedVacancyShare(0, 1)).toBe(1);
    // Uncertainty outside [0, 1] is read at its bounds: never more than every vacancy, never fewer than none.
    expect(postedVacancyShare(1, 2)).toBe(0);
    expect(postedVacancyShare(1, -1)).toBe(1);
  });
});
