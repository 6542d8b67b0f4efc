import { formatDay } from './internal/iso.js';
import { RULE_MODULES } from './rules/index.js';
import { colourOf, type Condition, type FoldState, type RawTrailEntry } from './rules/state.js';
import { reasonMessage } from './messages.js';
import type { CompiledPolicy } from './policy/compile.js';
import type { Assessment, AwaitedEvent, Ignored, Reason, TrailEntry } from './schema/assessment.js';
import { OBLIGATIONS, RULES, type Colour, type Obligation, type RuleId } from './schema/primitives.js';
import type { ValidCase } from './validate.js';

/**
 * From the fold's state at `now` to the `Assessment` of RULES §8: colour, reasons, projections
 * (releaseAt, nextChangeAt), permissions, obligations, missed daily reports and the trail.
 */

/** What an active condition waits for (RULES §8), as its rule says. */
const awaitingOf = (c: Condition): AwaitedEvent[] => RULE_MODULES[c.rule].awaiting(c);

/** RULES §3 obligations of an active condition, as its rule says. */
const obligationsOf = (c: Condition): Obligation[] => RULE_MODULES[c.rule].obligations(c);

// I-1 … I-19 by number, then the readings of RULES §12 by name.
const byNumber = (a: string, b: string): number => {
  const x = a.startsWith('I-') ? Number(a.slice(2)) : Number.POSITIVE_INFINITY;
  const y = b.startsWith('I-') ? Number(b.slice(2)) : Number.POSITIVE_INFINITY;
  return x === y ? (a < b ? -1 : a > b ? 1 : 0) : x < y ? -1 : 1;
};

/**
 * The first instant after now at which the colour would differ if nothing new happened, and the
 * colour it would turn (RULES §8), from the active conditions' rules and release instants (null:
 * no release of its own). `check` derives it again from an assessment's reasons (RULES §6 (d)).
 */
export function projectChange(
  conditions: readonly { readonly rule: RuleId; readonly releaseAt: number | null }[],
  colour: Colour,
): { readonly at: number; readonly colour: Colour } | null {
  const instants = [...new Set(conditions.flatMap((c) => (c.releaseAt === null ? [] : [c.releaseAt])))].sort((a, b) => a - b);
  for (const at of instants) {
    const remaining = conditions.filter((c) => c.releaseAt === null || c.releaseAt > at).map((c) => c.rule);
    const next = colourOf(remaining);
    if (next !== colour) return { at, colour: next };
  }
  return null;
}

/** Where the fold leaves a case at `now`: the active conditions and the projections of RULES §8. */
export interface Projection {
  readonly active: readonly Condition[];
  readonly colour: Colour;
  /** When the code turns green if nothing new happens; null if green or awaiting an outside event. */
  readonly releaseAtMs: number | null;
  /** The first instant after now at which the colour would differ. */
  readonly nextChangeMs: number | null;
  /** The colour at `nextChangeMs`, or null. */
  readonly nextColour: Colour | null;
}

/** The active conditions in rule order, the colour (I-1) and the two projections of RULES §8. */
export function project(state: FoldState): Projection {
  const active: Condition[] = [];
  for (const rule of RULES) {
    const c = state.conditions[rule];
    if (c !== undefined) active.push(c);
  }
  if (active.length === 0) return { active, colour: 'green', releaseAtMs: null, nextChangeMs: null, nextColour: null };
  const colour = colourOf(active.map((c) => c.rule));
  const releaseAtMs =
    active.length === 0 || active.some((c) => c.releaseAt === null) ? null : Math.max(...active.map((c) => c.releaseAt as number));
  const change = projectChange(active, colour);
  return { active, colour, releaseAtMs, nextChangeMs: change?.at ?? null, nextColour: change?.colour ?? null };
}

/** RULES §3: obligations of the conditions of the current colour, and the daily report while GY is active. */
function owedObligations(state: FoldState, active: readonly Condition[], colour: Colour): Obligation[] {
  const owed = new Set<Obligation>(active.filter((c) => colourOf([c.rule]) === colour).flatMap(obligationsOf));
  if (state.conditions.GY !== undefined) owed.add('daily-self-report');
  return OBLIGATIONS.filter((o) => owed.has(o));
}

/** What an impact analysis compares of a folded case, without rendering reasons, messages or the trail. */
export interface ImpactOutcome {
  readonly subject: string;
  readonly colour: Colour;
  readonly rules: readonly RuleId[];
  readonly releaseAt: string | null;
  readonly issued: boolean;
  readonly review: 'pending' | 'approved' | 'rejected';
  readonly obligations: readonly Obligation[];
}

/** The outcome of a folded case that `compare` tallies (RULES §3, §8). */
export function impactOf(cp: CompiledPolicy, input: ValidCase, state: FoldState): ImpactOutcome {
  const { active, colour, releaseAtMs } = project(state);
  return {
    subject: input.declaration.subjectId,
    colour,
    rules: active.map((c) => c.rule),
    releaseAt: releaseAtMs === null ? null : cp.zone.format(releaseAtMs),
    issued: state.review === 'approved',
    review: state.review,
    obligations: owedObligations(state, active, colour),
  };
}

/** What a city-wide batch keeps of an assessment. */
export interface AssessmentSummary {
  readonly subject: string;
  readonly colour: Colour;
  readonly rules: readonly RuleId[];
  readonly releaseAt: string | null;
  readonly nextChangeAt: string | null;
}

/** The summary of a folded case, without rendering reasons, messages or the trail. */
export function summarizeState(cp: CompiledPolicy, input: ValidCase, state: FoldState): AssessmentSummary {
  const { active, colour, releaseAtMs, nextChangeMs } = project(state);
  return {
    subject: input.declaration.subjectId,
    colour,
    rules: active.map((c) => c.rule),
    releaseAt: releaseAtMs === null ? null : cp.zone.format(releaseAtMs),
    nextChangeAt: nextChangeMs === null ? null : cp.zone.format(nextChangeMs),
  };
}

/** One active condition and why (RULES §8): its phase, count, evidence, interpretations and message. */
function reasonOf(cp: CompiledPolicy, c: Condition, several: boolean): Reason {
  const { zone, policy } = cp;
  const awaiting = awaitingOf(c);
  const releaseAt = c.releaseAt === null ? null : zone.format(c.releaseAt);
  const anchor = c.anchor === null ? null : zone.format(c.anchor);
  const interpretations = [...c.interpretations, ...(several ? (['I-1'] as const) : [])].sort(byNumber);
  const rule = c.rule;
  const resetSymptoms = rule === 'R1' || rule === 'R5' ? [] : [...cp.resetSymptoms[rule]];
  const startedAt = zone.format(c.startedAt);
  const obligations = obligationsOf(c);
  return {
    rule,
    colour: rule.startsWith('R') ? 'red' : 'yellow',
    phase: c.phase,
    startedAt,
    releaseAt,
    count: anchor === null ? null : { anchor, days: policy.observationDays, convention: policy.dayCounting },
    awaiting,
    evidence: [...c.evidence],
    interpretations: [...new Set(interpretations)],
    obligations,
    message: reasonMessage({
      rule,
      phase: c.phase,
      evidence: c.evidence,
      startedAt,
      releaseAt,
      anchor,
      days: policy.observationDays,
      convention: policy.dayCounting,
      resetSymptoms,
      awaiting,
      clinical: c.details.clinical,
      symptoms: c.details.symptoms,
      areas: c.details.areas,
      designations: c.details.designations,
      lookbackDays: policy.lookbackDays,
      timeZone: policy.timeZone,
      areaNames: cp.areaNames,
      obligations,
    }),
  };
}

/** I-10: the days strictly between the GY start day and today without a daily report. */
function missedReports(cp: CompiledPolicy, state: FoldState, nowMs: number): string[] {
  const gy = state.conditions.GY;
  if (gy === undefined) return [];
  const missed: string[] = [];
  const today = cp.zone.dayOf(nowMs);
  const days = state.reportDays;
  // The reported days ascend: one pointer walks them beside the calendar.
  let next = 0;
  for (let day = cp.zone.dayOf(gy.startedAt) + 1; day < today; day++) {
    while (next < days.length && (days[next] as number) < day) next++;
    if (days[next] !== day) missed.push(formatDay(day));
  }
  return missed;
}

/** Builds the assessment of a folded case. */
export function assess(
  cp: CompiledPolicy,
  input: Pick<ValidCase, 'declaration' | 'submittedMs' | 'nowMs'>,
  ignored: Ignored[],
  state: FoldState,
  written: readonly TrailEntry[] = [],
): Assessment {
  const { zone } = cp;
  const { active, colour, releaseAtMs, nextChangeMs: nextChange, nextColour } = project(state);
  const several = active.length > 1;
  const reasons = active.map((c) => reasonOf(cp, c, several));
  const awaiting = [...new Set(reasons.flatMap((r) => r.awaiting))];

  const green = colour === 'green';
  return {
    subjectId: input.declaration.subjectId,
    declarationId: input.declaration.id,
    evaluatedAt: zone.format(input.nowMs),
    colour,
    since: zone.format(Math.max(state.since ?? input.submittedMs, input.submittedMs)),
    issued: state.review === 'approved',
    review: state.review,
    credential: state.credential,
    reasons,
    releaseAt: releaseAtMs === null ? null : zone.format(releaseAtMs),
    awaiting,
    nextChangeAt: nextChange === null ? null : zone.format(nextChange),
    nextColour,
    permissions: { cityTravel: green, publicPlaces: green, publicTransport: green },
    obligations: owedObligations(state, active, colour),
    missedDailyReports: missedReports(cp, state, input.nowMs),
    // The entries of a snapshot already written out, then the state's own.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; joining no written entries gives the same trail
    trail: written.length === 0 ? formatTrail(cp, state.trail) : [...written, ...formatTrail(cp, state.trail)],
    // Both lists are built for this one call: handed over, not copied.
    ignored,
    applied: state.applied,
    policy: { ...cp.ref },
  };
}

/** Trail entries with their instants written out in the policy zone (T-1). */
export function formatTrail(cp: CompiledPolicy, entries: readonly RawTrailEntry[]): TrailEntry[] {
  return entries.map((e) => {
    const entry: TrailEntry = { transition: e.transition, at: cp.zone.format(e.ms), evidence: e.evidence, colour: e.colour };
    if (e.rule !== undefined) entry.rule = e.rule;
    if (e.from !== undefined) entry.from = e.from;
    if (e.authority !== undefined) entry.authority = e.authority;
    if (e.reason !== undefined) entry.reason = e.reason;
    if (e.basis !== undefined) entry.basis = e.basis;
    return entry;
  });
}
