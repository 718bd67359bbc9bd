/**
 * Phase 1 of the month: policy. The regime machine reads last month's indicators (or the script says
 * which regime is in force); the central bank sets the policy rate for the regime; short rates follow.
 */
import { depositRate } from '../agents/banks.js';
import { regimePolicyRate, taylorRule } from '../agents/centralBank.js';
import type { EconomyWorld } from './economyWorld.js';
import { advanceRegime, scriptedRegime, type RegimeIndicators } from './regimes.js';

/** Year-on-year CPI inflation from the world's history. */
export function cpiInflation(world: EconomyWorld): number {
  return world.history.cpi.ago(0) / world.history.cpi.ago(12) - 1;
}

/** Unemployment rate of the month just ended. */
export function unemploymentRate(world: EconomyWorld): number {
  const m = world.month_;
  return m.unemployed / Math.max(1, m.unemployed + m.employed);
}

/** Nominal neutral policy rate: r* + the inflation target. */
export function neutralPolicyRate(world: EconomyWorld): number {
  return world.scenario.central_bank.neutral_real_rate + world.scenario.regimes.params.inflation_target;
}

const indicators: RegimeIndicators = { cpiInflation: 0, unemployment: 0, pmi: 50, equityDrawdown: 0, spreadLarge: 0, policyRate: 0, neutralRate: 0 };

/** The regime for the coming month. During the burn-in the initial regime holds. */
export function setRegime(world: EconomyWorld): void {
  const { regimes } = world.scenario;
  if (!world.recording) {
    world.market.regime = regimes.mode === 'scripted' ? regimes.script![0].regime : regimes.initial;
    return;
  }
  if (regimes.mode === 'scripted') {
    world.market.regime = scriptedRegime(regimes.script!, world.month);
    return;
  }
  indicators.cpiInflation = cpiInflation(world);
  indicators.unemployment = unemploymentRate(world);
  indicators.pmi = world.month_.pmi;
  indicators.equityDrawdown = world.market.equityDrawdown;
  indicators.spreadLarge = world.market.spreadLarge;
  indicators.policyRate = world.centralBank.policyRate;
  indicators.neutralRate = neutralPolicyRate(world);
  world.market.regime = advanceRegime(world.regimeMachine, indicators);
}

/** The policy rate for the regime, and the short rates that follow it. Held at its month-0 level in the burn-in. */
export function setPolicyRate(world: EconomyWorld): void {
  const cb = world.scenario.central_bank;
  const bank = world.centralBank;
  if (world.recording) {
    const taylor = taylorRule(
      cb.neutral_real_rate,
      cpiInflation(world),
      world.scenario.regimes.params.inflation_target,
      cb.taylor_inflation,
      unemploymentRate(world),
      cb.natural_unemployment,
      cb.taylor_unemployment,
    );
    bank.policyRate = regimePolicyRate(world.market.regime, bank.policyRate, taylor, cb.smoothing, {
      tightening: cb.tightening_step,
      emergencyCut: cb.emergency_cut,
      easing: cb.easing_step,
      floor: cb.rate_floor,
    });
  }
  world.market.billRate = Math.max(0, bank.policyRate - 0.0005);
  world.market.depositRate = depositRate(bank.policyRate, world.scenario.bank.deposit_rate_passthrough);
}
