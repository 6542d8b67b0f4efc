export { createEngine, defaultEngine } from './engine.js';
export type { Engine, SafeResult } from './engine.js';
export { HealthCodeInputError, formatPath } from './errors.js';
export type { InputIssue, IssueCode } from './errors.js';
export { lianyungang2020 } from './policy/lianyungang2020.js';
export { transitions } from './transitions.js';
export type { Transition } from './transitions.js';
export { DeclarationSchema, KeyAreaVisitSchema, KeyAreaContactSchema } from './schema/declaration.js';
export type { Declaration, ValidDeclaration, Category, Channel } from './schema/declaration.js';
export { EventSchema, EVENT_KINDS } from './schema/events.js';
export type { Event, ValidEvent, EventKind, EventOf } from './schema/events.js';
export { PolicySchema } from './schema/policy.js';
export type { Policy, ValidPolicy } from './schema/policy.js';
export { AssessmentSchema } from './schema/assessment.js';
export type { Assessment, Reason, TrailEntry, Ignored, Message, Awaited, Count } from './schema/assessment.js';
export type { Colour, RuleId, Symptom, Obligation, Venue, Credential } from './schema/primitives.js';

import { defaultEngine } from './engine.js';
import type { Assessment } from './schema/assessment.js';
import type { SafeResult } from './engine.js';

/**
 * Evaluates a declaration and its history at `now` under the Lianyungang 2020 policy: colour,
 * reasons, release date, trail (RULES §8). Throws `HealthCodeInputError` listing every problem
 * with its path when an input is invalid.
 *
 * @param declaration - the application form (FORMAT "A case")
 * @param history - the events after (and before) the declaration, in any order
 * @param now - a `Date` or an ISO-8601 instant with offset
 * @returns the assessment
 * @example
 * evaluate(declaration, [], '2020-02-10T12:00:00+08:00').colour // 'green'
 */
export function evaluate(declaration: unknown, history: unknown, now: unknown): Assessment {
  return defaultEngine.evaluate(declaration, history, now);
}

/**
 * Like `evaluate`, but never throws: `{ success: true, data }` or `{ success: false, error }`.
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
