/**
 * User-facing text of the scenario loader (`sim/scenario.ts`), in one place.
 *
 * Every problem the loader reports is a line `file:line:col: path: message (expected X, found Y)`. The loader
 * decides *what* went wrong and *where*; this module decides how it reads. Templates are plain functions of
 * the facts (values, names, bounds), so a wording change never touches the logic, and the tests can match
 * on the facts rather than on exact sentences.
 */

import type { Problem } from './scenario.js';

/** Largest number of characters of a found text value quoted in a message. */
const QUOTE_LIMIT = 40;
/** Largest number of alternatives listed in one message. */
const LIST_LIMIT = 12;

/** `"abc"`: a name (key, file, suggestion, argument), never shortened. */
function name(text: string): string {
  return JSON.stringify(text);
}

/** `"abc"`, shortened with an ellipsis when long: for values found in a file. */
export function quote(text: string): string {
  const short = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text;
  return JSON.stringify(short);
}

/** A number as a person writes it: `0.1`, `1e-9`, `1200`. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  return String(x);
}

/** `"a", "b" or "c"` (quoted) — for keys and discriminator values. */
export function alternatives(values: readonly string[]): string {
  const quoted = values.slice(0, LIST_LIMIT).map((v) => JSON.stringify(v));
  if (values.length > LIST_LIMIT) quoted.push(`… (${values.length - LIST_LIMIT} more)`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** What was found at a place in a scenario, described for a reader (the "found …" half of a problem). */
export const found = {
  nothing: 'nothing',
  empty: 'an empty value',
  text: (s: string) => `the text ${quote(s)}`,
  number: (x: number) => formatNumber(x),
  boolean: (b: boolean) => String(b),
  list: (n: number) => (n === 0 ? 'an empty list' : `a list of ${n} item${n === 1 ? '' : 's'}`),
  mapping: (keys: readonly string[]) =>
    keys.length === 0 ? 'an empty mapping' : `a mapping with ${keys.length === 1 ? 'key' : 'keys'} ${few(keys)}`,
  other: (typeName: string) => `a value of type ${typeName}`,
  key: (key: string) => `the key ${name(key)}`,
  duplicateKey: (key: string) => `${name(key)} written twice`,
  binaryNul: (offset: number) => `binary data (a NUL byte at byte ${offset})`,
  binaryUtf8: (offset: number) => `bytes that are not UTF-8 text (first at byte ${offset})`,
  emptyFile: (onlyComments: boolean) => (onlyComments ? 'only comments' : 'an empty file'),
  directory: 'a directory',
  noFile: 'no such file',
  unreadable: (code: string) => `an unreadable file (${code})`,
  setArgument: (arg: string) => `--set ${name(arg)}`,
} as const;

/** What a place in a scenario should hold (the "expected …" half of a problem). */
export const expected = {
  integer: 'an integer',
  number: 'a number',
  text: 'text',
  nonEmptyText: 'non-empty text',
  boolean: 'true or false',
  mapping: 'a mapping (key: value lines)',
  list: (of: string) => `a list of ${of}`,
  nonEmptyList: (of: string) => `a non-empty list of ${of}`,
  oneOf: (values: readonly string[]) => (values.length === 1 ? alternatives(values) : `one of ${alternatives(values)}`),
  mappingWith: (discriminator: string, values: readonly string[]) =>
    `a mapping with ${discriminator}: ${values.length === 1 ? alternatives(values) : `one of ${alternatives(values)}`}`,
  knownKey: (keys: readonly string[]) => `one of the keys ${keys.join(', ')}`,
  /** `from 0 to 1`, `at least 1`, `greater than 0`, … */
  range: (min: number | undefined, minInclusive: boolean, max: number | undefined, maxInclusive: boolean) => {
    const lo = min === undefined ? '' : minInclusive ? `at least ${formatNumber(min)}` : `greater than ${formatNumber(min)}`;
    const hi = max === undefined ? '' : maxInclusive ? `at most ${formatNumber(max)}` : `less than ${formatNumber(max)}`;
    if (min !== undefined && max !== undefined && minInclusive && maxInclusive) {
      return `from ${formatNumber(min)} to ${formatNumber(max)}`;
    }
    return [lo, hi].filter(Boolean).join(' and ');
  },
  /** `a number from 0 to 1 [share]`. */
  quantity: (kind: string, range: string, unit: string | undefined) =>
    `${kind}${range ? ` ${range}` : ''}${unit ? ` [${unit}]` : ''}`,
  textAtLeast: (n: number) => `text of at least ${n} characters`,
  pattern: (pattern: string) => `text matching ${pattern}`,
  patternDescribed: (description: string) => `text of ${description}`,
  scenarioFile: (requiredKeys: readonly string[]) =>
    `a YAML or JSON mapping of scenario fields${requiredKeys.length ? ` (at least ${requiredKeys.join(', ')})` : ''}`,
  textFile: 'a YAML or JSON text file',
  scenarioPath: 'the path of a scenario file, relative to this file',
  noCycle: 'a scenario that does not extend this file again',
  setArgument: 'path=value, e.g. exchange.stake_fraction=0.2',
  validYaml: 'valid YAML',
  plainKey: 'a plain key (a name)',
  uniqueKey: 'each key written once',
} as const;

/** The message of each problem: what is wrong, with a hint where one helps. */
export const message = {
  // — reading files —
  fileNotFound: (suggestion?: string) => `file not found${suggestion ? `; did you mean ${name(suggestion)}?` : ''}`,
  parentNotFound: (target: string, suggestion?: string) =>
    `extends a file that does not exist: ${target}${suggestion ? `; did you mean ${name(suggestion)}?` : ''}`,
  isDirectory: (inside: readonly string[]) =>
    `this is a directory, not a scenario file${inside.length ? `; it holds ${few(inside)}` : ''}`,
  parentIsDirectory: (target: string) => `extends a directory, not a scenario file: ${target}`,
  unreadable: (code: string, detail: string) => `cannot read the file (${code}): ${detail}`,
  binaryFile: 'this is not a text file (it contains NUL bytes); a scenario is a YAML or JSON text file',
  notUtf8: 'this file is not UTF-8 text; save it as UTF-8 YAML or JSON',
  emptyFile: 'the file is empty; a scenario needs at least a name, a description and a model',
  notAMapping: 'a scenario must be a mapping of fields (key: value lines) at the top level',
  // — YAML syntax —
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlWarning: (detail: string) => `YAML: ${detail}`,
  complexKey: 'keys must be plain names, not lists or mappings',
  duplicateKey: (key: string, firstLine: number, firstCol: number) =>
    `duplicate key ${name(key)}: it is already set at line ${firstLine}${firstCol > 1 ? `, column ${firstCol}` : ''}; keep only one`,
  // — extends —
  extendsNotText: 'extends must be the path of another scenario file, written as text',
  extendsCycle: (chain: readonly string[]) => `extends cycle: ${chain.join(' → ')}`,
  // — --set —
  setNoEquals: (arg: string) => `malformed --set ${name(arg)}: write --set path=value, e.g. --set months=24`,
  setEmptyPath: (arg: string) => `malformed --set ${name(arg)}: the path before = is empty`,
  setBadPath: (arg: string) => `malformed --set ${name(arg)}: the path has an empty part (two dots, or a dot at an end)`,
  setBadValue: (arg: string, detail: string) => `--set ${name(arg)}: the value is not valid YAML: ${detail}`,
  setThroughScalar: (arg: string, prefix: string, what: string) =>
    `--set ${name(arg)}: cannot set a field inside ${prefix}, which is ${what}`,
  setIndexPastEnd: (arg: string, prefix: string, length: number) =>
    `--set ${name(arg)}: ${prefix} has ${length} item${length === 1 ? '' : 's'}; ` +
    `an index may be at most ${length} (to add one at the end)`,
  setExtends: (arg: string) => `--set ${name(arg)}: extends cannot be set from the command line; it is resolved before --set applies`,
  // — validation —
  unknownKey: (key: string, suggestion: string | undefined) =>
    `unknown key ${name(key)}${suggestion ? `; did you mean ${name(suggestion)}?` : ''}`,
  unknownKeyElsewhere: (key: string, parent: string) =>
    `unknown key ${name(key)} here; it belongs ${parent === '' ? 'at the top level' : `under ${parent}`}`,
  unknownKeyOnlyWith: (key: string, condition: string) => `key ${name(key)} applies only with ${condition}`,
  missingField: (key: string, description?: string) =>
    `missing required field ${name(key)}${description ? ` — ${lowerFirst(stripDot(description))}` : ''}`,
  missingDiscriminator: (key: string) => `missing required field ${name(key)}, which decides what else may be written here`,
  badDiscriminator: (key: string, value: string, suggestion: string | undefined) =>
    `unknown ${key} ${quote(value)}${suggestion ? `; did you mean ${name(suggestion)}?` : ''}`,
  wrongType: 'wrong type',
  quotedNumber: (text: string) => `wrong type: write ${text.trim()} without quotes to make it a number`,
  notWhole: (x: number) => `${formatNumber(x)} is not a whole number`,
  notFinite: (x: number) => `${formatNumber(x)} is not a finite number`,
  tooSmall: (x: string, bound: number, inclusive: boolean) =>
    inclusive
      ? `${x} is below the minimum of ${formatNumber(bound)}`
      : `${x} is too small: it must be greater than ${formatNumber(bound)}`,
  tooBig: (x: string, bound: number, inclusive: boolean) =>
    inclusive
      ? `${x} is above the maximum of ${formatNumber(bound)}`
      : `${x} is too large: it must be less than ${formatNumber(bound)}`,
  emptyText: 'must not be empty',
  textTooShort: (n: number) => `too short: at least ${n} characters are needed`,
  textTooLong: (n: number) => `too long: at most ${n} characters are allowed`,
  listTooShort: (n: number) => `too few items: at least ${n} are needed`,
  listTooLong: (n: number) => `too many items: at most ${n} are allowed`,
  badFormat: (value: string) => `${quote(value)} is not in the required form`,
  badValue: (value: string, suggestion: string | undefined) =>
    `${value} is not an allowed value${suggestion ? `; did you mean ${name(suggestion)}?` : ''}`,
  noMatchingForm: 'matches none of the allowed forms',
  other: (zodMessage: string) => zodMessage,
} as const;

/** One problem as a line: `file:line:col: path: message (expected X, found Y)`. */
export function problemLine(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}:`;
  const field = p.path ? ` ${p.path}:` : '';
  const facts = [p.expected ? `expected ${p.expected}` : '', p.found ? `found ${p.found}` : ''].filter(Boolean).join(', ');
  return `${where}${field} ${p.message}${facts ? ` (${facts})` : ''}`;
}

/** The first few names of a list: `a, b, c, …`. */
function few(names: readonly string[], n = 6): string {
  return `${names.slice(0, n).join(', ')}${names.length > n ? ', …' : ''}`;
}
function stripDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}
function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
