/**
 * The scenario schema: what a scenario file may say, with the unit and range of every number.
 *
 * A file as written is a `ScenarioInput` (partial, may `extends:` another file); after `extends` and
 * `--set` are applied, the merged object is validated once against `ScenarioSchema` and becomes a complete,
 * read-only `Scenario`. Nothing past that edge re-checks or guesses. `finsim schema` prints the JSON Schema
 * generated from this file, so editors can autocomplete scenario files.
 */
import { z } from 'zod';

/** A number with a unit and a documented range. */
function quantity(unit: string, description: string, min: number, max: number) {
  return z.number().min(min).max(max).meta({ unit, description });
}
function integer(unit: string, description: string, min: number, max: number) {
  return z.number().int().min(min).max(max).meta({ unit, description });
}

const text = z.string().min(1);

/** Fields every scenario has, whatever its model. */
const common = {
  extends: z.string().optional().meta({ description: 'Path of a scenario this one extends (relative to this file).' }),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
    .meta({ description: 'Stable identifier; the default output folder is out/<name>.' }),
  description: text.meta({ description: 'What the scenario asks and what to look for.' }),
  learning_goals: z.array(text).optional().meta({ description: 'For lessons: what a student should take away.' }),
  questions: z.array(text).optional().meta({ description: 'For lessons: questions for students.' }),
  seed: integer('', 'Seed of every random stream of the run.', 0, 4_294_967_295).default(1),
  months: integer('months', 'Length of the run.', 1, 1200).default(120),
  households: integer('agents', 'Number of household agents (each weighs 132e6 / households US households).', 2, 10_000_000).default(100_000),
};

/** Boltzmann–Gibbs money exchange (Drăgulescu & Yakovenko 2000). */
const Boltzmann = z.strictObject({
  rule: z.literal('boltzmann'),
  initial_wealth: quantity('money units', 'Money each household starts with.', 1, 1e9).default(10),
  unit: quantity('money units', 'Money a household with money gives to a random other each month.', 1e-9, 1e9).default(1),
});

/** Yard-sale model (Chakraborti 2002; Boghosian 2014): random pairs bet a fraction of the poorer one's wealth. */
const YardSale = z.strictObject({
  rule: z.literal('yard-sale'),
  initial_wealth: quantity('money units', 'Money each household starts with.', 1e-9, 1e9).default(100),
  stake_fraction: quantity('share', "Fraction of the poorer party's wealth staked in each trade.", 0, 1).default(0.1),
  trades_per_month: integer('trades per household', 'Trades each household takes part in per month.', 1, 100).default(1),
});

/** Extended yard-sale model (Boghosian et al. 2017; Li, Boghosian & Li 2019). */
const YardSaleRedistribution = YardSale.extend({
  rule: z.literal('yard-sale-redistribution'),
  chi: quantity('per month', 'Redistribution rate: each month a flat tax of chi × wealth is paid out equally to all.', 0, 1).default(0.01),
  zeta: quantity('', 'Wealth-attained advantage: bias of the coin toward the richer party, per unit of (wealth gap / mean wealth).', 0, 10).default(0),
});

export const ExchangeRules = z.discriminatedUnion('rule', [Boltzmann, YardSale, YardSaleRedistribution]);

/** Exchange-economy lessons: households trading money, nothing else. */
const ExchangeScenario = z.strictObject({
  ...common,
  model: z.literal('exchange').meta({ description: 'Which model runs: exchange (classroom lessons) or economy.' }),
  exchange: ExchangeRules,
});

export const ScenarioSchema = z.discriminatedUnion('model', [ExchangeScenario]);

/** A scenario after validation: complete and read-only. */
export type Scenario = Readonly<z.output<typeof ScenarioSchema>>;
export type ExchangeScenario = Extract<Scenario, { model: 'exchange' }>;
export type ExchangeRule = z.output<typeof ExchangeRules>;
/** A scenario as written in a file (fields optional where defaults apply). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** JSON Schema of scenario files, for editors (`finsim schema`). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
}
