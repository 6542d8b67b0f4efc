import type { AwaitedEvent } from '../schema/assessment.js';
import type { EventKind } from '../schema/events.js';
import type { Obligation, RuleId, Symptom } from '../schema/primitives.js';
import type { ValidEvent } from '../schema/events.js';
import type { Transition } from './row.js';
import type { CitedId, Condition, Fold, Phase } from './state.js';
import type { Lang, ReasonFacts } from './words.js';

/**
 * Everything about one rule of RULES §3–§5 in one place: what starts it, its phases, anchor and
 * release, what resets it, what it waits for, its obligations, its headline, the catalogue rows it
 * owns and the interpretations it relies on. The handlers that apply events are exported beside
 * the module object, in the same file.
 */
export interface Rule<R extends RuleId = RuleId, T extends string = string> {
  readonly id: R;
  readonly colour: 'red' | 'yellow';
  /** The section of the source policy. */
  readonly section: string;
  /** What starts it: fields of the declaration and kinds of events, with their guards in words. */
  readonly starts: { readonly declared: readonly string[]; readonly events: readonly EventKind[]; readonly guards: readonly string[] };
  readonly phases: readonly Phase[];
  /** Where its count starts (T-3, I-3, I-4, I-9, I-14), in words. */
  readonly anchor: string;
  /** How it ends, in words. */
  readonly release: string;
  /** How other rules and its own later triggers act on it (I-16, I-17), in words with their ids. */
  readonly interactions: readonly string[];
  /** The catalogue rows it owns (RULES §5). */
  readonly transitions: readonly Transition<T>[];
  /** The interpretations and time rules it relies on. */
  readonly interpretations: readonly CitedId[];
  /** The ids a new condition of this rule cites under the policy's readings (RULES §12). */
  cites(f: Fold): readonly CitedId[];
  /** What an active condition waits for before its count can start (RULES §8). */
  awaiting(c: Condition): AwaitedEvent[];
  /** RULES §3 obligations of an active condition. */
  obligations(c: Condition): Obligation[];
  /** The first sentence of its reason's message. */
  headline(lang: Lang, f: ReasonFacts, evidence: string): string;
  /** What restarts an active condition's count (I-7, I-14); absent for a rule nothing resets (R1 after discharge, I-4; R5, I-6). */
  readonly reset?: Reset<R>;
}

/** I-7: the reset of a rule that a listed symptom restarts (the policy's `resetSymptoms`). */
export function resetBySymptoms<const R extends 'R2' | 'R3' | 'Y1' | 'Y2' | 'GY'>(rule: R): Reset<R> {
  return { cites: 'I-7', transition: `T-${rule}-reset`, restarts: (f, _c, kinds) => kinds.some((kind) => f.cp.resetSymptoms[rule].has(kind)) };
}

/** I-7, I-14: whether an event recording `kinds` restarts an active condition's count, and the entry it writes. */
export interface Reset<R extends RuleId> {
  readonly cites: 'I-7' | 'I-14';
  readonly transition: `T-${R}-reset`;
  restarts(f: Fold, c: Condition, kinds: readonly Symptom[], event: ValidEvent): boolean;
}
