/** The agents' decision rules, each on a case where its answer is known. */
import { describe, expect, it } from 'vitest';
import { depositRate, lendingStandards, smeLoanRate } from '../../agents/banks.js';
import { regimePolicyRate, taylorRule } from '../../agents/centralBank.js';
import { billShareOfIssuance, estimatedPotentialGrowth, refinancedCoupon } from '../../agents/government.js';
import { adaptiveExpectation, desiredConsumption, householdLoanChange, labourTax, labourTaxFactored, propensityToConsume } from '../../agents/households.js';
import { automatedCapitalIntensity, automatedDepreciation, automatedWageBargaining, largeBondSpread, largeInvestment, largeTargetPrice } from '../../agents/largeFirms.js';
import { smeAffordableLabour, smeCreditLimit, smeDesiredLabour, smeIsInsolvent, smeLineCut, smeLoanRequest, smeTargetPrice } from '../../agents/smes.js';
import { bondPrice, expectedAverageRate, termPremium } from '../../sim/markets/treasuries.js';
import { matches, wageGrowth } from '../../sim/markets/labour.js';

const steps = { tightening: 0.0025, emergencyCut: 0.005, easing: 0.0025, floor: 0.00125 };

describe('central bank', () => {
  it('Taylor (1993): r* + π + 0.5(π − π*) + gap; 4% with 2% inflation on target and r* = 2%', () => {
    expect(taylorRule(0.02, 0.02, 0.02, 0.5, 0.043, 0.043, 1)).toBeCloseTo(0.04, 12);
    expect(taylorRule(0.01, 0.03, 0.02, 0.5, 0.043, 0.043, 1)).toBeCloseTo(0.045, 12);
    expect(taylorRule(0.01, 0.02, 0.02, 0.5, 0.053, 0.043, 1)).toBeCloseTo(0.02, 12); // 1 pp of slack cuts 1 pp
  });
  it('each regime moves the rate its way', () => {
    expect(regimePolicyRate('tighten', 0.04, 0.03, 0.9, steps)).toBeCloseTo(0.0425, 12);
    expect(regimePolicyRate('panic', 0.04, 0.05, 0.9, steps)).toBeCloseTo(0.035, 12);
    expect(regimePolicyRate('panic', 0.003, 0.05, 0.9, steps)).toBe(0.00125);
    expect(regimePolicyRate('recede', 0.04, 0.06, 0.9, steps)).toBe(0.04); // on hold, no hike
    expect(regimePolicyRate('recede', 0.04, 0.02, 0.9, steps)).toBeLessThan(0.04); // cuts if the rule asks
    expect(regimePolicyRate('liquidity', 0.04, 0.05, 0.9, steps)).toBeCloseTo(0.0375, 12);
    const inflation = regimePolicyRate('inflation', 0.02, 0.06, 0.9, steps);
    expect(inflation).toBeGreaterThan(0.02);
    expect(inflation).toBeLessThan(regimePolicyRate('tighten', 0.02, 0.06, 0.9, steps) + 0.01);
  });
});

describe('banks', () => {
  it('standards tighten with the rate above neutral, the regime and a capital shortfall, within [0, 1]', () => {
    expect(lendingStandards(8, 0.03, 0.03, 0, 0.1, 0.12)).toBe(0);
    expect(lendingStandards(8, 0.05, 0.03, 0, 0.1, 0.12)).toBeCloseTo(0.16, 12);
    expect(lendingStandards(8, 0.05, 0.03, 0.45, 0.1, 0.08)).toBeCloseTo(0.16 + 0.45 + 0.08, 12);
    expect(lendingStandards(8, 0.2, 0.03, 0.45, 0.1, 0)).toBe(1);
  });
  it('loan and deposit rates', () => {
    expect(smeLoanRate(0.04, 0.034, 0.004, 2)).toBeCloseTo(0.082, 12);
    expect(depositRate(0.04, 0.4)).toBeCloseTo(0.016, 12);
    expect(depositRate(-0.01, 0.4)).toBe(0);
  });
});

describe('households', () => {
  it('the propensity to consume falls with wealth, from mpc_low toward mpc_high', () => {
    expect(propensityToConsume(0.95, 0.6, 2, 0, 50)).toBeCloseTo(0.95, 12);
    expect(propensityToConsume(0.95, 0.6, 2, 100, 50)).toBeCloseTo(0.775, 12); // wealth = scale × income: halfway
    expect(propensityToConsume(0.95, 0.6, 2, 1e9, 50)).toBeCloseTo(0.6, 5);
  });
  it('consumption is capped by the deposits at hand', () => {
    expect(desiredConsumption(0.9, 10, 0.02, 1200, 100)).toBeCloseTo(9 + 2, 12);
    expect(desiredConsumption(0.9, 10, 0.02, 1200, 5)).toBe(5);
  });
  it('HSV labour tax: progressive, zero at zero, the factored form equal to the direct one', () => {
    const average = (y: number) => labourTax(y, 1, 0.7, 0.18) / y;
    expect(labourTax(0, 1, 0.7, 0.18)).toBe(0);
    expect(average(2)).toBeGreaterThan(average(1));
    expect(average(1)).toBeGreaterThan(average(0.5));
    const [W, skill, mean, level, tau] = [0.3, 1.7, 0.45, 0.68, 0.18];
    const scale = level * Math.pow(mean, tau) * Math.pow(W, 1 - tau);
    expect(labourTaxFactored(W * skill, scale, Math.pow(skill, 1 - tau))).toBeCloseTo(labourTax(W * skill, mean, level, tau), 12);
  });
  it('adaptive expectations move part of the way', () => {
    expect(adaptiveExpectation(0.02, 0.04, 0.25)).toBeCloseTo(0.025, 15);
  });
  it('bank loans move part of the way to loan-to-income × annual wage × (1 − standards); repaid out of half the deposits, never beyond the loan', () => {
    // Target 2 × 12 × 1 × (1 − 0.25) = 18: from 10, borrow 2% of the gap of 8.
    expect(householdLoanChange(2, 10, 5, true, 1, 0.25, 0.02)).toBeCloseTo(0.16, 15);
    expect(householdLoanChange(2, 10, 5, false, 1, 0.25, 0.02)).toBeCloseTo(-0.2, 15); // no job: target 0, repay 2% of 10
    expect(householdLoanChange(2, 30, 5, true, 1, 0.25, 0.02)).toBeCloseTo(-0.24, 15); // above target: repay 2% of 12
    expect(householdLoanChange(2, 30, 0.2, true, 1, 0.25, 0.02)).toBeCloseTo(-0.1, 15); // at most half the deposits
    expect(householdLoanChange(0, 0.05, 5, true, 1, 0.25, 0.5)).toBeCloseTo(-0.025, 15);
    expect(householdLoanChange(0, 0.05, 5, true, 1, 0.25, 1)).toBe(-0.05); // never beyond the loan
    expect(householdLoanChange(2, 30, -1, true, 1, 0.25, 0.02)).toBe(0); // overdrawn: nothing repaid
    expect(householdLoanChange(0, 0, 5, true, 1, 0.25, 0.02)).toBe(0);
  });
});

describe('firms', () => {
  it('SME price: markup over unit labour cost, higher when orders beat expectations', () => {
    expect(smeTargetPrice(0.2, 0.3, 1, 0.5, 0.5)).toBeCloseTo(1.2, 12);
    expect(smeTargetPrice(0.2, 0.3, 1.1, 0.5, 0.5)).toBeGreaterThan(1.2);
    expect(smeTargetPrice(0.2, 0.3, 0.5, 0.5, 0.5)).toBeLessThan(1.2);
  });
  it('SME labour, loan request, credit rationing and exit', () => {
    expect(smeDesiredLabour(10, 2)).toBe(5);
    expect(smeLoanRequest(10, 1, 0.25, 4)).toBeCloseTo(9.5, 12);
    expect(smeLoanRequest(10, 1, 0.25, 40)).toBe(0);
    expect(smeCreditLimit(0, 6, 10)).toBe(60);
    expect(smeCreditLimit(0.5, 6, 10)).toBe(30);
    expect(smeCreditLimit(1.2, 6, 10)).toBe(0);
    expect(smeIsInsolvent(-11, 10, 1)).toBe(true);
    expect(smeIsInsolvent(-9, 10, 1)).toBe(false);
  });
  it('large firms: automation adds short-lived capital at the same cost per unit and weakens wage bargaining; price covers labour and capital cost; investment never negative', () => {
    // No automation: the ordinary stock. Automation capital at 0.3 a year with u₀ = 0.1, δ₀ = 0.05:
    // κ_A/κ₀ = α·u₀/(u₀ − δ₀ + δ_A) = 0.3·0.1/0.35.
    expect(automatedCapitalIntensity(2, 0, 0.1, 0.05, 0.3)).toBe(2);
    expect(automatedDepreciation(0, 0.1, 0.05, 0.3)).toBe(0.05);
    const share = (0.3 * 0.1) / 0.35;
    expect(automatedCapitalIntensity(2, 0.3, 0.1, 0.05, 0.3)).toBeCloseTo(2 * (1 + share), 12);
    expect(automatedDepreciation(0.3, 0.1, 0.05, 0.3)).toBeCloseTo((0.05 + share * 0.3) / (1 + share), 12);
    // The capital cost per unit is what κ₀·α more ordinary capital would cost: κ·(δ + R) = κ₀·u₀·(1 + α), R = u₀ − δ₀.
    for (const a of [0.1, 0.3, 0.6]) {
      const kappa = automatedCapitalIntensity(2, a, 0.1, 0.05, 0.3);
      expect(kappa * (automatedDepreciation(a, 0.1, 0.05, 0.3) + 0.05)).toBeCloseTo(2 * 0.1 * (1 + a), 12);
    }
    // A faster-wearing stock: its depreciation rises with automation, so a given change in the yield is a smaller part of its user cost.
    expect(automatedDepreciation(0.6, 0.1, 0.05, 0.3)).toBeGreaterThan(automatedDepreciation(0.3, 0.1, 0.05, 0.3));
    expect(automatedWageBargaining(0.0286, 0)).toBe(0.0286);
    expect(automatedWageBargaining(0.0286, 0.3)).toBeCloseTo(0.02002, 12);
    expect(automatedWageBargaining(0.0286, 0.6)).toBeLessThan(automatedWageBargaining(0.0286, 0.3));
    expect(largeTargetPrice(0.5, 1, 0.8, 0.8, 0.3, 1, 0.12, 24)).toBeCloseTo(1.5 * (0.3 + 0.24), 12);
    expect(largeTargetPrice(0.5, 1, 0.9, 0.8, 0.3, 1, 0.12, 24)).toBeCloseTo(1.6 * (0.3 + 0.24), 12);
    expect(largeInvestment(1200, 0.06, 0.01, 1300)).toBeCloseTo(6 + 1, 12);
    expect(largeInvestment(1200, 0.06, 0.5, 100)).toBe(0);
    expect(largeBondSpread(0.009, 0.6, 0.063, 0.043)).toBeCloseTo(0.021, 12);
  });
});

describe('government and the treasury market', () => {
  it('bills take more of new borrowing when the term premium is high', () => {
    expect(billShareOfIssuance(0.22, 20, 0.006, 0.006)).toBeCloseTo(0.22, 12);
    expect(billShareOfIssuance(0.22, 20, 0.016, 0.006)).toBeCloseTo(0.42, 12);
    expect(billShareOfIssuance(0.22, 20, 0.2, 0.006)).toBe(0.95);
  });
  it('refinancing moves the average coupon toward the market yield', () => {
    expect(refinancedCoupon(0.03, 1200, 10, 0.03, 0)).toBeCloseTo(0.03, 12);
    const after = refinancedCoupon(0.03, 1200, 10, 0.05, 100);
    expect(after).toBeGreaterThan(0.03);
    expect(after).toBeCloseTo((0.03 * 1190 + 0.05 * 110) / 1300, 12);
  });
  it('the estimate of potential growth moves toward productivity growth by 1/(12·T) of the gap a month', () => {
    expect(estimatedPotentialGrowth(0.02, 0.02, 5)).toBe(0.02);
    expect(estimatedPotentialGrowth(0.02, 0.032, 5)).toBeCloseTo(0.0202, 12);
    expect(estimatedPotentialGrowth(0.02, 0.008, 5)).toBeCloseTo(0.0198, 12);
    // After T years of a steady gap, about 1 − 1/e of it is closed.
    let estimate = 0.02;
    for (let m = 0; m < 60; m++) estimate = estimatedPotentialGrowth(estimate, 0.03, 5);
    expect((estimate - 0.02) / 0.01).toBeGreaterThan(0.62);
    expect((estimate - 0.02) / 0.01).toBeLessThan(0.64);
    // Bounded by the schema's range of potential growth, however wild the trend reading.
    expect(estimatedPotentialGrowth(0.19, 5, 1)).toBe(0.2);
    expect(estimatedPotentialGrowth(-0.09, -5, 1)).toBe(-0.1);
  });
  it('bond prices: par when the coupon equals the yield, lower when yields rise; the yield curve', () => {
    expect(bondPrice(0.04, 0.04, 8)).toBeCloseTo(1, 12);
    expect(bondPrice(0.04, 0.05, 8)).toBeLessThan(1);
    expect(bondPrice(0.04, 0.03, 8)).toBeGreaterThan(1);
    expect(expectedAverageRate(0.05, 0.03, 1)).toBeCloseTo(0.05, 12);
    expect(expectedAverageRate(0.05, 0.03, 0)).toBeCloseTo(0.03 + 0.02 / 120, 12);
    expect(termPremium(0.006, 0.05, 0.5, 0.4)).toBeCloseTo(0.011, 12);
  });
});

describe('labour market', () => {
  it('wages: expected inflation + productivity + bargaining × log tightness, never negative', () => {
    expect(wageGrowth(0.02, 0.015, 0.02, 1, 1)).toBeCloseTo(0.035, 12);
    expect(wageGrowth(0.02, 0.015, 0.02, Math.E, 1)).toBeCloseTo(0.055, 12);
    expect(wageGrowth(-0.05, 0.01, 0.02, 0.1, 1)).toBe(0);
  });
  it('matching is bounded by both sides', () => {
    expect(matches(100, 100, 0.5)).toBeCloseTo(50, 12);
    expect(matches(10, 1000, 0.5)).toBe(10);
    expect(matches(100, 0, 0.5)).toBe(0);
  });
});

describe('SME credit lines', () => {
  it('a line over its limit is cut by the review share of the excess, as far as the firm has cash; a line within it not at all', () => {
    expect(smeLineCut(120, 100, 50, 0.25)).toBeCloseTo(5, 12);
    expect(smeLineCut(120, 100, 3, 0.25)).toBe(3);
    expect(smeLineCut(80, 100, 50, 0.25)).toBe(0);
    expect(smeLineCut(120, 100, -4, 0.25)).toBe(0);
  });

  it('a firm plans the labour its cash pays for after interest, with its buffer; none with no cash', () => {
    // 25 of cash, 5 of interest, a quarter-month buffer, wage 2: 20 / (1.25 · 2) = 8 units of labour.
    expect(smeAffordableLabour(25, 5, 0.25, 2)).toBeCloseTo(8, 12);
    expect(smeAffordableLabour(30, 5, 0.25, 2)).toBeGreaterThan(smeAffordableLabour(25, 5, 0.25, 2));
    expect(smeAffordableLabour(4, 5, 0.25, 2)).toBe(0);
  });
});
