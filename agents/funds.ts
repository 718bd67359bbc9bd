/**
 * Funds: the passive equity index fund, three sector pools that stand for households' direct holdings
 * of each sector's shares (so a million households hold a few numbers each, not one per firm), and two
 * trusts that hold the households' gold and bitcoin. A fund holds shares of large firms (or the metal,
 * or the coins) and deposits; its units are priced at net asset value, so its own net worth is always
 * zero and every gain or loss on what it holds belongs to its unit holders.
 * The index fund holds every firm at market-cap weights; sector pool k holds the firms of sector k.
 */
import { Instrument, Sector, type Book, type Ledger } from '../sim/ledger.js';

/** Fund 0 is the passive index fund; fund 1 + s pools direct holdings of sector s. */
export const PASSIVE_FUND = 0;
/** The first sector pool (pool of sector s = FIRST_POOL + s). */
export const FIRST_POOL = 1;
export const GOLD_TRUST = 4;
export const BITCOIN_TRUST = 5;
export const FUND_NAMES = ['passive_index', 'growth_pool', 'defensive_pool', 'real_assets_pool', 'gold_trust', 'bitcoin_trust'] as const;

export interface Funds {
  readonly count: number;
  /** The fund's bank. */
  readonly bank: Int32Array;
  readonly deposits: Book;
  /** Shares of each large firm held by each fund (one book per fund, aligned with firms' share prices). */
  readonly shares: readonly Book[];
  /** Units issued by each fund (one book of one entry per fund; priced at net asset value). */
  readonly units: readonly Book[];
  /** Net asset value per unit, one slot per fund (shared with the households' unit books). */
  readonly navSlots: readonly Float64Array[];
  /** The gold trust's gold and the bitcoin trust's coins (one entry each), at the market prices. */
  readonly gold: Book;
  readonly bitcoin: Book;
  /** Market price slots of gold (per ounce) and bitcoin (per coin). */
  readonly goldPrice: Float64Array;
  readonly bitcoinPrice: Float64Array;
}

export function createFunds(ledger: Ledger, fundCount: number, firmCount: number, sharePrices: Float64Array): Funds {
  const bank = new Int32Array(fundCount);
  const navSlots = Array.from({ length: fundCount }, () => Float64Array.of(1));
  const goldPrice = Float64Array.of(1);
  const bitcoinPrice = Float64Array.of(1);
  return {
    gold: ledger.open('funds.gold', Instrument.gold, Sector.funds, 'asset', 1, { price: goldPrice }),
    bitcoin: ledger.open('funds.bitcoin', Instrument.bitcoin, Sector.funds, 'asset', 1, { price: bitcoinPrice }),
    goldPrice,
    bitcoinPrice,
    count: fundCount,
    bank,
    deposits: ledger.open('funds.deposits', Instrument.deposits, Sector.funds, 'asset', fundCount, { money: 'deposit', issuerOf: bank }),
    shares: navSlots.map((_, k) =>
      ledger.open(`funds.shares[${k}]`, Instrument.equities, Sector.funds, 'asset', firmCount, { perEntryPrices: true, price: sharePrices }),
    ),
    units: navSlots.map((price, k) => ledger.open(`funds.units[${k}]`, Instrument.fundUnits, Sector.funds, 'liability', 1, { price })),
    navSlots,
  };
}

/** Net asset value per unit: (shares at market + deposits) / units outstanding. */
export function netAssetValue(shareValue: number, deposits: number, unitsOutstanding: number): number {
  return unitsOutstanding > 0 ? (shareValue + deposits) / unitsOutstanding : 1;
}
