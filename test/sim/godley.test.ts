import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulationOutput } from '../../sim/engine.js';
import { godleyTables, GODLEY_TITLES, isRealAssetRow, NET_WORTH_LABEL } from '../../sim/godley.js';
import { Flow, Instrument, Ledger, Sector } from '../../sim/ledger.js';
import { runToFolder } from '../../sim/run.js';
import type { GodleyTable } from '../../sim/runData.js';
import { loadScenario } from '../../sim/scenario.js';

const SMALL_ECONOMY = ['households=2000', 'months=6', 'economy.burn_in_months=12'];

const rowSum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const gross = (values: number[]) => values.reduce((a, b) => a + Math.abs(b), 0);
const columnOf = (t: GodleyTable, j: number) => t.rows.map((r) => r.values[j]);

/** |Σ| ≤ 1e-9 of the gross (Σ|x|): the ledger's own tolerance for rounding. */
function expectZeroSum(values: number[], what: string, scale = gross(values)) {
  const sum = rowSum(values);
  expect(Math.abs(sum), `${what}: sums to ${sum} (scale ${scale})`).toBeLessThanOrEqual(1e-9 * Math.max(scale, 1e-12));
}

/** Every consistency property a set of Godley tables must have. */
function checkTables(tables: GodleyTable[]) {
  for (const t of tables) {
    for (const r of t.rows) expect(r.values).toHaveLength(t.sectors.length);
    for (let j = 0; j < t.sectors.length; j++) expectZeroSum(columnOf(t, j), `${t.title} month ${t.month}, column ${t.sectors[j]}`);
    if (t.title === GODLEY_TITLES.balanceSheet) {
      const real = t.rows.filter((r) => isRealAssetRow(r.label));
      const netWorth = t.rows.find((r) => r.label === NET_WORTH_LABEL)!;
      for (const r of t.rows) if (r !== netWorth && !real.includes(r)) expectZeroSum(r.values, `${t.title} month ${t.month}, row ${r.label}`);
      // Real assets' rows sum to the economy's real wealth, which the net-worth row (−) cancels.
      const realWealth = rowSum(real.map((r) => rowSum(r.values)));
      expectZeroSum([realWealth, rowSum(netWorth.values)], `${t.title} month ${t.month}: real wealth vs net worth`, gross(netWorth.values));
    } else if (t.title === GODLEY_TITLES.transactions) {
      for (const r of t.rows) expectZeroSum(r.values, `${t.title} month ${t.month}, row ${r.label}`);
    } else {
      expect(t.title).toBe(GODLEY_TITLES.netWorth);
      expectZeroSum(t.rows[0].values, `${t.title} month ${t.month}, saving`);
    }
  }
}

describe('Godley tables of a hand-made ledger', () => {
  it('balance sheet, transactions flow and change in net worth hold the expected numbers', () => {
    const ledger = new Ledger();
    const cash = ledger.open('households.currency', Instrument.currency, Sector.households, 'asset', 2);
    const govCash = ledger.open('government.currency', Instrument.currency, Sector.government, 'asset', 1);
    const issued = ledger.open('centralBank.currency', Instrument.currency, Sector.centralBank, 'liability', 1);
    const capital = ledger.open('largeFirms.capital', Instrument.capital, Sector.largeFirms, 'asset', 1);
    const housePrice = Float64Array.of(2);
    const housing = ledger.open('households.housing', Instrument.capital, Sector.households, 'asset', 2, { price: housePrice });
    ledger.issue(cash, 0, issued, 0, 100);
    ledger.issue(cash, 1, issued, 0, 50);
    capital.values[0] = 30;
    housing.values.fill(10);
    ledger.startAccounting();

    expect(godleyTables(ledger, 0)).toEqual([
      {
        title: 'Balance sheet',
        month: 0,
        sectors: ['Households', 'Large firms', 'Government', 'Central bank'],
        rows: [
          { label: 'Currency', values: [150, 0, 0, -150] },
          { label: 'Real capital', values: [0, 30, 0, 0] },
          { label: 'Real capital (housing)', values: [40, 0, 0, 0] },
          { label: 'Net worth (−)', values: [-190, -30, 0, 150] },
        ],
      },
    ]);

    ledger.clearFlows();
    ledger.transfer(cash, 0, govCash, 0, 10, Flow.taxes);
    ledger.revaluePrice(housePrice, 3);
    ledger.formCapital(capital, 0, 5);
    expect(ledger.check().worst).toBeNull();
    const [balance, flows, change] = godleyTables(ledger, 1);
    expect(balance.rows).toEqual([
      { label: 'Currency', values: [140, 0, 10, -150] },
      { label: 'Real capital', values: [0, 35, 0, 0] },
      { label: 'Real capital (housing)', values: [60, 0, 0, 0] },
      { label: 'Net worth (−)', values: [-200, -35, -10, 150] },
    ]);
    expect(flows).toEqual({
      title: 'Transactions flow',
      month: 1,
      sectors: ['Households', 'Large firms', 'Government', 'Central bank'],
      rows: [
        { label: 'Taxes', values: [-10, 0, 10, 0] },
        { label: 'Saving (−)', values: [10, 0, -10, 0] },
      ],
    });
    expect(change.title).toBe('Change in net worth');
    expect(change.rows).toEqual([
      { label: 'Saving', values: [-10, 0, 10, 0] },
      { label: 'Revaluation', values: [20, 0, 0, 0] },
      { label: 'Other changes in volume', values: [0, 5, 0, 0] },
      { label: 'Change in net worth (−)', values: [-10, -5, -10, 0] },
    ]);
    checkTables([balance, flows, change]);
  });
});

describe('Godley tables of model runs', () => {
  let economy: SimulationOutput;
  let root: string;
  beforeAll(() => {
    economy = simulate(loadScenario('scenarios/baseline-2025.yaml', { set: SMALL_ECONOMY }).scenario);
    root = mkdtempSync(join(tmpdir(), 'finsim-godley-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a small economy: balance sheet, flows (the last burn-in month’s) and change in net worth at month 0 and at the end; every row and column adds up', () => {
    expect(economy.godley.map((t) => `${t.title} @${t.month}`)).toEqual([
      'Balance sheet @0',
      'Transactions flow @0',
      'Change in net worth @0',
      'Balance sheet @6',
      'Transactions flow @6',
      'Change in net worth @6',
    ]);
    checkTables(economy.godley);
    expect(economy.godley[1].rows.map((r) => r.label)).toContain('Wages');
    const balance = economy.godley[3];
    expect(balance.sectors).toEqual(['Households', 'SMEs', 'Large firms', 'Funds', 'Banks', 'Government', 'Central bank']);
    const labels = balance.rows.map((r) => r.label);
    for (const l of ['Deposits', 'Reserves', 'Loans', 'Treasury bonds', 'Equities', 'Real capital']) expect(labels).toContain(l);
    const flows = economy.godley[4].rows.map((r) => r.label);
    for (const l of ['Wages', 'Consumption', 'Taxes', 'Interest']) expect(flows).toContain(l);
    // The households' net worth is positive, so the (−) row holds a negative number for them.
    expect(balance.rows.at(-1)!.values[0]).toBeLessThan(0);
  });

  it('an exchange lesson with redistribution: flows between households and government balance too', () => {
    const out = simulate(loadScenario('scenarios/lessons/yard-sale-redistribution.yaml', { set: ['households=300', 'months=12'] }).scenario);
    expect(out.godley.map((t) => `${t.title} @${t.month}`)).toEqual(['Balance sheet @0', 'Balance sheet @12', 'Transactions flow @12', 'Change in net worth @12']);
    checkTables(out.godley);
    const labels = out.godley[2].rows.map((r) => r.label);
    expect(labels).toContain('Redistribution');
    expect(labels.at(-1)).toBe('Saving (−)');
  });

  it('the tables go into summary.json and into the report’s Accounts section', async () => {
    const loaded = loadScenario('scenarios/baseline-2025.yaml', { set: SMALL_ECONOMY });
    const dir = join(root, 'economy');
    await runToFolder(loaded.scenario, { outDir: dir, resolvedYaml: loaded.resolvedYaml });
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.godley).toEqual(economy.godley);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const accounts = html.slice(html.indexOf('<section id="accounts">'));
    expect(accounts.match(/<table class="godley">/g)).toHaveLength(6);
    expect(accounts).toContain('Balance sheet — month 0 ($ billions)');
    expect(accounts).toContain('Transactions flow — month 6 ($ billions)');
    expect(accounts).toContain('<td>Net worth (−)</td>');
    // Every row sum of the financial rows and flows shows as a green zero; the column sums too.
    expect(accounts).toMatch(/<td>Deposits<\/td>(<td>[^<]*<\/td>){7}<td class="sum ok">0<\/td>/);
    expect(accounts).toMatch(/<td>Wages<\/td>(<td>[^<]*<\/td>){7}<td class="sum ok">0<\/td>/);
  });
});
