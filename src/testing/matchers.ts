import { parseInstant } from '../internal/iso.js';
import type { Assessment, Reason } from '../schema/assessment.js';
import type { Colour, RuleId } from '../schema/primitives.js';

/**
 * Test-runner-neutral matchers over an `Assessment` (RULES §8). Each takes the value under test
 * and the expectation and returns `{ pass, message }`, the shape vitest's and Jest's
 * `expect.extend` take; the message, printed on failure either way round (`.not`), shows the
 * colour, the reasons and the whole trail, so that a failing test explains itself.
 */

/** The outcome of a matcher: `message` describes the failure of `expect` or of `expect.not`. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** An instant as the matchers take it: an ISO-8601 string with offset or a `Date`. */
export type Instant = string | Date;

/** What `toHaveReason` may check besides the rule. */
export interface ReasonExpectation {
  readonly phase?: Reason['phase'];
  /** The reason's release: an instant, a calendar day `YYYY-MM-DD` (local, as written), or `null`. */
  readonly releaseAt?: Instant | null;
}

function isAssessment(value: unknown): value is Assessment {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record['colour'] === 'string' && Array.isArray(record['trail']) && Array.isArray(record['reasons']);
}

/** The assessment under test: an `Assessment`, or the `data` of a successful `safeEvaluate`. */
function unwrap(received: unknown): { assessment: Assessment } | { problem: string } {
  if (isAssessment(received)) return { assessment: received };
  if (received !== null && typeof received === 'object' && 'success' in received) {
    const result = received as { success: unknown; data?: unknown; error?: unknown };
    if (result.success === true && isAssessment(result.data)) return { assessment: result.data };
    if (result.success === false)
      return { problem: `expected an Assessment, received a failed evaluation:\n${String((result.error as Error | undefined)?.message ?? result.error)}` };
  }
  return { problem: `expected an Assessment (the result of evaluate), received ${preview(received)}` };
}

function preview(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // A cycle or a BigInt: name the type rather than fail inside a failure message.
  }
  if (text === undefined) text = value === null || typeof value !== 'object' ? String(value) : Object.prototype.toString.call(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function fail(problem: string): MatcherResult {
  return { pass: false, message: () => problem };
}

function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * A readable account of an assessment: colour, release, reasons, the trail one transition a line
 * (RULES §5), and the ignored events. Failure messages end with it.
 *
 * @param assessment - the result of `evaluate`
 * @returns several lines of text
 * @example
 * console.log(describeAssessment(evaluate(declaration, history, now)))
 */
export function describeAssessment(assessment: Assessment): string {
  const lines = [
    `assessment at ${assessment.evaluatedAt}: ${assessment.colour} since ${assessment.since}` +
      `, ${assessment.issued ? 'issued' : `not issued (review ${assessment.review})`}` +
      `, releaseAt ${assessment.releaseAt ?? 'null'}` +
      (assessment.awaiting.length > 0 ? `, awaiting ${assessment.awaiting.join(', ')}` : ''),
    'reasons:',
  ];
  if (assessment.reasons.length === 0) lines.push('  (none)');
  for (const reason of assessment.reasons) {
    lines.push(
      `  ${reason.rule} ${reason.colour} ${reason.phase} from ${reason.startedAt}` +
        `, releaseAt ${reason.releaseAt ?? 'null'}` +
        (reason.awaiting.length > 0 ? `, awaiting ${reason.awaiting.join(', ')}` : '') +
        ` [${reason.evidence.join(', ')}]`,
    );
  }
  lines.push('trail:');
  const width = Math.max(0, ...assessment.trail.map((entry) => entry.transition.length));
  for (const entry of assessment.trail) {
    lines.push(`  ${entry.at}  ${padEnd(entry.transition, width)}  ${padEnd(entry.colour, 6)}  [${entry.evidence.join(', ')}]`);
  }
  if (assessment.ignored.length > 0)
    lines.push(`ignored: ${assessment.ignored.map((item) => `${item.id} (${item.why})`).join(', ')}`);
  return lines.join('\n');
}

function instantMs(instant: Instant): number | undefined {
  if (instant instanceof Date) return Number.isFinite(instant.getTime()) ? instant.getTime() : undefined;
  return parseInstant(instant);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function show(instant: Instant | null): string {
  if (instant === null) return 'null';
  return instant instanceof Date ? instant.toISOString() : instant;
}

// An instant matches the same instant in any offset; a calendar day matches a release on that
// local day as the assessment writes it (in the policy zone's offset).
function sameRelease(actual: string | null, expected: Instant | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (typeof expected === 'string' && DAY.test(expected)) return actual.slice(0, 10) === expected;
  const ms = instantMs(expected);
  return ms !== undefined && ms === parseInstant(actual);
}

function invalidExpectation(expected: Instant | null): string | undefined {
  if (expected === null) return undefined;
  if (typeof expected === 'string' && DAY.test(expected)) return undefined;
  return instantMs(expected) === undefined
    ? `expected release must be an ISO-8601 instant with offset, a calendar day YYYY-MM-DD, a Date or null; received ${preview(expected)}`
    : undefined;
}

/**
 * Passes when the assessment has this colour (RULES §1 "Colour", I-1).
 *
 * @param received - an `Assessment` or a successful `safeEvaluate` result
 * @param colour - `red`, `yellow` or `green`
 * @returns the matcher result
 * @example
 * toBeColour(evaluate(declaration, history, now), 'yellow').pass
 */
export function toBeColour(received: unknown, colour: Colour): MatcherResult {
  const found = unwrap(received);
  if ('problem' in found) return fail(found.problem);
  const { assessment } = found;
  const pass = assessment.colour === colour;
  return {
    pass,
    actual: assessment.colour,
    expected: colour,
    message: () =>
      pass
        ? `expected the colour not to be ${colour}, but it is (since ${assessment.since})\n${describeAssessment(assessment)}`
        : `expected the colour to be ${colour}, but it is ${assessment.colour} (since ${assessment.since})\n${describeAssessment(assessment)}`,
  };
}

/**
 * Passes when the code's projected release (`releaseAt`, RULES §8, T-3) is this instant (in any
 * offset), falls on this local calendar day (`YYYY-MM-DD`), or is `null` when `null` is expected.
 *
 * @param received - an `Assessment` or a successful `safeEvaluate` result
 * @param expected - an instant, a calendar day, a `Date`, or `null`
 * @returns the matcher result
 * @example
 * toReleaseAt(assessment, '2020-03-19T00:00:00+08:00').pass
 */
export function toReleaseAt(received: unknown, expected: Instant | null): MatcherResult {
  const found = unwrap(received);
  if ('problem' in found) return fail(found.problem);
  const invalid = invalidExpectation(expected);
  if (invalid !== undefined) return fail(invalid);
  const { assessment } = found;
  const pass = sameRelease(assessment.releaseAt, expected);
  return {
    pass,
    actual: assessment.releaseAt,
    expected: show(expected),
    message: () =>
      pass
        ? `expected the release not to be ${show(expected)}, but releaseAt is ${assessment.releaseAt ?? 'null'}\n${describeAssessment(assessment)}`
        : `expected the release to be ${show(expected)}, but releaseAt is ${assessment.releaseAt ?? 'null'}\n${describeAssessment(assessment)}`,
  };
}

/**
 * Passes when one of the assessment's reasons is this rule (RULES §3, §8), with the phase and
 * release given, if any.
 *
 * @param received - an `Assessment` or a successful `safeEvaluate` result
 * @param rule - a rule id: `R1` … `R5`, `Y1`, `Y2`, `GY`
 * @param expectation - optionally the reason's `phase` and `releaseAt`
 * @returns the matcher result
 * @example
 * toHaveReason(assessment, 'R1', { phase: 'treatment', releaseAt: null }).pass
 */
export function toHaveReason(received: unknown, rule: RuleId, expectation: ReasonExpectation = {}): MatcherResult {
  const found = unwrap(received);
  if ('problem' in found) return fail(found.problem);
  if (expectation.releaseAt !== undefined) {
    const invalid = invalidExpectation(expectation.releaseAt);
    if (invalid !== undefined) return fail(invalid);
  }
  const { assessment } = found;
  const matches = (reason: Reason): boolean =>
    reason.rule === rule &&
    (expectation.phase === undefined || reason.phase === expectation.phase) &&
    (expectation.releaseAt === undefined || sameRelease(reason.releaseAt, expectation.releaseAt));
  const pass = assessment.reasons.some(matches);
  const wanted = [
    rule,
    expectation.phase === undefined ? '' : ` in phase ${expectation.phase}`,
    expectation.releaseAt === undefined ? '' : ` releasing at ${show(expectation.releaseAt)}`,
  ].join('');
  const present = assessment.reasons.map((reason) => reason.rule).join(', ') || 'none';
  return {
    pass,
    message: () =>
      pass
        ? `expected no reason ${wanted}, but there is one (reasons: ${present})\n${describeAssessment(assessment)}`
        : `expected a reason ${wanted} (reasons: ${present})\n${describeAssessment(assessment)}`,
  };
}

/**
 * Passes when the trail holds this transition (RULES §5), at this instant if one is given.
 *
 * @param received - an `Assessment` or a successful `safeEvaluate` result
 * @param transition - a transition id, e.g. `T-GY-first`
 * @param at - optionally the instant of the trail entry
 * @returns the matcher result
 * @example
 * toHaveTransition(assessment, 'T-Y1-reset', '2020-02-05T08:00:00+08:00').pass
 */
export function toHaveTransition(received: unknown, transition: string, at?: Instant): MatcherResult {
  const found = unwrap(received);
  if ('problem' in found) return fail(found.problem);
  const atMs = at === undefined ? undefined : instantMs(at);
  if (at !== undefined && atMs === undefined)
    return fail(`expected instant must be an ISO-8601 instant with offset or a Date; received ${preview(at)}`);
  const { assessment } = found;
  const pass = assessment.trail.some(
    (entry) => entry.transition === transition && (atMs === undefined || parseInstant(entry.at) === atMs),
  );
  const wanted = at === undefined ? transition : `${transition} at ${show(at)}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected the trail not to hold ${wanted}, but it does\n${describeAssessment(assessment)}`
        : `expected the trail to hold ${wanted}\n${describeAssessment(assessment)}`,
  };
}

/** The matchers by name; none reads `this`, so the object can go to `expect.extend` as it is. */
export const matchers = { toBeColour, toReleaseAt, toHaveReason, toHaveTransition } as const;
