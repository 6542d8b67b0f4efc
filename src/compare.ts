import { assess, impactOf, type ImpactOutcome } from './assess.js';
import { readCase } from './batch.js';
import { decideEncounter } from './checkpoint.js';
import { run } from './engine.js';
import { HealthCodeInputError, type InputIssue } from './errors.js';
import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import type { Assessment } from './schema/assessment.js';
import type { Policy } from './schema/policy.js';
import { parseNow } from './validate.js';
import { COLOURS, OBLIGATIONS, RULES, type Colour, type Obligation, type RuleId } from './schema/primitives.js';

/**
 * Policy impact analysis (issue "who changes colour under another policy or another reading"):
 * the same population evaluated under a baseline and a reform policy, tallied into counts a
 * health authority, an auditor or a journalist can publish: the colour matrix, rules held, release
 * shifts, issued codes, obligations and checkpoint consequences, with small cells suppressed.
 */

/** The encounters whose outcome the report compares: a normal reading at each kind of checkpoint. */
export const ENCOUNTERS = ['public-place', 'public-transport', 'residential-resident', 'residential-visitor'] as const;
/** One kind of encounter of the report. */
export type Encounter = (typeof ENCOUNTERS)[number];

/** A count as published: the number, or `suppressed` when it is below `minCell`. */
export type Cell = number | 'suppressed';

/** Options of `compare`. */
export interface CompareOptions {
  /** The baseline policy (data, as for `createEngine`). */
  readonly baseline: Policy;
  /** The reform policy. */
  readonly reform: Policy;
  /** The instant every case is evaluated at (a case's own `now` wins). */
  readonly now: unknown;
  /** Counts below this are reported as `suppressed` (default 10; 0 publishes every count). */
  readonly minCell?: number;
  /** How many changed cases to include with their reasons under both (default 0: none, opt-in). */
  readonly sample?: number;
  /** The input position of the first case, when `cases` is one part of a population (default 0). */
  readonly indexOffset?: number;
}

/** What one side of a sampled case shows. */
export interface SampleSide {
  readonly colour: Colour;
  readonly releaseAt: string | null;
  readonly reasons: readonly { readonly rule: RuleId; readonly releaseAt: string | null; readonly interpretations: readonly string[]; readonly message: string }[];
}

/** A changed case of the sample: its position in the input, its subject and both outcomes. */
export interface SampleCase {
  readonly index: number;
  readonly subjectId: string;
  readonly baseline: SampleSide;
  readonly reform: SampleSide;
}

/** The published report of `compare`. */
export interface ImpactReport {
  readonly now: string;
  readonly minCell: number;
  readonly baseline: { readonly id: string; readonly version: string; readonly hash: string };
  readonly reform: { readonly id: string; readonly version: string; readonly hash: string };
  /** Cases evaluated under both. */
  readonly total: Cell;
  /** Cases that are not valid input under one policy or both (their issues are not published). */
  readonly invalid: Cell;
  /** Baseline colour first: `matrix.red.green` is red under the baseline and green under the reform. */
  readonly matrix: Readonly<Record<Colour, Readonly<Record<Colour, Cell>>>>;
  readonly changed: Cell;
  /** How many hold each rule under each policy. */
  readonly rules: Readonly<Record<RuleId, { readonly baseline: Cell; readonly reform: Cell }>>;
  /**
   * Release shifts, in calendar days of the baseline's zone (reform minus baseline), for those red
   * or yellow under both with a release date under both; `awaiting` counts those without one
   * under at least one of them.
   */
  readonly releaseShift: { readonly days: Readonly<Record<string, Cell>>; readonly awaiting: Cell };
  readonly issued: { readonly baseline: Cell; readonly reform: Cell; readonly gained: Cell; readonly lost: Cell };
  readonly obligations: Readonly<Record<Obligation, { readonly baseline: Cell; readonly reform: Cell }>>;
  /** Admitted at each kind of checkpoint with a normal reading at `now` (C1–C5), under each policy. */
  readonly checkpoints: Readonly<Record<Encounter, { readonly both: Cell; readonly baselineOnly: Cell; readonly reformOnly: Cell; readonly neither: Cell }>>;
  /** Changed cases with their reasons under both, in input order (opt-in). */
  readonly sample: readonly SampleCase[];
}

/** The raw counts of a comparison, before suppression; two tallies of parts of a population add up. */
export interface ImpactTally {
  total: number;
  invalid: number;
  changed: number;
  matrix: Record<Colour, Record<Colour, number>>;
  rules: Record<RuleId, [number, number]>;
  shift: Map<number, number>;
  awaiting: number;
  issued: [number, number, number, number];
  obligations: Record<Obligation, [number, number]>;
  checkpoints: Record<Encounter, [number, number, number, number]>;
  sample: SampleCase[];
  /** Checkpoint outcomes already decided: they depend only on the policy, colour, issued and encounter. */
  readonly admits: Map<string, boolean>;
}

const byColour = <T>(make: () => T): Record<Colour, T> => ({ red: make(), yellow: make(), green: make() });

/** An empty tally. */
export function emptyTally(): ImpactTally {
  return {
    total: 0,
    invalid: 0,
    changed: 0,
    matrix: byColour(() => byColour(() => 0)),
    rules: Object.fromEntries(RULES.map((r) => [r, [0, 0]])) as Record<RuleId, [number, number]>,
    shift: new Map(),
    awaiting: 0,
    issued: [0, 0, 0, 0],
    obligations: Object.fromEntries(OBLIGATIONS.map((o) => [o, [0, 0]])) as Record<Obligation, [number, number]>,
    checkpoints: Object.fromEntries(ENCOUNTERS.map((e) => [e, [0, 0, 0, 0]])) as Record<Encounter, [number, number, number, number]>,
    sample: [],
    admits: new Map(),
  };
}

const dayNumber = (instant: string): number => Math.floor(Date.UTC(Number(instant.slice(0, 4)), Number(instant.slice(5, 7)) - 1, Number(instant.slice(8, 10))) / 86_400_000);

const CONTEXTS: Readonly<Record<Encounter, { venue: 'residential' | 'public-place' | 'public-transport'; role?: 'resident' | 'visitor' }>> = {
  'public-place': { venue: 'public-place' },
  'public-transport': { venue: 'public-transport' },
  'residential-resident': { venue: 'residential', role: 'resident' },
  'residential-visitor': { venue: 'residential', role: 'visitor' },
};

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Whether a checkpoint admits this outcome with a normal reading at its evaluation instant
 * (RULES §6, C1–C5): the table's own decision, kept per policy, colour, issued and encounter, on
 * which alone it depends for a current assessment and a normal reading.
 */
function admitted(t: ImpactTally, side: 0 | 1, cp: CompiledPolicy, o: ImpactOutcome, encounter: Encounter, atMs: number): boolean {
  const key = `${side}${o.colour}${o.issued ? 1 : 0}${encounter}`;
  const known = t.admits.get(key);
  if (known !== undefined) return known;
  const context = { ...CONTEXTS[encounter], direction: 'in' as const, celsius: 36.5, at: cp.zone.format(atMs) };
  const shown = { colour: o.colour, issued: o.issued, review: o.review, rules: o.rules };
  const admit = decideEncounter(cp, shown, null, { context, atMs, taken: NO_IDS }).admit;
  t.admits.set(key, admit);
  return admit;
}

const side = (a: Assessment): SampleSide => ({
  colour: a.colour,
  releaseAt: a.releaseAt,
  reasons: a.reasons.map((r) => ({ rule: r.rule, releaseAt: r.releaseAt, interpretations: r.interpretations, message: r.message.en })),
});

/** One case's outcome under one policy, and its full assessment on demand (for the sample). */
interface Evaluated {
  readonly outcome: ImpactOutcome;
  readonly atMs: number;
  readonly full: () => Assessment;
}

/** Adds one case, evaluated under both policies, to a tally. */
function tallyCase(t: ImpactTally, index: number, b: Evaluated, r: Evaluated, sample: number, cps: readonly [CompiledPolicy, CompiledPolicy]): void {
  const x = b.outcome;
  const y = r.outcome;
  t.total++;
  t.matrix[x.colour][y.colour]++;
  for (const rule of x.rules) t.rules[rule][0]++;
  for (const rule of y.rules) t.rules[rule][1]++;
  if (x.colour !== 'green' && y.colour !== 'green') {
    if (x.releaseAt === null || y.releaseAt === null) t.awaiting++;
    else {
      const days = dayNumber(y.releaseAt) - dayNumber(x.releaseAt);
      t.shift.set(days, (t.shift.get(days) ?? 0) + 1);
    }
  }
  if (x.issued) t.issued[0]++;
  if (y.issued) t.issued[1]++;
  if (!x.issued && y.issued) t.issued[2]++;
  if (x.issued && !y.issued) t.issued[3]++;
  for (const o of x.obligations) t.obligations[o][0]++;
  for (const o of y.obligations) t.obligations[o][1]++;
  for (const encounter of ENCOUNTERS) {
    const inB = admitted(t, 0, cps[0], x, encounter, b.atMs);
    const inR = admitted(t, 1, cps[1], y, encounter, r.atMs);
    t.checkpoints[encounter][inB ? (inR ? 0 : 1) : inR ? 2 : 3]++;
  }
  const changed = x.colour !== y.colour || x.releaseAt !== y.releaseAt || x.rules.join() !== y.rules.join() || x.issued !== y.issued;
  if (!changed) return;
  t.changed++;
  if (t.sample.length < sample) t.sample.push({ index, subjectId: x.subject, baseline: side(b.full()), reform: side(r.full()) });
}

/** The two compiled policies of a comparison; throws `HealthCodeInputError` listing both policies' problems. */
export function comparePolicies(options: CompareOptions): readonly [CompiledPolicy, CompiledPolicy] {
  const cps: CompiledPolicy[] = [];
  const issues: InputIssue[] = [];
  for (const which of ['baseline', 'reform'] as const) {
    try {
      cps.push(compilePolicy(options[which]));
    } catch (error) {
      if (!(error instanceof HealthCodeInputError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, path: [which, ...i.path.slice(1)] })));
    }
  }
  if (issues.length > 0) throw new HealthCodeInputError(issues, 'policies');
  return [cps[0] as CompiledPolicy, cps[1] as CompiledPolicy];
}

function evaluated(cp: CompiledPolicy, declaration: unknown, history: unknown, now: unknown): Evaluated | undefined {
  const result = run(cp, declaration, history, now, (input, timeline, state): Evaluated => ({
    outcome: impactOf(cp, input, state),
    atMs: input.nowMs,
    full: () => assess(cp, input, [...timeline.ignored], state),
  }));
  return result.success ? result.data : undefined;
}

/** Adds the case at `index` (an object or an NDJSON line) to a tally. */
export function tallyItem(t: ImpactTally, index: number, item: unknown, cps: readonly [CompiledPolicy, CompiledPolicy], now: unknown, sample: number): void {
  const record = readCase(item);
  const at = record.ok ? (record.now ?? now) : undefined;
  const b = record.ok ? evaluated(cps[0], record.declaration, record.history, at) : undefined;
  const r = record.ok ? evaluated(cps[1], record.declaration, record.history, at) : undefined;
  if (b === undefined || r === undefined) t.invalid++;
  else tallyCase(t, index, b, r, sample, cps);
}

const MIN_CELL = 10;

/** The published report of a tally: every count below `minCell` suppressed. */
export function reportOf(t: ImpactTally, cps: readonly [CompiledPolicy, CompiledPolicy], now: string, minCell = MIN_CELL): ImpactReport {
  return suppressed(t, { now, baseline: { ...cps[0].ref }, reform: { ...cps[1].ref } }, (n) => (n < minCell ? 'suppressed' : n), minCell);
}

function suppressed(
  t: ImpactTally,
  head: Pick<ImpactReport, 'now' | 'baseline' | 'reform'>,
  cell: (n: number) => Cell,
  minCell: number,
): ImpactReport {
  const pair = ([b, r]: [number, number]) => ({ baseline: cell(b), reform: cell(r) });
  const row = (x: Colour) => ({ red: cell(t.matrix[x].red), yellow: cell(t.matrix[x].yellow), green: cell(t.matrix[x].green) });
  return {
    now: head.now,
    minCell,
    baseline: head.baseline,
    reform: head.reform,
    total: cell(t.total),
    invalid: cell(t.invalid),
    matrix: { red: row('red'), yellow: row('yellow'), green: row('green') },
    changed: cell(t.changed),
    rules: Object.fromEntries(RULES.map((r) => [r, pair(t.rules[r])])) as ImpactReport['rules'],
    releaseShift: {
      days: Object.fromEntries([...t.shift].sort(([a], [b]) => a - b).map(([d, n]) => [String(d), cell(n)])),
      awaiting: cell(t.awaiting),
    },
    issued: { baseline: cell(t.issued[0]), reform: cell(t.issued[1]), gained: cell(t.issued[2]), lost: cell(t.issued[3]) },
    obligations: Object.fromEntries(OBLIGATIONS.map((o) => [o, pair(t.obligations[o])])) as ImpactReport['obligations'],
    checkpoints: Object.fromEntries(
      ENCOUNTERS.map((e) => {
        const [both, baselineOnly, reformOnly, neither] = t.checkpoints[e];
        return [e, { both: cell(both), baselineOnly: cell(baselineOnly), reformOnly: cell(reformOnly), neither: cell(neither) }];
      }),
    ) as ImpactReport['checkpoints'],
    sample: t.sample,
  };
}

/**
 * Compares two policies over a population: every case evaluated under both, tallied into a report
 * (the colour matrix, rules held, release shifts, issued codes, obligations, checkpoint
 * consequences), counts below `minCell` suppressed, and an opt-in sample of changed cases with
 * their reasons under both. Streaming: memory is bounded by the sample, whatever the population.
 * Throws `HealthCodeInputError` when a policy or `now` is invalid; an invalid case is counted in
 * `invalid`, never dropped.
 *
 * @param cases - cases `{ declaration, history, now? }` or NDJSON lines, as an iterable or async iterable
 * @param options - `{ baseline, reform, now, minCell?, sample? }`
 * @returns the report
 * @example
 * const report = await compare(cases, { baseline: lianyungang2020, reform: { ...lianyungang2020, observationDays: 21 }, now });
 * report.matrix.red.green // red under 14 days, already green under 21: 'suppressed' or a count
 */
export async function compare(cases: AsyncIterable<unknown> | Iterable<unknown>, options: CompareOptions): Promise<ImpactReport> {
  const cps = comparePolicies(options);
  const now = nowText(cps[0], options.now);
  const sample = Math.max(0, Math.floor(options.sample ?? 0));
  const t = emptyTally();
  let index = Math.max(0, Math.floor(options.indexOffset ?? 0));
  if (typeof (cases as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function')
    for await (const item of cases as AsyncIterable<unknown>) tallyItem(t, index++, item, cps, now, sample);
  else for (const item of cases as Iterable<unknown>) tallyItem(t, index++, item, cps, now, sample);
  return reportOf(t, cps, now, options.minCell ?? MIN_CELL);
}

/**
 * One report of a whole population from the reports of its parts, each computed by `compare` with
 * `minCell: 0` (so that no count is suppressed yet) and its part's `indexOffset`: counts add up,
 * the sample keeps the first changed cases by input position, then `minCell` applies. The result
 * is the one `compare` gives over the whole population, whatever the parts.
 *
 * @param parts - the parts' reports, each with `minCell: 0`, of the same two policies and `now`
 * @param options - the whole report's options
 * @param options.minCell - counts below it are suppressed (default 10)
 * @param options.sample - how many changed cases the whole report keeps (default: all the parts')
 * @returns the report of the whole population
 * @example
 * const parts = await Promise.all(chunks.map((c, i) => compare(c, { ...options, minCell: 0, indexOffset: offsets[i] })));
 * const report = mergeReports(parts, { minCell: 10 });
 */
export function mergeReports(parts: readonly ImpactReport[], options: { readonly minCell?: number; readonly sample?: number } = {}): ImpactReport {
  const first = parts[0];
  if (first === undefined) throw new HealthCodeInputError([{ path: ['parts'], code: 'too_small', message: 'at least one report' }], 'reports');
  const issues: InputIssue[] = [];
  parts.forEach((p, i) => {
    if (p.minCell !== 0) issues.push({ path: ['parts', i, 'minCell'], code: 'invalid_value', message: 'a part is computed with minCell 0' });
    if (p.baseline.hash !== first.baseline.hash || p.reform.hash !== first.reform.hash || p.now !== first.now)
      issues.push({ path: ['parts', i], code: 'policy_mismatch', message: 'every part compares the same two policies at the same instant' });
  });
  if (issues.length > 0) throw new HealthCodeInputError(issues, 'reports');
  const n = (c: Cell): number => c as number;
  const t = emptyTally();
  for (const p of parts) {
    t.total += n(p.total);
    t.invalid += n(p.invalid);
    t.changed += n(p.changed);
    t.awaiting += n(p.releaseShift.awaiting);
    for (const x of COLOURS) for (const y of COLOURS) t.matrix[x][y] += n(p.matrix[x][y]);
    for (const rule of RULES) t.rules[rule] = [t.rules[rule][0] + n(p.rules[rule].baseline), t.rules[rule][1] + n(p.rules[rule].reform)];
    for (const [days, c] of Object.entries(p.releaseShift.days)) t.shift.set(Number(days), (t.shift.get(Number(days)) ?? 0) + n(c));
    t.issued = [t.issued[0] + n(p.issued.baseline), t.issued[1] + n(p.issued.reform), t.issued[2] + n(p.issued.gained), t.issued[3] + n(p.issued.lost)];
    for (const o of OBLIGATIONS) t.obligations[o] = [t.obligations[o][0] + n(p.obligations[o].baseline), t.obligations[o][1] + n(p.obligations[o].reform)];
    for (const e of ENCOUNTERS) {
      const c = p.checkpoints[e];
      const [both, bOnly, rOnly, neither] = t.checkpoints[e];
      t.checkpoints[e] = [both + n(c.both), bOnly + n(c.baselineOnly), rOnly + n(c.reformOnly), neither + n(c.neither)];
    }
    t.sample.push(...p.sample);
  }
  t.sample.sort((a, b) => a.index - b.index);
  t.sample.length = Math.min(t.sample.length, Math.max(0, Math.floor(options.sample ?? t.sample.length)));
  const minCell = options.minCell ?? MIN_CELL;
  return suppressed(t, first, (c) => (c < minCell ? 'suppressed' : c), minCell);
}

/** `now` in the baseline policy's zone; throws `HealthCodeInputError` (path `now`) when invalid. */
export function nowText(cp: CompiledPolicy, now: unknown): string {
  const issues: InputIssue[] = [];
  const ms = parseNow(now, ['now'], cp, issues);
  if (ms === undefined) throw new HealthCodeInputError(issues);
  return cp.zone.format(ms);
}
