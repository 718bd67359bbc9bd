/** Households' net worth for the distribution statistics (`economyNetWorth`). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEconomyHouseholds, economyNetWorth, FUND_COUNT } from '../../agents/households.js';
import { Ledger } from '../../sim/ledger.js';

/** Net worth as one loop over all fourteen arrays made it: holdings, housing and loans, then the six funds in order. */
function reference(h: ReturnType<typeof createEconomyHouseholds>): Float64Array {
  const out = new Float64Array(h.count);
  const bondPrice = h.bonds.price[0];
  const housePrice = h.housing.price[0];
  for (let i = 0; i < h.count; i++) {
    let worth =
      h.deposits.values[i] + h.currency.values[i] + h.bills.values[i] + h.bonds.values[i] * bondPrice + h.corporateBonds.values[i] + h.housing.values[i] * housePrice - h.loans.values[i];
    for (let k = 0; k < FUND_COUNT; k++) worth += h.fundUnits[k].price[0] * h.fundUnits[k].values[i];
    out[i] = worth;
  }
  return out;
}

describe('households’ net worth (economyNetWorth)', () => {
  it('equals the one-loop sum bit for bit, across chunks, with zeros of both signs, negatives, ties and outliers (property)', () => {
    const amount = fc.oneof(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.constantFrom(0, -0, 1, -1, 0.1, 1e-300, 5e-324, 1e300),
    );
    const price = fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom(0, -0, 1, 1e-9, 1e9));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.array(amount, { minLength: 1, maxLength: 48 }),
        fc.array(price, { minLength: 2 + FUND_COUNT, maxLength: 2 + FUND_COUNT }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, pool, prices, seed) => {
          let state = seed + 1;
          const pick = () => pool[(state = (state * 48271) % 2147483647) % pool.length];
          const h = createEconomyHouseholds(new Ledger(), n, {
            bonds: Float64Array.of(prices[0]),
            housing: Float64Array.of(prices[1]),
            funds: Array.from({ length: FUND_COUNT }, (_, k) => Float64Array.of(prices[2 + k])),
          });
          const books = [h.deposits, h.currency, h.bills, h.bonds, h.corporateBonds, h.housing, h.loans, ...h.fundUnits];
          for (const book of books) for (let i = 0; i < n; i++) book.values[i] = pick();
          const out = economyNetWorth(h, new Float64Array(n));
          const expected = reference(h);
          let differ = -1;
          for (let i = 0; i < n && differ < 0; i++) if (!Object.is(out[i], expected[i])) differ = i;
          expect(differ < 0 ? 'same' : `household ${differ}: ${out[differ]} vs ${expected[differ]}`).toBe('same');
        },
      ),
      { numRuns: 150 },
    );
  });
});
