/**
 * Banks: a few agents, as struct-of-arrays. They hold reserves, loans and treasuries and owe deposits;
 * set loan and deposit rates from the policy rate plus margins and risk; and set lending standards that
 * tighten with the policy rate above neutral, the regime, and a shortfall of their own capital.
 * Loan losses hit their capital (net worth).
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

export interface Banks {
  readonly count: number;
  /** Reserves at the central bank (settlement money). */
  readonly reserves: Book;
  /** Deposits owed to customers (one entry per bank). */
  readonly deposits: Book;
  /** Loans to SMEs and households (one entry per bank). */
  readonly loans: Book;
  readonly bills: Book;
  readonly bonds: Book;
  /** Lending standards this month, 0 (easiest) … 1 (no new credit). */
  readonly standards: Float64Array;
  /** Profit this month. */
  readonly profit: Float64Array;
  /** Loans written off this month. */
  readonly writeOffs: Float64Array;
}

export function createBanks(ledger: Ledger, count: number, bondPrice: Float64Array): Banks {
  const open = (name: string, instrument: Instrument, side: 'asset' | 'liability', options = {}) =>
    ledger.open(`banks.${name}`, instrument, Sector.banks, side, count, options);
  return {
    count,
    reserves: open('reserves', Instrument.reserves, 'asset', { money: 'reserveAccount' }),
    deposits: open('deposits', Instrument.deposits, 'liability'),
    loans: open('loans', Instrument.loans, 'asset'),
    bills: open('bills', Instrument.bills, 'asset'),
    bonds: open('bonds', Instrument.bonds, 'asset', { price: bondPrice }),
    standards: new Float64Array(count),
    profit: new Float64Array(count),
    writeOffs: new Float64Array(count),
  };
}

/**
 * Lending standards (the Senior Loan Officer Survey's net tightening, as a level in [0, 1]):
 *   s = clamp(σ_r·max(0, i − i_n) + σ_regime + 4·max(0, k* − k), 0, 1)
 * with i the policy rate, i_n its neutral level, k the bank's capital / loans and k* its target
 * (Bassett, Chosak, Driscoll & Zakrajšek 2014: standards tighten with policy and bank capital), less
 * σ_L·max(0, ℓ − ℓ₀), ℓ the bank's reserves / deposits: liquidity from QE eases standards (the bank
 * lending channel: Kashyap & Stein 2000; Rodnyansky & Darmouni 2017 on QE and bank lending).
 */
export function lendingStandards(
  rateSensitivity: number,
  policyRate: number,
  neutralRate: number,
  regimeTightening: number,
  capitalTarget: number,
  capitalRatio: number,
  liquiditySensitivity = 0,
  liquidityGain = 0,
): number {
  const s = rateSensitivity * Math.max(0, policyRate - neutralRate) + regimeTightening + 4 * Math.max(0, capitalTarget - capitalRatio) - liquiditySensitivity * Math.max(0, liquidityGain);
  return Math.max(0, Math.min(1, s));
}

/** SME loan rate: policy rate + margin + a premium rising with the borrower's leverage (loans / monthly sales). */
export function smeLoanRate(policyRate: number, margin: number, riskSensitivity: number, leverageMonths: number): number {
  return policyRate + margin + riskSensitivity * Math.max(0, leverageMonths);
}

/** Deposit rate: a share of the policy rate (deposit betas; Drechsler, Savov & Schnabl 2017). */
export function depositRate(policyRate: number, passthrough: number): number {
  return Math.max(0, passthrough * policyRate);
}
