/**
 * The scenario loader: from a file (plus `--set` overrides) to a complete, validated, read-only `Scenario`.
 *
 * The edge of the model (DESIGN.md §8): everything a user writes is checked here, once, and every problem is
 * reported with the file, line and column where the offending value was written, the field path, what was
 * expected (with unit and range) and what was found. All problems are collected in one pass and thrown
 * together as a `ScenarioError`; nothing past this module re-checks.
 *
 * Pipeline:
 *   1. read the file (missing file, directory, binary or non-UTF-8 data are problems, not crashes);
 *   2. parse YAML (JSON is YAML) into a *located tree*: every map, list and value knows its file:line:col;
 *   3. resolve `extends` recursively (paths relative to the extending file), deep-merging child over parent
 *      (maps merge key by key; lists and scalars replace), detecting cycles;
 *   4. apply `--set path=value` overrides (values parsed as YAML, located at file `--set`);
 *   5. validate the merged object with `ScenarioSchema` and map every zod issue back to where it was written,
 *      introspecting the schema (generically, whatever it holds) for valid keys, units and ranges;
 *   6. serialize the validated scenario (defaults filled) as YAML in schema order, and deep-freeze it.
 * All user-facing wording lives in `messages.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { z } from 'zod';
import { expected, found, message, problemLine } from './messages.js';
import { ScenarioSchema, type Scenario } from './scenarioSchema.js';

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Public API
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** One thing wrong with a scenario, located where it was written. `line` and `col` count from 1. */
export interface Problem {
  /** The file the offending text is in (as given, or joined to the extending file's folder), or `--set`. */
  file: string;
  line: number;
  col: number;
  /** Field path, e.g. `exchange.stake_fraction` or `learning_goals[1]`; empty for whole-file problems. */
  path: string;
  /** What should be there, with unit and range where the schema has them. */
  expected: string;
  /** What is there. */
  found: string;
  /** What is wrong, with a hint (a suggested key, a bound) where one helps. */
  message: string;
}

/** Thrown for any bad scenario input; `problems` holds every problem found, sorted by file, line and column. */
export class ScenarioError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** One line per problem: `file:line:col: path: message (expected X, found Y)`. */
export function formatProblems(problems: Problem[]): string {
  return problems.map(problemLine).join('\n');
}

/** A scenario ready to run, with where it came from. */
export interface LoadedScenario {
  /** Complete (defaults filled), validated and deep-frozen. */
  scenario: Scenario;
  /** The file given. */
  file: string;
  /** `scenario` as YAML, keys in schema order: what actually runs. Deterministic. */
  resolvedYaml: string;
  /** Files in `extends` order, the given file first. */
  chain: string[];
}

export interface LoadOptions {
  /** `path=value` overrides, applied after `extends` is merged, e.g. `exchange.stake_fraction=0.2`. */
  set?: string[];
}

/** Loads, merges, overrides and validates a scenario file. Throws `ScenarioError` on any bad input. */
export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  return load(file, undefined, options);
}

/** As `loadScenario`, from text; `extends` is resolved relative to `dirname(file)`. */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): LoadedScenario {
  return load(file, text, options);
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Located trees: parsed YAML where every node remembers where it was written
// ————————————————————————————————————————————————————————————————————————————————————————————————

interface Pos {
  file: string;
  line: number;
  col: number;
}
interface MapTree {
  kind: 'map';
  at: Pos;
  entries: Map<string, Entry>;
}
interface Entry {
  keyAt: Pos;
  node: Tree;
}
interface SeqTree {
  kind: 'seq';
  at: Pos;
  items: Tree[];
}
interface ScalarTree {
  kind: 'scalar';
  at: Pos;
  value: unknown;
}
type Tree = MapTree | SeqTree | ScalarTree;
type Path = (string | number)[];

/** Problems found so far; a *fatal* one (unreadable input) stops the pipeline before validation. */
class Problems {
  readonly list: Problem[] = [];
  fatal = false;
  add(at: Pos, p: { path?: Path | string; message: string; expected?: string; found?: string }, fatal: boolean): void {
    this.list.push({
      file: at.file,
      line: at.line,
      col: at.col,
      path: typeof p.path === 'string' ? p.path : pathString(p.path ?? []),
      expected: p.expected ?? '',
      found: p.found ?? '',
      message: p.message,
    });
    if (fatal) this.fatal = true;
  }
}

const SET_FILE = '--set';
const SET_POS: Pos = { file: SET_FILE, line: 1, col: 1 };

function load(file: string, text: string | undefined, options: LoadOptions): LoadedScenario {
  const problems = new Problems();
  const chain: string[] = [];
  // 1–3. read, parse, resolve extends
  const root = loadTree(file, text, undefined, [], problems, chain);
  // 4. --set (checked even when the file could not be read, so its mistakes show in the same pass)
  applySets(root ?? { kind: 'map', at: SET_POS, entries: new Map() }, options.set ?? [], problems);
  // 5. validate
  let data: unknown;
  if (root && !problems.fatal) {
    const plain = toPlain(root);
    const result = ScenarioSchema.safeParse(plain);
    if (result.success) data = result.data;
    else for (const issue of result.error.issues) issueProblems(issue, root, plain, problems);
  }
  if (problems.list.length > 0 || data === undefined) throw new ScenarioError(sortProblems(problems.list));
  // 6. serialize and freeze
  const ordered = orderBySchema(data, ROOT_SCHEMA);
  const resolvedYaml = stringify(ordered, { lineWidth: 0 });
  const scenario = deepFreeze(ordered) as Scenario;
  return Object.freeze({ scenario, file, resolvedYaml, chain: Object.freeze([...chain]) as string[] });
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// 1–3. Reading, parsing and extends
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** Where an `extends` was written, so a missing parent is reported in the child. */
interface Via {
  at: Pos;
  raw: string;
}

function loadTree(
  file: string,
  text: string | undefined,
  via: Via | undefined,
  stack: string[],
  problems: Problems,
  chain: string[],
): MapTree | undefined {
  const source = text ?? readText(file, via, problems);
  if (source === undefined) return undefined;
  const root = parseYaml(source, file, problems);
  if (!root) return undefined;
  chain.push(file);

  const ext = root.entries.get('extends');
  if (!ext) return root;
  root.entries.delete('extends');
  const raw = ext.node.kind === 'scalar' ? ext.node.value : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    const facts = { path: 'extends', message: message.extendsNotText, expected: expected.scenarioPath, found: describeFound(toPlain(ext.node)) };
    problems.add(ext.node.at, facts, true);
    return undefined;
  }
  const target = path.isAbsolute(raw) ? raw : path.join(path.dirname(file), raw);
  const here = [...stack, path.resolve(file)];
  const seenAt = here.indexOf(path.resolve(target));
  if (seenAt >= 0) {
    const files = [...chain.slice(chain.length - (here.length - seenAt)), target];
    const loop = files.map((f) => path.relative(path.dirname(file), f) || f);
    const facts = { path: 'extends', message: message.extendsCycle(loop), expected: expected.noCycle, found: found.text(raw) };
    problems.add(ext.node.at, facts, true);
    return undefined;
  }
  const parent = loadTree(target, undefined, { at: ext.node.at, raw }, here, problems, chain);
  return parent ? mergeTrees(parent, root) : undefined;
}

/** The file's text, or undefined after recording why it cannot be had. */
function readText(file: string, via: Via | undefined, problems: Problems): string | undefined {
  // A file that cannot be opened is reported where it was asked for: the child's `extends`, or the file itself.
  const reportMissing = (msgGiven: string, msgVia: string, foundText: string) =>
    via
      ? problems.add(via.at, { path: 'extends', message: msgVia, expected: expected.scenarioPath, found: foundText }, true)
      : problems.add({ file, line: 1, col: 1 }, { message: msgGiven, expected: expected.textFile, found: foundText }, true);
  let buf: Buffer;
  try {
    if (statSync(file).isDirectory()) {
      reportMissing(message.isDirectory(scenarioFilesIn(file)), message.parentIsDirectory(file), found.directory);
      return undefined;
    }
    buf = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const near = nearestFile(path.basename(file), scenarioFilesIn(path.dirname(file)));
      if (via) {
        const suggestion = near === undefined ? undefined : path.posix.join(path.posix.dirname(via.raw), near);
        reportMissing('', message.parentNotFound(file, suggestion), found.noFile);
      } else {
        reportMissing(message.fileNotFound(near === undefined ? undefined : path.join(path.dirname(file), near)), '', found.noFile);
      }
    } else {
      const detail = err instanceof Error ? err.message : String(err);
      reportMissing(message.unreadable(code, detail), message.unreadable(code, detail), found.unreadable(code));
    }
    return undefined;
  }
  // Binary data: say so rather than feed garbage to the YAML parser.
  const start = { file, line: 1, col: 1 };
  const utf16 = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
  if (utf16) {
    problems.add(start, { message: message.notUtf8, expected: expected.textFile, found: found.binaryUtf8(0) }, true);
    return undefined;
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    problems.add(start, { message: message.binaryFile, expected: expected.textFile, found: found.binaryNul(nul) }, true);
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const loose = buf.toString('utf8');
    const offset = Buffer.byteLength(loose.slice(0, Math.max(0, loose.indexOf('\uFFFD'))));
    problems.add(start, { message: message.notUtf8, expected: expected.textFile, found: found.binaryUtf8(offset) }, true);
    return undefined;
  }
}

/** Scenario-like files (.yaml, .yml, .json) in a folder, sorted; empty if the folder cannot be read. */
function scenarioFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort();
  } catch {
    return [];
  }
}

/** Parses YAML text into a located tree whose root is a map; undefined after recording a fatal problem. */
function parseYaml(rawText: string, file: string, problems: Problems): MapTree | undefined {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const start = { file, line: 1, col: 1 };
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    problems.add(start, { message: message.binaryFile, expected: expected.textFile, found: found.binaryNul(nul) }, true);
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const posOf = (offset: number): Pos => ({ file, ...lineCounter.linePos(offset) });
  for (const e of doc.errors) {
    problems.add(posOf(e.pos[0]), { message: message.yamlSyntax(e.message), expected: expected.validYaml }, true);
  }
  for (const w of doc.warnings) problems.add(posOf(w.pos[0]), { message: message.yamlWarning(w.message) }, false);
  if (doc.errors.length > 0) return undefined;
  if (doc.contents === null) {
    const onlyComments = text.trim().length > 0;
    const facts = { message: message.emptyFile, expected: expected.scenarioFile(requiredKeys()), found: found.emptyFile(onlyComments) };
    problems.add(start, facts, true);
    return undefined;
  }
  const root = toTree(doc.contents, { doc, posOf, problems, seen: new Set() }, start, []);
  if (root.kind !== 'map') {
    const facts = { message: message.notAMapping, expected: expected.scenarioFile(requiredKeys()), found: describeFound(toPlain(root)) };
    problems.add(root.at, facts, true);
    return undefined;
  }
  return root;
}

interface TreeContext {
  doc: Document;
  posOf: (offset: number) => Pos;
  problems: Problems;
  /** Alias targets being expanded, to stop a self-referencing alias. */
  seen: Set<unknown>;
}

function toTree(node: unknown, cx: TreeContext, fallback: Pos, at: Path): Tree {
  if (isAlias(node)) {
    const target = node.resolve(cx.doc);
    if (!target || cx.seen.has(target)) return { kind: 'scalar', at: fallback, value: null };
    cx.seen.add(target);
    const tree = toTree(target, cx, fallback, at);
    cx.seen.delete(target);
    return tree;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const pos = range ? cx.posOf(range[0]) : fallback;
  if (isMap(node)) {
    const entries = new Map<string, Entry>();
    for (const pair of node.items) {
      const keyNode = pair.key as unknown;
      const keyRange = (keyNode as { range?: [number, number, number] } | null)?.range;
      const keyAt = keyRange ? cx.posOf(keyRange[0]) : pos;
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        cx.problems.add(keyAt, { path: at, message: message.complexKey, expected: expected.plainKey }, false);
        continue;
      }
      const key = String(keyNode.value);
      const previous = entries.get(key);
      if (previous) {
        const msg = message.duplicateKey(key, previous.keyAt.line, previous.keyAt.col);
        cx.problems.add(keyAt, { path: [...at, key], message: msg, expected: expected.uniqueKey, found: found.duplicateKey(key) }, false);
        entries.delete(key); // the last one wins, as in YAML libraries; re-insert to keep written order
      }
      // An empty value (`months:`) has no text of its own: locate it at its key.
      const valueNode = pair.value as unknown;
      const valueRange = (valueNode as { range?: [number, number, number] } | null)?.range;
      const empty =
        valueNode === null ||
        (isScalar(valueNode) && valueNode.value === null && valueRange !== undefined && valueRange[0] === valueRange[1]);
      const node: Tree = empty ? { kind: 'scalar', at: keyAt, value: null } : toTree(valueNode, cx, keyAt, [...at, key]);
      entries.set(key, { keyAt, node });
    }
    return { kind: 'map', at: pos, entries };
  }
  if (isSeq(node)) {
    return { kind: 'seq', at: pos, items: node.items.map((item, i) => toTree(item, cx, pos, [...at, i])) };
  }
  if (isScalar(node)) return { kind: 'scalar', at: pos, value: node.value };
  return { kind: 'scalar', at: pos, value: null };
}

/** A located tree from a plain value, every node at `at` (used for `--set` values). */
function plainToTree(value: unknown, at: Pos): Tree {
  if (Array.isArray(value)) return { kind: 'seq', at, items: value.map((v) => plainToTree(v, at)) };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, Entry>();
    for (const [k, v] of Object.entries(value)) entries.set(k, { keyAt: at, node: plainToTree(v, at) });
    return { kind: 'map', at, entries };
  }
  return { kind: 'scalar', at, value };
}

/** Child over parent: maps merge key by key (recursively); lists and scalars replace. */
function mergeTrees(parent: MapTree, child: MapTree): MapTree;
function mergeTrees(parent: Tree, child: Tree): Tree;
function mergeTrees(parent: Tree, child: Tree): Tree {
  if (parent.kind !== 'map' || child.kind !== 'map') return child;
  const entries = new Map(parent.entries);
  for (const [key, entry] of child.entries) {
    const under = entries.get(key);
    entries.set(key, under ? { keyAt: entry.keyAt, node: mergeTrees(under.node, entry.node) } : entry);
  }
  return { kind: 'map', at: child.at, entries };
}

/** The plain value of a tree (own properties only, so a `__proto__` key stays a key). */
function toPlain(tree: Tree): unknown {
  if (tree.kind === 'scalar') return tree.value;
  if (tree.kind === 'seq') return tree.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of tree.entries) {
    Object.defineProperty(out, key, { value: toPlain(entry.node), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// 4. --set overrides
// ————————————————————————————————————————————————————————————————————————————————————————————————

function applySets(root: MapTree, sets: readonly string[], problems: Problems): void {
  for (const arg of sets) {
    const bad = (msg: string, p: string = '') =>
      problems.add(SET_POS, { path: p, message: msg, expected: expected.setArgument, found: found.setArgument(arg) }, false);
    const eq = arg.indexOf('=');
    if (eq < 0) {
      bad(message.setNoEquals(arg));
      continue;
    }
    const rawPath = arg.slice(0, eq).trim();
    if (rawPath === '') {
      bad(message.setEmptyPath(arg));
      continue;
    }
    const segments = parseSetPath(rawPath);
    if (!segments) {
      bad(message.setBadPath(arg), rawPath);
      continue;
    }
    if (segments[0] === 'extends') {
      bad(message.setExtends(arg), rawPath);
      continue;
    }
    const doc = parseDocument(arg.slice(eq + 1), { prettyErrors: false });
    if (doc.errors.length > 0) {
      const msg = message.setBadValue(arg, doc.errors[0]!.message);
      problems.add(SET_POS, { path: segments, message: msg, expected: expected.validYaml, found: found.setArgument(arg) }, false);
      continue;
    }
    const value = plainToTree(doc.toJS({ maxAliasCount: 100 }), SET_POS);
    // Walk to the parent, creating maps (or lists, before an index) where nothing is written yet.
    const fresh = (next: string | number | undefined): Tree =>
      typeof next === 'number' ? { kind: 'seq', at: SET_POS, items: [] } : { kind: 'map', at: SET_POS, entries: new Map() };
    let node: Tree = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const next = segments[i + 1];
      const last = i === segments.length - 1;
      if (node.kind === 'map') {
        const key = String(seg);
        if (last) {
          node.entries.set(key, { keyAt: SET_POS, node: value });
          break;
        }
        let entry = node.entries.get(key);
        if (!entry) {
          entry = { keyAt: SET_POS, node: fresh(next) };
          node.entries.set(key, entry);
        }
        node = entry.node;
      } else if (node.kind === 'seq' && typeof seg === 'number' && seg <= node.items.length) {
        if (last) {
          node.items[seg] = value;
          break;
        }
        if (seg === node.items.length) node.items.push(fresh(next));
        node = node.items[seg]!;
      } else {
        const prefix = pathString(segments.slice(0, i)) || 'the scenario';
        const msg =
          node.kind === 'seq'
            ? message.setIndexPastEnd(arg, prefix, node.items.length)
            : message.setThroughScalar(arg, prefix, describeFound(toPlain(node)));
        problems.add(SET_POS, { path: segments, message: msg, expected: expected.setArgument, found: found.setArgument(arg) }, false);
        break;
      }
    }
  }
}

/** `a.b[2].c` or `a.b.2.c` → ['a', 'b', 2, 'c']; undefined if a part is empty. */
function parseSetPath(raw: string): Path | undefined {
  const out: Path = [];
  for (const part of raw.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part.trim());
    if (!m) return undefined;
    const [, name, indexes] = m;
    if (name === '' && indexes === '') return undefined;
    if (name !== '') out.push(/^\d+$/.test(name!) ? Number(name) : name!);
    for (const ix of indexes!.matchAll(/\[(\d+)\]/g)) out.push(Number(ix[1]));
  }
  return out.length > 0 ? out : undefined;
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// 5. Validation: zod issues → located problems
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** The parts of a zod 4 schema the loader reads (`schema._zod.def`); generic over whatever the schema holds. */
interface ZodLike {
  _zod: { def: ZodDef; values?: Set<unknown> };
}
interface ZodDef {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  getter?: () => ZodLike;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
  items?: ZodLike[];
  valueType?: ZodLike;
  options?: ZodLike[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
  error?: (issue: unknown) => unknown;
}
interface Meta {
  unit?: string;
  description?: string;
}

const ROOT_SCHEMA = ScenarioSchema as unknown as ZodLike;

/** Strips wrappers (default, optional, pipe, …), gathering `.meta()` on the way (outer wins). */
function unwrap(schema: ZodLike): { schema: ZodLike; meta: Meta; optional: boolean } {
  let cur = schema;
  let meta: Meta = {};
  let optional = false;
  for (let depth = 0; depth < 64; depth++) {
    const m = z.globalRegistry.get(cur as unknown as z.core.$ZodType) as Meta | undefined;
    if (m) meta = { ...m, ...meta };
    const def = cur._zod.def;
    if ((def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'catch') && def.innerType) {
      optional = true;
      cur = def.innerType;
    } else if ((def.type === 'nullable' || def.type === 'readonly' || def.type === 'nonoptional') && def.innerType) {
      cur = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      cur = def.in;
    } else if (def.type === 'lazy' && def.getter) {
      cur = def.getter();
    } else break;
  }
  return { schema: cur, meta, optional };
}

/** The values a union option's discriminator field accepts. */
function discriminatorValues(option: ZodLike, discriminator: string): unknown[] {
  const obj = unwrap(option).schema;
  const field = obj._zod.def.shape?.[discriminator];
  if (!field) return [];
  const f = unwrap(field).schema;
  if (f._zod.values) return [...f._zod.values];
  if (f._zod.def.values) return f._zod.def.values;
  if (f._zod.def.entries) return Object.values(f._zod.def.entries);
  return [];
}

/** All values of a discriminated union's discriminator, in schema order. */
function unionValues(union: ZodLike): string[] {
  const d = union._zod.def;
  if (!d.discriminator) return [];
  return (d.options ?? []).flatMap((o) => discriminatorValues(o, d.discriminator!)).map(String);
}

/** The union option `data` selects (by its discriminator value); undefined if none does. */
function pickOption(union: ZodLike, data: unknown): ZodLike | undefined {
  const d = union._zod.def;
  const options = d.options ?? [];
  if (d.discriminator) {
    if (!isRecord(data)) return undefined;
    const value = data[d.discriminator];
    return options.find((o) => discriminatorValues(o, d.discriminator!).includes(value));
  }
  const kind = Array.isArray(data) ? 'array' : isRecord(data) ? 'object' : undefined;
  return options.find((o) => unwrap(o).schema._zod.def.type === kind);
}

/** Unwraps and, for unions, picks the option the data selects. */
function resolveSchema(schema: ZodLike, data: unknown): ZodLike | undefined {
  let cur: ZodLike | undefined = unwrap(schema).schema;
  for (let depth = 0; cur && cur._zod.def.type === 'union' && depth < 16; depth++) {
    const option = pickOption(cur, data);
    cur = option ? unwrap(option).schema : undefined;
  }
  return cur;
}

/** The (still wrapped, so its meta is reachable) schema of the field at `at`, given the data along the way. */
function schemaAt(at: Path, data: unknown): ZodLike | undefined {
  let cur: ZodLike = ROOT_SCHEMA;
  let value = data;
  for (const seg of at) {
    const s = resolveSchema(cur, value);
    if (!s) return undefined;
    const d = s._zod.def;
    let next: ZodLike | undefined;
    if (d.type === 'object') next = d.shape && Object.hasOwn(d.shape, String(seg)) ? d.shape[String(seg)] : undefined;
    else if (d.type === 'array') next = d.element;
    else if (d.type === 'tuple') next = d.items?.[Number(seg)];
    else if (d.type === 'record') next = d.valueType;
    if (!next) return undefined;
    cur = next;
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[seg] : undefined;
  }
  return cur;
}

/** The keys the object at `at` accepts, in schema order. */
function keysAt(at: Path, data: unknown): string[] {
  const s = schemaAt(at, data);
  const obj = s && resolveSchema(s, valueAt(data, at).value);
  return obj?._zod.def.type === 'object' ? Object.keys(obj._zod.def.shape ?? {}) : [];
}

/** Keys every scenario must have (no default, not optional), whatever its model. */
function requiredKeys(): string[] {
  const root = unwrap(ROOT_SCHEMA).schema;
  const objects = root._zod.def.type === 'union' ? (root._zod.def.options ?? []).map((o) => unwrap(o).schema) : [root];
  const required = objects.map((o) => Object.entries(o._zod.def.shape ?? {}).filter(([, f]) => !unwrap(f).optional).map(([k]) => k));
  return required.length ? required[0]!.filter((k) => required.every((r) => r.includes(k))) : [];
}

/**
 * Where else the schema accepts `key`: under another field (`exchange`), or in this same object but only
 * for another discriminator value (`rule: yard-sale-redistribution`).
 */
function elsewhere(key: string, at: Path): { under?: string; onlyWith?: string } {
  const here = pathString(at.filter((s) => typeof s === 'string'));
  let sameObject: string | undefined;
  let under: string | undefined;
  const visit = (schema: ZodLike, p: string[], condition: string | undefined, depth: number): void => {
    if (depth > 12 || (under !== undefined && sameObject !== undefined)) return;
    const s = unwrap(schema).schema;
    const d = s._zod.def;
    if (d.type === 'union') {
      for (const o of d.options ?? []) {
        const values = d.discriminator ? discriminatorValues(o, d.discriminator) : [];
        const when = d.discriminator && values.length ? `${d.discriminator}: ${values.map(String).join(' or ')}` : condition;
        visit(o, p, when, depth + 1);
      }
    } else if (d.type === 'object') {
      const shape = d.shape ?? {};
      if (Object.hasOwn(shape, key)) {
        const where = pathString(p);
        if (where === here && condition) sameObject ??= condition;
        else if (where !== here) under ??= where;
      }
      for (const [k, f] of Object.entries(shape)) visit(f, [...p, k], undefined, depth + 1);
    } else if (d.type === 'array' && d.element) visit(d.element, p, undefined, depth + 1);
    else if (d.type === 'record' && d.valueType) visit(d.valueType, p, undefined, depth + 1);
  };
  visit(ROOT_SCHEMA, [], undefined, 0);
  if (sameObject) return { onlyWith: sameObject };
  return under !== undefined ? { under } : {};
}

/** What a schema accepts, for a reader: `an integer from 1 to 1200 [months]`, `text`, … */
function describeExpected(schema: ZodLike | undefined, data?: unknown): string {
  if (!schema) return '';
  const { schema: s, meta } = unwrap(schema);
  const d = s._zod.def;
  const checks = (d.checks ?? []).map((c) => c._zod.def);
  switch (d.type) {
    case 'number':
    case 'int':
    case 'bigint': {
      const isInt =
        d.type !== 'number' || isIntFormat(d.format) || checks.some((c) => c.check === 'number_format' && isIntFormat(c.format));
      let min: number | undefined;
      let max: number | undefined;
      let minInclusive = true;
      let maxInclusive = true;
      for (const c of checks) {
        if (c.check === 'greater_than' && c.value !== undefined && (min === undefined || Number(c.value) >= min)) {
          min = Number(c.value);
          minInclusive = c.inclusive ?? true;
        }
        if (c.check === 'less_than' && c.value !== undefined && (max === undefined || Number(c.value) <= max)) {
          max = Number(c.value);
          maxInclusive = c.inclusive ?? true;
        }
      }
      const range = expected.range(min, minInclusive, max, maxInclusive);
      return expected.quantity(isInt ? expected.integer : expected.number, range, meta.unit);
    }
    case 'string': {
      for (const c of checks) {
        if (c.check === 'string_format' && c.format === 'regex' && c.pattern) {
          const custom = customMessage(c);
          return custom ? expected.patternDescribed(custom) : expected.pattern(String(c.pattern));
        }
      }
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      return min === undefined || min < 1 ? expected.text : min === 1 ? expected.nonEmptyText : expected.textAtLeast(min);
    }
    case 'boolean':
      return expected.boolean;
    case 'array': {
      const of = describeExpected(d.element);
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      return min !== undefined && min >= 1 ? expected.nonEmptyList(of) : expected.list(of);
    }
    case 'object':
    case 'record':
      return expected.mapping;
    case 'union': {
      if (d.discriminator) return expected.mappingWith(d.discriminator, unionValues(s));
      const option = pickOption(s, data);
      return option ? describeExpected(option, data) : (d.options ?? []).map((o) => describeExpected(o)).join(' or ');
    }
    case 'literal':
      return expected.oneOf((d.values ?? []).map(String));
    case 'enum':
      return expected.oneOf(Object.values(d.entries ?? {}).map(String));
    default:
      return d.type;
  }
}

function isIntFormat(format: string | undefined): boolean {
  return format !== undefined && /int/.test(format);
}

/** The custom message a check was given (`.regex(re, 'lower-case letters…')`), if any. */
function customMessage(check: CheckDef): string | undefined {
  if (typeof check.error !== 'function') return undefined;
  try {
    const r = check.error({ code: 'invalid_format', format: check.format, input: '' });
    if (typeof r === 'string') return r;
    if (isRecord(r) && typeof r.message === 'string') return r.message;
  } catch {
    // a message function that needs more than we give it: fall back to the pattern
  }
  return undefined;
}

/** Maps one zod issue to located problems. */
function issueProblems(issue: z.core.$ZodIssue, root: MapTree, data: unknown, problems: Problems): void {
  const at: Path = issue.path.map((s) => (typeof s === 'number' ? s : String(s)));
  const { has, value } = valueAt(data, at);
  const field = schemaAt(at, data);
  /** Records a problem; by default at the offending value, expecting what the schema says, finding the value. */
  const report = (msg: string, o: { where?: Pos; path?: Path; expected?: string; found?: string } = {}) =>
    problems.add(
      o.where ?? valueLocation(root, at),
      { path: o.path ?? at, message: msg, expected: o.expected ?? describeExpected(field, value), found: o.found ?? describeFound(value) },
      false,
    );

  switch (issue.code) {
    case 'unrecognized_keys': {
      const valid = keysAt(at, data);
      for (const key of issue.keys) {
        const p = [...at, key];
        const other = elsewhere(key, at);
        const msg = other.onlyWith
          ? message.unknownKeyOnlyWith(key, other.onlyWith)
          : other.under !== undefined
            ? message.unknownKeyElsewhere(key, other.under)
            : message.unknownKey(key, nearest(key, valid));
        report(msg, { where: keyLocation(root, p), path: p, expected: expected.knownKey(valid), found: found.key(key) });
      }
      return;
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: unknown }).discriminator;
      if (typeof discriminator !== 'string') {
        report(message.noMatchingForm);
        return;
      }
      // zod 4 puts the discriminator in the path; be tolerant of versions that stop at the union.
      const p = at[at.length - 1] === discriminator ? at : [...at, discriminator];
      const union = schemaAt(p.slice(0, -1), data);
      const listed = (issue as { options?: unknown }).options;
      const fromSchema = union ? unionValues(unwrap(union).schema) : [];
      const values = fromSchema.length ? fromSchema : Array.isArray(listed) ? listed.map(String) : [];
      const v = valueAt(data, p);
      if (!v.has) {
        report(message.missingDiscriminator(discriminator), {
          where: missingLocation(root, p),
          path: p,
          expected: expected.oneOf(values),
          found: found.nothing,
        });
      } else {
        const text = String(v.value);
        report(message.badDiscriminator(discriminator, text, nearest(text, values)), {
          where: valueLocation(root, p),
          path: p,
          expected: expected.oneOf(values),
          found: describeFound(v.value),
        });
      }
      return;
    }
    case 'invalid_type': {
      if (!has) {
        const key = String(at[at.length - 1] ?? '');
        const description = field ? unwrap(field).meta.description : undefined;
        report(message.missingField(key, description), { where: missingLocation(root, at), found: found.nothing });
      } else if (issue.expected === 'int' && typeof value === 'number' && Number.isFinite(value)) {
        report(message.notWhole(value));
      } else if (typeof value === 'number' && !Number.isFinite(value)) {
        report(message.notFinite(value));
      } else if ((issue.expected === 'number' || issue.expected === 'int') && looksNumeric(value)) {
        report(message.quotedNumber(value));
      } else {
        report(message.wrongType);
      }
      return;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        report(small ? (bound <= 1 ? message.emptyText : message.textTooShort(bound)) : message.textTooLong(bound));
      } else if (issue.origin === 'array' || issue.origin === 'set') {
        report(small ? message.listTooShort(bound) : message.listTooLong(bound));
      } else {
        const shown = describeFound(value);
        const inclusive = issue.inclusive ?? true;
        report(small ? message.tooSmall(shown, bound, inclusive) : message.tooBig(shown, bound, inclusive));
      }
      return;
    }
    case 'invalid_format':
      report(message.badFormat(String(value)));
      return;
    case 'invalid_value': {
      const values = issue.values.map(String);
      report(message.badValue(describeFound(value), nearest(String(value), values)), { expected: expected.oneOf(values) });
      return;
    }
    default:
      report(message.other(issue.message));
  }
}

/** A number written in quotes, like `"12"`. */
function looksNumeric(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Locating paths in the tree
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** The deepest node along `at`, with the entry (key position) that led to it. */
function walk(root: Tree, at: Path): { node: Tree; entry?: Entry; depth: number } {
  let node: Tree = root;
  let entry: Entry | undefined;
  let depth = 0;
  for (const seg of at) {
    if (node.kind === 'map') {
      const e = node.entries.get(String(seg));
      if (!e) break;
      entry = e;
      node = e.node;
    } else if (node.kind === 'seq' && typeof seg === 'number' && node.items[seg]) {
      entry = undefined;
      node = node.items[seg]!;
    } else break;
    depth++;
  }
  return { node, entry, depth };
}

/** Where the value at `at` was written (or its nearest written ancestor). */
function valueLocation(root: Tree, at: Path): Pos {
  return walk(root, at).node.at;
}

/** Where the key of `at` was written (an unknown key is reported at the key itself). */
function keyLocation(root: Tree, at: Path): Pos {
  const w = walk(root, at);
  return w.depth === at.length && w.entry ? w.entry.keyAt : w.node.at;
}

/** A missing field is reported at its parent: the parent's key (`exchange:`), or the top of the file. */
function missingLocation(root: Tree, at: Path): Pos {
  const parent = at.slice(0, -1);
  if (parent.length === 0) return root.at;
  return keyLocation(root, parent);
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Helpers
// ————————————————————————————————————————————————————————————————————————————————————————————————

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function valueAt(data: unknown, at: Path): { has: boolean; value: unknown } {
  let cur = data;
  for (const seg of at) {
    if (Array.isArray(cur) && typeof seg === 'number' && seg < cur.length) cur = cur[seg];
    else if (isRecord(cur) && Object.hasOwn(cur, String(seg))) cur = cur[String(seg)];
    else return { has: false, value: undefined };
  }
  return { has: true, value: cur };
}

/** `exchange.stake_fraction`, `learning_goals[1]`. */
function pathString(at: readonly (string | number)[]): string {
  let out = '';
  for (const seg of at) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function describeFound(v: unknown): string {
  if (v === undefined) return found.nothing;
  if (v === null) return found.empty;
  if (typeof v === 'string') return found.text(v);
  if (typeof v === 'number') return found.number(v);
  if (typeof v === 'boolean') return found.boolean(v);
  if (Array.isArray(v)) return found.list(v.length);
  if (isRecord(v)) return found.mapping(Object.keys(v));
  return found.other(typeof v);
}

/** Edit distance with transpositions (optimal string alignment), ignoring case and `-` vs `_`. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase().replace(/-/g, '_');
  const t = b.toLowerCase().replace(/-/g, '_');
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/** The file name closest to `name`, judged on the name without its extension. */
function nearestFile(name: string, candidates: readonly string[]): string | undefined {
  return nearest(name, candidates, name.replace(/\.[^.]*$/, '').length);
}

/** The candidate closest to `word`, if close enough to be a likely typo (about one edit per three characters). */
function nearest(word: string, candidates: readonly string[], basis: number = word.length): string | undefined {
  const limit = Math.max(1, Math.floor(basis / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(word, c);
    if (dist <= limit && dist < Math.max(word.length, c.length) && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

function sortProblems(list: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = list.filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return unique.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.col - b.col);
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// 6. Output
// ————————————————————————————————————————————————————————————————————————————————————————————————

/** A copy of validated data with object keys in schema order (unknown keys, if any, after them). */
function orderBySchema(data: unknown, schema: ZodLike | undefined): unknown {
  if (Array.isArray(data)) {
    const s = schema && resolveSchema(schema, data);
    const element = s?._zod.def.type === 'array' ? s._zod.def.element : undefined;
    return data.map((x) => orderBySchema(x, element));
  }
  if (!isRecord(data)) return data;
  const s = schema && resolveSchema(schema, data);
  const shape = s?._zod.def.type === 'object' ? (s._zod.def.shape ?? {}) : {};
  const keys = [
    ...Object.keys(shape).filter((k) => Object.hasOwn(data, k)),
    ...Object.keys(data).filter((k) => !Object.hasOwn(shape, k)),
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (data[k] === undefined) continue;
    const child = Object.hasOwn(shape, k) ? shape[k] : s?._zod.def.type === 'record' ? s._zod.def.valueType : undefined;
    Object.defineProperty(out, k, { value: orderBySchema(data[k], child), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
