export { createEngine, defaultEngine } from './engine.js';
export type { Engine, InstantInput, SafeResult } from './engine.js';
export { evaluateMany, summarize } from './batch.js';
export { compare, mergeReports, ENCOUNTERS } from './compare.js';
export type { CompareOptions, ImpactReport, Cell, SampleCase, SampleSide, Encounter } from './compare.js';
export type { BatchOptions, BatchResult } from './batch.js';
export type { AssessmentSummary } from './assess.js';
export { HealthCodeInputError, formatPath } from './errors.js';
export type { InputIssue, IssueCode } from './errors.js';
export { lianyungang2020 } from './policy/lianyungang2020.js';
export { transitions } from './transitions.js';
export type { Transition, TransitionId } from './transitions.js';
export { SnapshotSchema } from './snapshot.js';
export { rules } from './rulebook.js';
export type { RuleDescription } from './rulebook.js';
export type { Snapshot, Resumed } from './snapshot.js';
export { DeclarationSchema, KeyAreaVisitSchema, KeyAreaContactSchema } from './schema/declaration.js';
export type { Declaration, DeclarationInput, ValidDeclaration, Category, Channel } from './schema/declaration.js';
export { EventSchema, EVENT_KINDS } from './schema/events.js';
export type { Event, EventInput, ValidEvent, EventKind, EventOf } from './schema/events.js';
export { PolicySchema } from './schema/policy.js';
export type { Policy, Policy as PolicyInput, ValidPolicy } from './schema/policy.js';
export { AssessmentSchema } from './schema/assessment.js';
export type { Assessment, Reason, TrailEntry, Ignored, Message, AwaitedEvent, Awaited, Count } from './schema/assessment.js';
export type { Colour, RuleId, Symptom, Obligation, Venue, Credential } from './schema/primitives.js';
export { CheckpointContextSchema, CheckDecisionSchema, CHECKPOINT_RULES, CHECKPOINT_STEPS } from './schema/checkpoint.js';
export type { CheckpointContext, CheckpointContextInput, CheckDecision, CheckpointRule, CheckpointStep, TemperatureRecord } from './schema/checkpoint.js';
export { mustApply, credentialFor } from './application.js';
export { stateDiagram } from './diagram.js';
export { glossary } from './glossary.js';
export type { GlossaryEntry, InterpretationId, ReadingId } from './glossary.js';

import { defaultEngine } from './engine.js';
import type { Assessment } from './schema/assessment.js';
import type { CheckDecision, CheckpointContextInput } from './schema/checkpoint.js';
import type { DeclarationInput } from './schema/declaration.js';
import type { EventInput } from './schema/events.js';
import type { InstantInput, SafeResult } from './engine.js';

/**
 * Evaluates a declaration and its history at `now` under the Lianyungang 2020 policy: colour,
 * reasons, release date, trail (RULES §8). Throws `HealthCodeInputError` listing every problem
 * with its path when an input is invalid.
 *
 * @param declaration - the application form (FORMAT "A case"), typed: a `proxy` channel without
 *   `proxy`, or an unknown category, fails to compile (use `safeEvaluate` for unchecked data)
 * @param history - the events after (and before) the declaration, in any order
 * @param now - a `Date` or an ISO-8601 instant with offset
 * @returns the assessment
 * @example
 * evaluate(declaration, [], '2020-02-10T12:00:00+08:00').colour // 'green'
 */
export function evaluate(declaration: DeclarationInput, history: readonly EventInput[], now: InstantInput): Assessment {
  return defaultEngine.evaluate(declaration, history, now);
}

/**
 * Like `evaluate`, but never throws: `{ success: true, data }` or `{ success: false, error }`. It
 * takes `unknown`, so that untrusted data (parsed JSON, a request body) is passed as it came.
 *
 * @param declaration - the application form
 * @param history - the events
 * @param now - a `Date` or an ISO-8601 instant with offset
 * @returns the result
 * @example
 * const r = safeEvaluate(declaration, history, now); if (!r.success) console.log(r.error.issues)
 */
export function safeEvaluate(declaration: unknown, history: unknown, now: unknown): SafeResult<Assessment> {
  return defaultEngine.safeEvaluate(declaration, history, now);
}

/**
 * Decides a checkpoint encounter under the Lianyungang 2020 policy (RULES §6): the first row of
 * C3, C11, C6, C7, C8, C9, C10, C1, C2, C4, C5 that matches. Exits are never blocked (C3); no entry
 * without a reading (C11); a reading at or above 37.3 °C is refused and `record` is the
 * `temperature` event to upload, which fed back into the history drives the §5 twice rule (C6);
 * no issued code is refused with directions to apply (C7, I-12). Throws `HealthCodeInputError`
 * listing every problem (paths under `assessment` and `context`) when an input is invalid.
 *
 * @param assessment - the `Assessment` the person shows (evaluate it at the checkpoint's instant),
 *   or `null` when they show no code at all
 * @param context - `{ venue, direction, role?, celsius?, at, recordId? }`; `role` is required for
 *   an entry to a residential compound
 * @returns `{ admit, rule, steps, message, record }`
 * @example
 * const a = evaluate(declaration, history, '2020-03-01T09:00:00+08:00');
 * check(a, { venue: 'public-place', direction: 'in', celsius: 37.6, at: '2020-03-01T09:00:00+08:00' }).rule // 'C6'
 */
export function check(assessment: Assessment | null, context: CheckpointContextInput): CheckDecision {
  return defaultEngine.check(assessment, context);
}

/**
 * Like `check`, but never throws: `{ success: true, data }` or `{ success: false, error }`.
 *
 * @param assessment - the `Assessment` shown, or `null`
 * @param context - the checkpoint context
 * @returns the result
 * @example
 * const r = safeCheck(null, { venue: 'public-place', direction: 'in', celsius: 36.5, at: '2020-03-01T09:00:00+08:00' });
 * if (r.success) r.data.rule // 'C7'
 */
export function safeCheck(assessment: unknown, context: unknown): SafeResult<CheckDecision> {
  return defaultEngine.safeCheck(assessment, context);
}
