/** Households' portfolio decisions and the large firms' financing decisions of the financial-markets issue. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calibrateConstants, fundamentalistShare, logitWeights, retirementContribution, trendExpectation, wealthClass } from '../../agents/portfolio.js';
import { automatedCapacityPressure, buybackShare, searchForYieldSpread } from '../../agents/largeFirms.js';
import { wealthEffectBase } from '../../agents/households.js';

const zeros = (n: number) => new Float64Array(n);

describe('logit portfolio weights', () => {
  it('sum to one, and a higher expected return raises an asset’s weight', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.1, max: 0.2, noNaN: true }), { minLength: 3, maxLength: 8 }), fc.integer({ min: 0, max: 7 }), (returns, pick) => {
        const n = returns.length;
        const k = pick % n;
        const constants = zeros(n);
        const r = Float64Array.from(returns);
        const out = zeros(n);
        logitWeights(constants, 0, r, zeros(n), zeros(n), 4, 0.02, out);
        const total = out.reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 12);
        const before = out[k];
        r[k] += 0.01;
        logitWeights(constants, 0, r, zeros(n), zeros(n), 4, 0.02, out);
        expect(out[k]).toBeGreaterThan(before);
      }),
    );
  });

  it('the calibrated constants give back the starting weights; an asset not held stays at zero', () => {
    const weights = Float64Array.of(0.5, 0.2, 0.3, 0);
    const r = Float64Array.of(0.01, 0.04, 0.06, 0.1);
    const risk = Float64Array.of(0, 0.001, 0.05, 0.2);
    const constants = zeros(4);
    calibrateConstants(weights, 0, r, risk, zeros(4), 4, 0.02, constants);
    const out = zeros(4);
    logitWeights(constants, 0, r, risk, zeros(4), 4, 0.02, out);
    for (let k = 0; k < 4; k++) expect(out[k]).toBeCloseTo(weights[k], 12);
  });

  it('wealth classes follow the bounds', () => {
    expect(wealthClass(0.05, [0.1, 1])).toBe(0);
    expect(wealthClass(0.5, [0.1, 1])).toBe(1);
    expect(wealthClass(5, [0.1, 1])).toBe(2);
  });
});

describe('beliefs (Brock & Hommes)', () => {
  it('believers move toward the forecaster with the smaller error', () => {
    expect(fundamentalistShare(0.001, 0.002, 300)).toBeGreaterThan(0.5);
    expect(fundamentalistShare(0.002, 0.001, 300)).toBeLessThan(0.5);
    expect(fundamentalistShare(0.001, 0.001, 300)).toBeCloseTo(0.5, 12);
  });

  it('trend forecasts saturate at the cap', () => {
    expect(trendExpectation(0.001, 1, 0.25)).toBeCloseTo(0.012, 3);
    expect(trendExpectation(0.5, 1, 0.25)).toBeLessThanOrEqual(0.25);
    expect(trendExpectation(-0.5, 1, 0.25)).toBeGreaterThanOrEqual(-0.25);
  });
});

describe('saving, buybacks, spreads, automation', () => {
  it('the wealth effect saturates for the wealthy', () => {
    expect(wealthEffectBase(1, 10, 1)).toBeCloseTo(1 / 1.1, 12);
    expect(wealthEffectBase(1000, 10, 1)).toBeLessThan(10);
    expect(wealthEffectBase(-5, 10, 1)).toBe(0);
  });

  it('contributions rise with the wage factor and are zero without a wage', () => {
    expect(retirementContribution(0, 0.04, 1)).toBe(0);
    expect(retirementContribution(2, 0.04, 1.5)).toBeCloseTo(0.12, 12);
  });

  it('firms buy back only when the earnings yield beats the after-tax cost of debt, at most the cap', () => {
    expect(buybackShare(0.03, 0.05, 0.15, 1, 0.0015)).toBe(0);
    expect(buybackShare(0.06, 0.05, 0.15, 1, 0.0015)).toBeCloseTo(((0.06 - 0.05 * 0.85) / 12) * 1, 12);
    expect(buybackShare(0.5, 0.05, 0.15, 10, 0.0015)).toBe(0.0015);
  });

  it('spreads compress in proportion when real yields fall, never below 0.1%', () => {
    expect(searchForYieldSpread(0.01, 30, 0.01, 0.02)).toBeCloseTo(0.01 * Math.exp(-0.3), 12);
    expect(searchForYieldSpread(0.03, 30, 0.01, 0.02)).toBeCloseTo(0.03 * Math.exp(-0.3), 12);
    expect(searchForYieldSpread(0.01, 30, 0.02, 0.02)).toBe(0.01);
    expect(searchForYieldSpread(0.0005, 30, -0.5, 0.02)).toBe(0.001);
  });

  it('automation flattens the markup’s response to utilisation', () => {
    expect(automatedCapacityPressure(0.3, 0)).toBe(0.3);
    expect(automatedCapacityPressure(0.3, 0.5)).toBeCloseTo(0.15, 12);
  });
});
