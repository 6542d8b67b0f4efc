import { countFullDays } from '../calendar.js';
import { RULES, type Colour, type RuleId } from '../schema/primitives.js';
import type { TransitionId } from '../transitions.js';
import type { Rule } from './rule.js';
import { addEvidence, cite, currentColour, type CitedId, type Condition, type ConditionDetails, type Fold, type RawTrailEntry } from './state.js';

/**
 * What every rule shares (RULES §2, §5, T-3, T-6, T-7, I-3, I-7, I-17): writing the trail, the
 * count of full days from an anchor, releases that fall due, the derived colour, and the start
 * and re-trigger of an observation. The rule modules call these; none keeps a clock of its own.
 */

/** Who acted and why, for a transition an authority or a review decided (I-6, I-13, I-18). */
export interface Attribution {
  readonly authority?: string;
  readonly reason: string;
  readonly basis?: string;
}

/** Writes one trail entry (RULES §5) with the colour the active conditions give now. */
export function push(f: Fold, transition: TransitionId, ms: number, evidence: Iterable<string>, rule?: RuleId, from?: Colour, by?: Attribution): void {
  if (f.sink === null) return;
  const entry: RawTrailEntry = { transition, ms, evidence: [...evidence], colour: currentColour(f.state) };
  if (rule !== undefined) entry.rule = rule;
  if (from !== undefined) entry.from = from;
  if (by !== undefined) {
    if (by.authority !== undefined) entry.authority = by.authority;
    entry.reason = by.reason;
    if (by.basis !== undefined) entry.basis = by.basis;
  }
  f.sink.push(entry);
}

/** A new condition of `rule`, with the interpretations its rule relies on (I-15 for one an event starts). */
export function newCondition(f: Fold, of: Rule, ms: number, evidence: readonly string[], declared: boolean): Condition {
  const rule = of.id;
  const cited: CitedId[] = [...of.cites(f)];
  if (!declared && rule !== 'R4' && rule !== 'GY') cited.push('I-15');
  return {
    rule,
    startedAt: ms,
    phase: 'observation',
    evidence: [...new Set(evidence)],
    declared,
    isolation: 'none',
    observationStart: null,
    restartAt: null,
    anchor: null,
    releaseAt: null,
    excludedAt: null,
    recoveredAt: null,
    interpretations: cited,
    details: {},
  };
}

/** T-3, I-7: the anchor is the later of the observation start and the last restart; the release a full count after it. */
export function recount(f: Fold, c: Condition): void {
  if (c.observationStart === null) return;
  const anchor = c.restartAt === null ? c.observationStart : Math.max(c.observationStart, c.restartAt);
  // The release depends on the anchor alone: many resets at one instant count the days once.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a shortcut; counting again gives the same release
  if (anchor === c.anchor && c.releaseAt !== null) return;
  c.anchor = anchor;
  c.releaseAt = countFullDays(f.cp.zone, anchor, f.cp.policy.observationDays, f.cp.policy.dayCounting);
}

/** Makes `c` active and writes its `-on` entry; T-7: a count already over at its start ends at its start. */
export function activate(f: Fold, c: Condition, ms: number): void {
  f.state.conditions[c.rule] = c;
  push(f, `T-${c.rule}-on`, ms, c.evidence, c.rule);
  if (c.releaseAt !== null && c.releaseAt <= ms) {
    delete f.state.conditions[c.rule];
    push(f, `T-${c.rule}-off`, ms, c.evidence, c.rule);
  }
}

/** T-6: the releases that fall due up to `upTo`, one instant at a time, one T-colour per instant. */
export function releaseDue(f: Fold, upTo: number): void {
  const conditions = f.state.conditions;
  for (;;) {
    let due = Number.POSITIVE_INFINITY;
    for (const rule of RULES) {
      const at = conditions[rule]?.releaseAt ?? null;
      if (at !== null && at <= upTo && at < due) due = at;
    }
    if (due === Number.POSITIVE_INFINITY) return;
    const evidence = new Set<string>();
    for (const rule of RULES) {
      const c = conditions[rule];
      if (c === undefined || c.releaseAt !== due) continue;
      delete conditions[rule];
      push(f, `T-${rule}-off`, due, c.evidence, rule);
      for (const id of c.evidence) evidence.add(id);
    }
    settle(f, due, evidence);
  }
}

/** I-1: when the derived colour changed, records it and writes `T-colour`. */
export function settle(f: Fold, ms: number, evidence: Iterable<string>): void {
  const state = f.state;
  const colour = currentColour(state);
  if (colour === state.colour) return;
  const from = state.colour;
  state.colour = colour;
  state.since = ms;
  // I-8: occurrences count only while green and after the subject last turned green.
  if (colour !== 'green') state.occurrences = {};
  push(f, 'T-colour', ms, evidence, undefined, from);
}

/**
 * R2, R3, Y1, Y2, GY: an observation counted from its start (I-9), or, but for GY, from the
 * isolation start I-3 gives it: the declared one, the latest at or before the submission for a
 * declared fact, one at the very instant for an event.
 */
export function startObservation(f: Fold, of: Rule, ms: number, evidence: readonly string[], declared: boolean, details: ConditionDetails): void {
  const c = newCondition(f, of, ms, evidence, declared);
  c.details = details;
  c.observationStart = ms;
  if (of.id !== 'GY') {
    const { isolationMs } = f.facts;
    const atSubmission = f.state.submissionIsolation;
    const last = f.state.lastIsolation;
    if (declared && isolationMs !== null) {
      c.observationStart = isolationMs;
      c.isolation = 'declared';
    } else if (declared && atSubmission !== null) {
      c.observationStart = atSubmission.ms;
      c.isolation = 'before';
      addEvidence(c, atSubmission.id);
    } else if (!declared && last !== null && last.ms === ms) {
      c.observationStart = ms;
      c.isolation = 'after';
      addEvidence(c, last.id);
    }
    if (c.isolation !== 'none') cite(c, 'I-3');
  }
  recount(f, c);
  activate(f, c, ms);
}

/** R2, R3, Y2: a later trigger moves the anchor (I-17); a declared fact only adds evidence. */
export function trigger(f: Fold, of: Rule, ms: number, id: string, declared: boolean, details: ConditionDetails): void {
  const rule = of.id;
  const c = f.state.conditions[rule];
  if (c === undefined) {
    startObservation(f, of, ms, [id], declared, details);
    return;
  }
  addEvidence(c, id);
  if (details.areas !== undefined) {
    const areas = (c.details.areas ??= []);
    for (const area of details.areas) if (!areas.includes(area)) areas.push(area);
  }
  if (declared || (c.anchor !== null && ms <= c.anchor)) return;
  c.restartAt = ms;
  cite(c, 'I-17');
  recount(f, c);
  // The entry cites the new trigger only; the reason keeps the whole evidence. Citing every
  // earlier trigger again made the trail grow with the square of the number of re-triggers.
  push(f, `T-${rule}-on`, ms, [id], rule);
}

// The rules whose observation an isolation start anchors (I-3).
const OBSERVED: readonly RuleId[] = ['R2', 'R3', 'Y1', 'Y2'];

/**
 * I-3: the first isolation start at or after a condition's start anchors its observation; for a
 * declaration-based condition, the latest one at or before the submission does.
 */
export function applyIsolation(f: Fold, ms: number, id: string): void {
  f.state.lastIsolation = { ms, id };
  for (const rule of OBSERVED) {
    const c = f.state.conditions[rule];
    if (c === undefined || c.isolation === 'declared') continue;
    if (c.declared && ms <= f.facts.submittedMs) c.isolation = 'before';
    else if (c.isolation === 'none' && ms >= c.startedAt) c.isolation = 'after';
    else continue;
    c.observationStart = ms;
    cite(c, 'I-3');
    addEvidence(c, id);
    recount(f, c);
  }
}
