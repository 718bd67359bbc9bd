/**
 * Godley tables from the ledger (Godley & Lavoie, *Monetary Economics*, ch. 2): pure functions of a Ledger's
 * books and of the month's flow record, nothing else.
 *
 * - **Balance sheet**: rows = instruments, columns = sectors; an asset + and a liability −, at current
 *   prices. Every financial row sums to zero (someone's asset is someone's liability); the real-asset rows
 *   (real capital, housing, gold, bitcoin) sum to the economy's real wealth; the last row, net worth, is
 *   entered with a minus sign (Godley's convention), so every column sums to zero and the net-worth row
 *   sums to minus the real wealth.
 * - **Transactions flow**: rows = kinds of current flow in the month (+ received, − paid), each summing to
 *   zero; the last row, − saving, closes each column (a sector's saving is its receipts less its payments).
 * - **Change in net worth**: how each sector's net worth moved in the month: saving (sums to zero across
 *   sectors), revaluation (sums to the revaluation of real assets), other changes in volume (capital formed
 *   less worn out, debts written off; sums to net real capital formation) and − the change in net worth,
 *   so columns sum to zero. The ledger checks each month that the balance sheets moved by exactly this.
 *
 * Sectors without books and rows that are zero throughout are left out. The flow tables are left out for
 * a month that recorded no flow (month 0: the opening balance sheet, before anything has happened).
 */
import type { GodleyTable } from './runData.js';
import { FLOW_COUNT, Instrument, INSTRUMENT_COUNT, SECTOR_COUNT, type Book, type Ledger } from './ledger.js';

/** Column headings, by ledger sector (SECTOR_NAMES order). */
export const SECTOR_LABELS: readonly string[] = ['Households', 'SMEs', 'Large firms', 'Funds', 'Banks', 'Government', 'Central bank'];

/** Row labels, by ledger instrument (INSTRUMENT_NAMES order). */
export const INSTRUMENT_LABELS: readonly string[] = [
  'Currency',
  'Deposits',
  'Reserves',
  'Loans',
  'Treasury bills',
  'Treasury bonds',
  'Corporate bonds',
  'Equities',
  'Fund units',
  'Gold',
  'Bitcoin',
  'Real capital',
];

/** Row labels, by kind of flow (FLOW_NAMES order). */
export const FLOW_LABELS: readonly string[] = [
  'Wages',
  'Consumption',
  'Government purchases',
  'Investment',
  'Taxes',
  'Transfers',
  'Interest',
  'Dividends',
  'Central-bank remittance',
  'Capital transfers',
  'Redistribution',
];

export const GODLEY_TITLES = {
  balanceSheet: 'Balance sheet',
  transactions: 'Transactions flow',
  netWorth: 'Change in net worth',
} as const;

export const NET_WORTH_LABEL = 'Net worth (−)';
export const SAVING_LABEL = 'Saving (−)';

/** Instruments that are nobody's liability. */
export const REAL_INSTRUMENTS: ReadonlySet<number> = new Set([Instrument.gold, Instrument.bitcoin, Instrument.capital]);

/** A row of a Godley table, with the kind the checks need. */
interface Row {
  label: string;
  values: number[];
}

/** Value of a book at current prices (the ledger's own valuation, read-only). */
function bookValue(ledger: Ledger, book: Book): number {
  return ledger.valueOf(book);
}

/** The part of a book's name after its sector (`households.housing` → `housing`, `funds.units[0]` → `units`). */
function shortName(book: Book): string {
  const afterDot = book.name.slice(book.name.indexOf('.') + 1);
  return afterDot.replace(/\[\d+\]$/, '');
}

/** Sectors that hold or owe anything in the ledger, in ledger order. */
function sectorsWithBooks(ledger: Ledger): number[] {
  const present = new Set(ledger.books.map((b) => b.sector as number));
  return [...Array(SECTOR_COUNT).keys()].filter((s) => present.has(s));
}

const isZeroRow = (values: number[]) => values.every((v) => v === 0);

/**
 * The balance-sheet matrix at current prices. Real assets priced apart (housing has its own price beside
 * productive capital) get a row of their own, labelled by their book.
 */
export function balanceSheetTable(ledger: Ledger, month: number): GodleyTable {
  const sectors = sectorsWithBooks(ledger);
  const column = new Map(sectors.map((s, j) => [s, j]));
  const rows: Row[] = [];
  const netWorth = new Array<number>(sectors.length).fill(0);
  for (let k = 0; k < INSTRUMENT_COUNT; k++) {
    const books = ledger.books.filter((b) => b.instrument === k);
    if (!books.length) continue;
    // Group by price slot for real assets (one row per kind of real asset), one group for claims.
    const groups: Book[][] = [];
    if (REAL_INSTRUMENTS.has(k)) {
      const bySlot = new Map<Float64Array, Book[]>();
      for (const b of books) {
        const list = bySlot.get(b.price) ?? [];
        list.push(b);
        bySlot.set(b.price, list);
      }
      groups.push(...bySlot.values());
    } else groups.push(books);
    for (const group of groups) {
      const values = new Array<number>(sectors.length).fill(0);
      for (const b of group) {
        const v = (b.side === 'asset' ? 1 : -1) * bookValue(ledger, b);
        values[column.get(b.sector)!] += v;
        netWorth[column.get(b.sector)!] += v;
      }
      if (isZeroRow(values)) continue;
      const names = [...new Set(group.map(shortName))].filter((n) => n.toLowerCase() !== INSTRUMENT_LABELS[k].toLowerCase() && n !== 'capital');
      const label = groups.length > 1 && names.length ? `${INSTRUMENT_LABELS[k]} (${names.join(', ')})` : INSTRUMENT_LABELS[k];
      rows.push({ label, values });
    }
  }
  rows.push({ label: NET_WORTH_LABEL, values: netWorth.map((v) => 0 - v) });
  return { title: GODLEY_TITLES.balanceSheet, month, sectors: sectors.map((s) => SECTOR_LABELS[s]), rows };
}

/** The month's transactions-flow matrix, or null when the month recorded no flow. */
export function transactionsFlowTable(ledger: Ledger, month: number): GodleyTable | null {
  const sectors = sectorsWithBooks(ledger);
  const rows: Row[] = [];
  const saving = new Array<number>(sectors.length).fill(0);
  for (let f = 0; f < FLOW_COUNT; f++) {
    const values = sectors.map((s) => ledger.flowMatrix[f * SECTOR_COUNT + s] + 0);
    if (isZeroRow(values)) continue;
    values.forEach((v, j) => (saving[j] += v));
    rows.push({ label: FLOW_LABELS[f], values });
  }
  if (!rows.length) return null;
  rows.push({ label: SAVING_LABEL, values: saving.map((v) => 0 - v) });
  return { title: GODLEY_TITLES.transactions, month, sectors: sectors.map((s) => SECTOR_LABELS[s]), rows };
}

/** The month's change in net worth by sector: saving + revaluation + other changes in volume; null when all are zero. */
export function netWorthChangeTable(ledger: Ledger, month: number): GodleyTable | null {
  const sectors = sectorsWithBooks(ledger);
  const pick = (array: Float64Array) => sectors.map((s) => array[s] + 0);
  const saving = pick(ledger.saving);
  const revaluation = pick(ledger.revaluation);
  const other = pick(ledger.otherChanges);
  if (isZeroRow(saving) && isZeroRow(revaluation) && isZeroRow(other)) return null;
  const change = sectors.map((_, j) => saving[j] + revaluation[j] + other[j]);
  return {
    title: GODLEY_TITLES.netWorth,
    month,
    sectors: sectors.map((s) => SECTOR_LABELS[s]),
    rows: [
      { label: 'Saving', values: saving },
      { label: 'Revaluation', values: revaluation },
      { label: 'Other changes in volume', values: other },
      { label: 'Change in net worth (−)', values: change.map((v) => 0 - v) },
    ],
  };
}

/**
 * Every Godley table of a month: the balance sheet, and, when the month recorded flows (every month after
 * month 0; the engine clears the record as each month starts, so at record time it holds this month's), the
 * transactions flow and the change in net worth.
 */
export function godleyTables(ledger: Ledger, month: number): GodleyTable[] {
  const tables: GodleyTable[] = [balanceSheetTable(ledger, month)];
  const flows = transactionsFlowTable(ledger, month);
  if (flows) tables.push(flows);
  const change = netWorthChangeTable(ledger, month);
  if (change) tables.push(change);
  return tables;
}

/** Which rows of a balance sheet hold real assets (their labels start with a real instrument's label). */
export function isRealAssetRow(label: string): boolean {
  return [...REAL_INSTRUMENTS].some((k) => label === INSTRUMENT_LABELS[k] || label.startsWith(`${INSTRUMENT_LABELS[k]} (`));
}
