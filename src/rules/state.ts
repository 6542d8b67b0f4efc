import type { CompiledPolicy } from '../policy/compile.js';
import type { ValidDeclaration } from '../schema/declaration.js';
import type { Colour, Credential, RuleId, Symptom } from '../schema/primitives.js';
import type { InterpretationId, ReadingId } from '../glossary.js';
import type { TransitionId } from '../transitions.js';

/**
 * The fold's state (RULES §1–§5) as plain data: every field is a JSON value, so that a snapshot of
 * it can be stored and the fold continued later (`Engine.resume`). The rule modules beside this
 * file read and update it one applied event at a time; nothing lives in closures.
 */

/** An id a reason or a transition cites: an interpretation, a time rule, or a reading of RULES §12. */
export type CitedId = InterpretationId | ReadingId;

/** A high-risk designation as R5 keeps it (I-6). */
export interface Designation {
  readonly id: string;
  readonly authority: string;
  readonly reason: string;
  readonly basis: string;
  readonly obligations?: string[] | undefined;
}

/** What a condition was started or moved by, for its message. */
export interface ConditionDetails {
  clinical?: string | undefined;
  symptoms?: Symptom[] | undefined;
  areas?: string[] | undefined;
  designations?: Designation[] | undefined;
}

/** The phase of a condition (RULES §3, §4). */
export type Phase = 'treatment' | 'observation' | 'designated';

/** One active instance of a rule (RULES §1 "Condition"). */
export interface Condition {
  readonly rule: RuleId;
  startedAt: number;
  phase: Phase;
  /** Event ids (or `declaration`), each once, in the order they were recorded. */
  evidence: string[];
  /** Started by the declaration's own facts (I-3 (1), (2)). */
  declared: boolean;
  /** I-3: where the observation start came from. */
  isolation: 'declared' | 'before' | 'after' | 'none';
  observationStart: number | null;
  /** The last reset symptom (I-7) or re-trigger (I-17). */
  restartAt: number | null;
  anchor: number | null;
  releaseAt: number | null;
  excludedAt: number | null;
  recoveredAt: number | null;
  interpretations: CitedId[];
  details: ConditionDetails;
}

/** A trail entry before its instant is written out. */
export interface RawTrailEntry {
  transition: TransitionId;
  ms: number;
  evidence: string[];
  colour: Colour;
  rule?: RuleId;
  from?: Colour;
  authority?: string;
  reason?: string;
  basis?: string;
}

/** One occurrence of a symptom kind: an instant, with every event that recorded it then (I-8). */
export interface Occurrence {
  readonly ids: string[];
  readonly ms: number;
  readonly day: number;
}

/** An event id with its instant. */
export interface Stamp {
  readonly ms: number;
  readonly id: string;
}

/** Everything the fold knows after the events applied so far. */
export interface FoldState {
  /** The active conditions by rule (RULES §1). */
  conditions: Partial<Record<RuleId, Condition>>;
  /** Entries written since the state was created or resumed, in order (RULES §5). */
  trail: RawTrailEntry[];
  colour: Colour;
  /** When the colour last changed; null: never since the submission. */
  since: number | null;
  review: 'pending' | 'approved' | 'rejected';
  credential: Credential | null;
  /** I-10: the days with a daily report, ascending. */
  reportDays: number[];
  /** The ids of the applied events, in T-6 order. */
  applied: string[];
  /** I-8: occurrences of each twice-symptom kind since the subject last turned green. */
  occurrences: Partial<Record<Symptom, Occurrence[]>>;
  /** I-3: the last isolation start applied. */
  lastIsolation: Stamp | null;
  /** readings.closeContact "literal": the earliest isolation start known (declared or an event). */
  earliestIsolation: number | null;
  /** readings.closeContact "literal": contacts waiting for an isolation start. */
  waitingContacts: { ids: string[]; declared: boolean } | null;
  /** I-4: the last positive test or diagnosis before the submission. */
  lastR1Trigger: number | null;
  /** I-4: the first discharge before the submission after every R1 trigger before it. */
  discharge: Stamp | null;
  /** I-3 (2): the latest isolation start at or before the submission, one at the submission included. */
  submissionIsolation: Stamp | null;
  /** Whether the declaration has been applied (T-7: the code exists from then). */
  declared: boolean;
}

/** The facts of the case that the fold reads: the declaration and its instants. */
export interface CaseFacts {
  readonly declaration: ValidDeclaration;
  readonly submittedMs: number;
  readonly isolationMs: number | null;
}

/** What the rule modules work with: the policy, the case, the state and where entries go. */
export interface Fold {
  readonly cp: CompiledPolicy;
  readonly facts: CaseFacts;
  readonly state: FoldState;
  /** Where entries are written: none before the code exists (T-7), a buffer during the declaration. */
  sink: RawTrailEntry[] | null;
  /** RULES §12 readings.closeContact is "literal". */
  readonly literalContact: boolean;
  /** RULES §12 readings.triggers is "at-application". */
  readonly atApplication: boolean;
}

/** The state before anything is applied. */
export function initialState(facts: CaseFacts): FoldState {
  return {
    conditions: {},
    trail: [],
    colour: 'green',
    since: null,
    review: 'pending',
    credential: null,
    reportDays: [],
    applied: [],
    occurrences: {},
    lastIsolation: null,
    earliestIsolation: facts.isolationMs,
    waitingContacts: null,
    lastR1Trigger: null,
    discharge: null,
    submissionIsolation: null,
    declared: false,
  };
}

/** The fold of a state, for the rule modules. */
export function foldOf(cp: CompiledPolicy, facts: CaseFacts, state: FoldState): Fold {
  return {
    cp,
    facts,
    state,
    sink: state.declared ? state.trail : null,
    literalContact: cp.policy.readings.closeContact === 'literal',
    atApplication: cp.policy.readings.triggers === 'at-application',
  };
}

/** Red if any R-condition is active, else yellow if any Y-condition, else green (I-1). */
export function colourOf(rules: Iterable<RuleId>): Colour {
  let colour: Colour = 'green';
  for (const rule of rules) {
    if (rule.startsWith('R')) return 'red';
    colour = 'yellow';
  }
  return colour;
}

/** The colour of the active conditions (I-1). */
export function currentColour(state: FoldState): Colour {
  let colour: Colour = 'green';
  for (const rule in state.conditions) {
    if (rule.startsWith('R')) return 'red';
    colour = 'yellow';
  }
  return colour;
}

// Evidence lists are kept free of repeats; a long one is looked up in a set built once per list.
const evidenceIndex = new WeakMap<string[], Set<string>>();

/** Records `id` as evidence of `c` unless it already is. */
export function addEvidence(c: Condition, id: string): void {
  const list = c.evidence;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; the set below keeps the same list without repeats
  if (list.length < 16) {
    if (!list.includes(id)) list.push(id);
    return;
  }
  let index = evidenceIndex.get(list);
  if (index === undefined) {
    index = new Set(list);
    evidenceIndex.set(list, index);
  }
  if (index.has(id)) return;
  index.add(id);
  list.push(id);
}

/** Adds a cited id to a condition unless it is there. */
export function cite(c: Condition, id: CitedId): void {
  if (!c.interpretations.includes(id)) c.interpretations.push(id);
}
