import { ownParsedCase } from './bounds.js';
import { defaultEngine, type Engine } from './engine.js';
import type { InputIssue } from './errors.js';
import type { AssessmentSummary } from './assess.js';
import type { Assessment } from './schema/assessment.js';

/**
 * Many cases at once (a city's worth): an async-iterable transform from cases to results, in
 * input order, one result per case, so that one bad case never stops the batch or loses a case.
 */


/** Options of `evaluateMany`. */
export interface BatchOptions {
  /** The instant every case is evaluated at, unless a case carries its own `now` (T-2). */
  readonly now?: unknown;
  /** The engine (and so the policy) to run; the Lianyungang 2020 engine by default. */
  readonly engine?: Engine;
  /** Yield `summary` (subject, colour, rules, releaseAt, nextChangeAt) instead of the assessment. */
  readonly summary?: boolean;
}

/** The result for the case at `index` (0-based position in the input). */
export type BatchResult =
  | { readonly index: number; readonly ok: true; readonly assessment: Assessment }
  | { readonly index: number; readonly ok: true; readonly summary: AssessmentSummary }
  | { readonly index: number; readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * The summary of an assessment: subject, colour, the rules of its reasons, releaseAt, nextChangeAt.
 *
 * @param assessment - an assessment returned by `evaluate`
 * @returns its summary
 * @example
 * summarize(evaluate(declaration, history, now)) // { subject: 's-1', colour: 'green', rules: [], ... }
 */
export function summarize(assessment: Assessment): AssessmentSummary {
  return {
    subject: assessment.subjectId,
    colour: assessment.colour,
    rules: assessment.reasons.map((reason) => reason.rule),
    releaseAt: assessment.releaseAt,
    nextChangeAt: assessment.nextChangeAt,
  };
}

/** `Array.isArray`, which throws for a revoked proxy: such a value is not a case either. */
function isList(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return true;
  }
}

/** A case of a batch as read: its three fields, or the issues of an item that is not one. */
export type ReadCase =
  | { readonly ok: true; readonly declaration: unknown; readonly history: unknown; readonly now: unknown }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** Reads one item of a batch: a case object, or one line of NDJSON holding one. */
export function readCase(item: unknown): ReadCase {
  let input = item;
  if (typeof input === 'string') {
    // One line of NDJSON: a line that is not JSON is that line's problem, not the batch's.
    try {
      input = JSON.parse(input);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      return { ok: false, issues: [{ path: [], code: 'invalid', message: `not a JSON case: ${reason}` }] };
    }
  }
  if (input === null || typeof input !== 'object' || isList(input))
    return { ok: false, issues: [{ path: [], code: input === undefined ? 'required' : 'invalid_type', message: 'expected a case: { declaration, history }' }] };
  // The three fields are read once, here: a getter or a proxy that throws is that case's problem.
  try {
    const { declaration, history, now } = input as { declaration?: unknown; history?: unknown; now?: unknown };
    return { ok: true, declaration, history, now };
  } catch {
    return { ok: false, issues: [{ path: [], code: 'unreadable', message: 'could not be read: reading this case threw an exception' }] };
  }
}

function evaluateOne(item: unknown, index: number, engine: Engine, now: unknown, summary: boolean): BatchResult {
  const record = readCase(item);
  if (!record.ok) return { index, ok: false, issues: record.issues };
  // A line parsed here is the batch's own plain data, handed to the engine and to nothing else.
  // Stryker disable next-line ConditionalExpression,BlockStatement: reading in place is a shortcut; test/batch.test.ts checks that it changes no result
  if (typeof item === 'string') ownParsedCase(record.declaration, record.history);
  if (summary) {
    const result = engine.safeSummarize(record.declaration, record.history, record.now ?? now);
    return result.success ? { index, ok: true, summary: result.data } : { index, ok: false, issues: result.error.issues };
  }
  const result = engine.safeEvaluate(record.declaration, record.history, record.now ?? now);
  return result.success ? { index, ok: true, assessment: result.data } : { index, ok: false, issues: result.error.issues };
}

/**
 * Evaluates a stream of cases, yielding one result per case in input order (a transform for Node
 * streams, queue consumers or arrays). A case is `{ declaration, history, now? }`, or a string
 * holding one as JSON (a line of NDJSON); a case without its own `now` is evaluated at
 * `options.now`. A bad case yields `{ ok: false, issues }` with the paths of RULES §9 and the batch
 * goes on.
 *
 * @param cases - the cases, as an iterable or an async iterable
 * @param options - `now`, `engine`, `summary`
 * @yields {BatchResult} one result per case, in input order: `{ index, ok: true, assessment | summary }` or `{ index, ok: false, issues }`
 * @returns nothing once every case has its result
 * @example
 * for await (const r of evaluateMany(lines, { now: '2020-03-01T00:00:00+08:00', summary: true }))
 *   if (r.ok && 'summary' in r) console.log(r.summary.colour);
 */
export async function* evaluateMany(
  cases: AsyncIterable<unknown> | Iterable<unknown>,
  options: BatchOptions = {},
): AsyncGenerator<BatchResult, void, undefined> {
  const engine = options.engine ?? defaultEngine;
  const summary = options.summary === true;
  let index = 0;
  if (typeof (cases as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') {
    for await (const item of cases as AsyncIterable<unknown>) yield evaluateOne(item, index++, engine, options.now, summary);
    return;
  }
  // A plain iterable (an array, a chunk of lines) is read without a promise per item; an item that
  // is itself a promise is awaited, as `for await` would.
  for (const item of cases as Iterable<unknown>) {
    const value = isThenable(item) ? await item : item;
    yield evaluateOne(value, index++, engine, options.now, summary);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    // A `then` that cannot be read (a revoked proxy, a getter that throws): not a promise, a bad case.
    return false;
  }
}
