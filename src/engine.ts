import { assess, summarizeState, type AssessmentSummary } from './assess.js';
import { decideCheckpoint } from './checkpoint.js';
import { HealthCodeInputError, internalIssue } from './errors.js';
import { advance } from './fold.js';
import { foldOf, initialState, type FoldState } from './rules/state.js';
import { lianyungang2020 } from './policy/lianyungang2020.js';
import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import type { Assessment } from './schema/assessment.js';
import type { CheckDecision, CheckpointContextInput } from './schema/checkpoint.js';
import type { DeclarationInput } from './schema/declaration.js';
import type { EventInput } from './schema/events.js';
import type { Policy, ValidPolicy } from './schema/policy.js';
import { resumeCase, snapshotCase, type Resumed, type Snapshot } from './snapshot.js';
import { buildTimeline, type Timeline } from './timeline.js';
import { validateCase, type ValidCase } from './validate.js';

/** An instant as an input takes it: an ISO-8601 string with an explicit offset, or a valid `Date` (T-2). */
export type InstantInput = string | Date;

/** The result of a safe call: the zod `safeParse` shape. */
export type SafeResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: HealthCodeInputError };

/**
 * An engine bound to one validated policy. The throwing functions take the typed inputs of the
 * format (a TypeScript app gets its mistakes at compile time); the `safe…` functions take
 * `unknown`, for data from outside (JSON, a request body) that has not been checked yet.
 */
export interface Engine {
  /** The validated policy the engine runs. */
  readonly policy: ValidPolicy;
  /**
   * Evaluates a declaration and its history at `now`; throws `HealthCodeInputError` on bad input.
   * @param declaration - the application form (validated)
   * @param history - the events, any order (validated)
   * @param now - a `Date` or an ISO-8601 instant with offset
   */
  evaluate(declaration: DeclarationInput, history: readonly EventInput[], now: InstantInput): Assessment;
  /** Like `evaluate`, but returns `{ success, data | error }` and never throws. */
  safeEvaluate(declaration: unknown, history: unknown, now: unknown): SafeResult<Assessment>;
  /**
   * Decides a checkpoint encounter (RULES §6, C1–C11) with this policy's fever threshold and
   * time zone; throws `HealthCodeInputError` on a bad assessment or context.
   * @param assessment - the `Assessment` the person shows, or `null` when they show no code
   * @param context - `{ venue, direction, role?, celsius?, at, recordId? }`
   */
  check(assessment: Assessment | null, context: CheckpointContextInput): CheckDecision;
  /** Like `check`, but returns `{ success, data | error }` and never throws. */
  safeCheck(assessment: unknown, context: unknown): SafeResult<CheckDecision>;
  /**
   * Like `safeEvaluate`, but returns only what a city-wide batch keeps (subject, colour, rules,
   * releaseAt, nextChangeAt): the same fold, without rendering reasons, messages or the trail.
   * @param declaration - the application form (validated)
   * @param history - the events, any order (validated)
   * @param now - a `Date` or an ISO-8601 instant with offset
   */
  safeSummarize(declaration: unknown, history: unknown, now: unknown): SafeResult<AssessmentSummary>;
  /**
   * The fold of a case up to `at`, as JSON to store: every event up to `at` applied, every release
   * due by then; events after `at` are kept to apply later. Throws `HealthCodeInputError` on bad input.
   * @param declaration - the application form (validated)
   * @param history - the events, any order (validated)
   * @param at - the instant of the snapshot, a `Date` or an ISO-8601 instant with offset
   */
  snapshot(declaration: DeclarationInput, history: readonly EventInput[], at: InstantInput): Snapshot;
  /** Like `snapshot`, but returns `{ success, data | error }` and never throws. */
  safeSnapshot(declaration: unknown, history: unknown, at: unknown): SafeResult<Snapshot>;
  /**
   * Continues a snapshot with events dated after its instant: the assessment at `now`, exactly
   * the one `evaluate` gives of the whole history, and a snapshot at the last applied event (or at
   * the old instant when none applies). Never throws. Fails with code `needs_full_history` when it
   * cannot continue (an event at or before the snapshot's instant, an id the snapshot has seen, a
   * correction of an event it holds, another policy, `now` before its instant): evaluate the
   * whole history then.
   * @param snapshot - a snapshot from `snapshot` or an earlier `resume` (validated)
   * @param events - the new events (validated)
   * @param now - a `Date` or an ISO-8601 instant with offset
   */
  resume(snapshot: unknown, events: unknown, now: unknown): SafeResult<Resumed>;
}

/** Validates, orders and folds one case, then `finish` reads the result; never throws. */
export function run<T>(
  cp: CompiledPolicy,
  declaration: unknown,
  history: unknown,
  now: unknown,
  finish: (input: ValidCase, timeline: Timeline, state: FoldState) => T,
): SafeResult<T> {
  try {
    const checked = validateCase(declaration, history, now, cp);
    if (!checked.ok) return { success: false, error: new HealthCodeInputError(checked.issues) };
    const input = checked.value;
    const timeline = buildTimeline(input.events, input.nowMs);
    const state = initialState(input);
    advance(foldOf(cp, input, state), timeline.applied, input.nowMs);
    return { success: true, data: finish(input, timeline, state) };
  } catch (cause) {
    // Every input was read into plain data first (RULES §9): an exception here is the engine's own
    // defect, never the caller's mistake, and is reported as such (code `internal`).
    return { success: false, error: new HealthCodeInputError([internalIssue(cause, 'evaluate')]) };
  }
}

/** Whether `cause` is a `HealthCodeInputError`; `instanceof` itself throws for a revoked proxy. */
function isInputError(cause: unknown): cause is HealthCodeInputError {
  try {
    return cause instanceof HealthCodeInputError;
  } catch {
    return false;
  }
}

/**
 * Validates a policy once and returns the functions bound to it. Throws `HealthCodeInputError`
 * listing every problem when the policy is invalid.
 *
 * @param policy - a policy as data (FORMAT "Policy")
 * @returns `{ policy, evaluate, safeEvaluate, check, safeCheck, safeSummarize }` for that policy
 * @example
 * const engine = createEngine({ ...lianyungang2020, observationDays: 21 });
 * engine.evaluate(declaration, history, '2020-02-10T12:00:00+08:00').colour;
 */
export function createEngine(policy: Policy): Engine {
  let cp: CompiledPolicy;
  try {
    cp = compilePolicy(policy);
  } catch (cause) {
    // Only HealthCodeInputError leaves createEngine: an invalid policy, or a defect (`internal`).
    throw isInputError(cause) ? cause : new HealthCodeInputError([internalIssue(cause, 'compile the policy')], 'policy');
  }
  const safeEvaluate = (declaration: unknown, history: unknown, now: unknown): SafeResult<Assessment> =>
    run(cp, declaration, history, now, (input, timeline, state) => assess(cp, input, [...timeline.ignored], state));
  const safeSummarize = (declaration: unknown, history: unknown, now: unknown): SafeResult<AssessmentSummary> =>
    run(cp, declaration, history, now, (input, _timeline, state) => summarizeState(cp, input, state));
  const safeCheck = (assessment: unknown, context: unknown): SafeResult<CheckDecision> => {
    try {
      const decided = decideCheckpoint(cp, assessment, context);
      return decided.ok ? { success: true, data: decided.value } : { success: false, error: new HealthCodeInputError(decided.issues) };
    } catch (cause) {
      return { success: false, error: new HealthCodeInputError([internalIssue(cause, 'check')]) };
    }
  };
  const safeSnapshot = (declaration: unknown, history: unknown, at: unknown): SafeResult<Snapshot> =>
    run(cp, declaration, history, at, (input) => snapshotCase(cp, input));
  const resume = (snapshot: unknown, events: unknown, now: unknown): SafeResult<Resumed> => {
    try {
      const resumed = resumeCase(cp, snapshot, events, now);
      return resumed.ok ? { success: true, data: resumed.value } : { success: false, error: new HealthCodeInputError(resumed.issues) };
    } catch (cause) {
      return { success: false, error: new HealthCodeInputError([internalIssue(cause, 'resume')]) };
    }
  };
  return {
    policy: cp.policy,
    evaluate(declaration, history, now) {
      const result = safeEvaluate(declaration, history, now);
      if (!result.success) throw result.error;
      return result.data;
    },
    safeEvaluate,
    check(assessment, context) {
      const result = safeCheck(assessment, context);
      if (!result.success) throw result.error;
      return result.data;
    },
    safeCheck,
    safeSummarize,
    snapshot(declaration, history, at) {
      const result = safeSnapshot(declaration, history, at);
      if (!result.success) throw result.error;
      return result.data;
    },
    safeSnapshot,
    resume,
  };
}

/** The engine of the built-in Lianyungang 2020 policy. */
export const defaultEngine: Engine = /* @__PURE__ */ createEngine(lianyungang2020);
