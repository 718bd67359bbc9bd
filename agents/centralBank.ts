/**
 * The central bank: one agent, a plain object. Issues notes and reserve accounts; sets the policy rate
 * (a smoothed Taylor-type rule in normal times, overridden by the regime); buys bonds in QE and lets them
 * run off in QT; pays interest on reserves; remits profits to the treasury (losses are deferred).
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface CentralBank {
  /** Notes in circulation: the central bank's liability (money units). */
  readonly currencyIssued: Book;
}

export function createCentralBank(ledger: Ledger): CentralBank {
  return { currencyIssued: ledger.open('centralBank.currency', Instrument.currency, Sector.centralBank, 'liability', 1) };
}

export interface EconomyCentralBank extends CentralBank {
  /** Every reserve account (banks' reserves and the treasury's account): the central bank's liability. */
  readonly accounts: Book;
  /** The central bank's own payments (creating or destroying reserves); holds nothing. */
  readonly paying: Book;
  /** Treasury bonds held (face). */
  readonly bonds: Book;
  policyRate: number;
  /** Accumulated losses not yet recovered (the Fed's "deferred asset"), billions. */
  deferredLoss: number;
  /** Bonds bought (+) or run off (−) this month, at market value. */
  balanceSheetChange: number;
}

export function createEconomyCentralBank(ledger: Ledger, bondPrice: Float64Array): EconomyCentralBank {
  return {
    ...createCentralBank(ledger),
    accounts: ledger.open('centralBank.accounts', Instrument.reserves, Sector.centralBank, 'liability', 1),
    paying: ledger.open('centralBank.paying', Instrument.reserves, Sector.centralBank, 'asset', 1, { money: 'centralBank' }),
    bonds: ledger.open('centralBank.bonds', Instrument.bonds, Sector.centralBank, 'asset', 1, { price: bondPrice }),
    policyRate: 0,
    deferredLoss: 0,
    balanceSheetChange: 0,
  };
}

/**
 * Taylor rule with smoothing (Taylor 1993; smoothing as in Clarida, Galí & Gertler 2000), with the
 * unemployment gap standing for the output gap (Okun's law, coefficient ≈ 2):
 *   i* = r* + π + φπ·(π − π*) + φu·(u* − u),   i_t = ρ·i_{t−1} + (1 − ρ)·i*
 */
export function taylorRule(
  neutralRealRate: number,
  inflation: number,
  inflationTarget: number,
  inflationResponse: number,
  unemployment: number,
  naturalUnemployment: number,
  unemploymentResponse: number,
): number {
  return neutralRealRate + inflation + inflationResponse * (inflation - inflationTarget) + unemploymentResponse * (naturalUnemployment - unemployment);
}

/** Policy rate for the month under a regime (DESIGN.md §5). */
export function regimePolicyRate(
  regime: 'tighten' | 'recede' | 'panic' | 'liquidity' | 'inflation',
  previousRate: number,
  taylorRate: number,
  smoothing: number,
  steps: { tightening: number; emergencyCut: number; easing: number; floor: number },
): number {
  const smoothed = smoothing * previousRate + (1 - smoothing) * taylorRate;
  switch (regime) {
    case 'tighten': // rates up a step a month for as long as the regime lasts
      return previousRate + steps.tightening;
    case 'recede': // on hold, unless the rule asks for a cut
      return Math.max(steps.floor, Math.min(previousRate, smoothed));
    case 'panic': // emergency cuts
      return Math.max(steps.floor, previousRate - steps.emergencyCut);
    case 'liquidity': // toward the floor
      return Math.max(steps.floor, Math.min(smoothed, previousRate - steps.easing));
    case 'inflation': // behind the curve: the rate barely moves
      return Math.max(steps.floor, previousRate + 0.25 * (smoothed - previousRate));
  }
}
