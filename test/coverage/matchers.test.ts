import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { declaration, describeAssessment, event, toBeColour, toHaveReason, toHaveTransition, toReleaseAt } from '../../src/testing/index.js';

const NOW = '2020-02-10T12:00:00+08:00';
const SUBMITTED = '2020-02-01T10:00:00+08:00';

// R1 declared (§3.1): red, in treatment, awaiting hospital discharge, no release date (RULES §8);
// no review decision yet, so not issued (I-12); a reading dated after `now` is ignored as future (T-5).
const r1 = evaluate(declaration({ clinical: 'confirmed' }), [event.temperature('2020-02-20T09:00:00+08:00', 36.5, { id: 'later' })], NOW);
// Worked example 2: dry cough declared on 2020-02-01T10:00+08:00 → Y1, release 2020-02-16T00:00+08:00.
const y1 = evaluate(declaration({ symptoms: ['dry-cough'] }), [], NOW);
// Worked example 1: no facts → green, no reasons.
const green = evaluate(declaration(), [], NOW);

describe('describeAssessment (RULES §8): colour, release, reasons, trail and ignored events', () => {
  it('I-12, R1, T-5: an unissued R1 code shows the pending review, what it awaits, and the ignored future event', () => {
    const text = describeAssessment(r1);
    expect(text).toContain(`: red since ${SUBMITTED}, not issued (review pending), releaseAt null, awaiting hospital-discharge`);
    expect(text).toContain(`  R1 red treatment from ${SUBMITTED}, releaseAt null, awaiting hospital-discharge [declaration]`);
    expect(text.split('\n').at(-1)).toBe('ignored: later (future)');
  });

  it('Y1: a reason with a release and nothing awaited shows the release and no "awaiting"', () => {
    const text = describeAssessment(y1);
    expect(text).toContain(`  Y1 yellow observation from ${SUBMITTED}, releaseAt 2020-02-16T00:00:00+08:00 [declaration]`);
    expect(text).not.toContain('awaiting');
    expect(text).not.toContain('ignored:');
  });
});

describe('matchers (RULES §8): results and messages', () => {
  it('T-3: toReleaseAt passes for the Y1 release and its .not message names both values', () => {
    const result = toReleaseAt(y1, '2020-02-16T00:00:00+08:00');
    expect(result.pass).toBe(true);
    expect(result.message()).toMatch(/^expected the release not to be 2020-02-16T00:00:00\+08:00, but releaseAt is 2020-02-16T00:00:00\+08:00\n/);
  });

  it('R1: toReleaseAt(null) passes while R1 awaits discharge, and a date fails with "releaseAt is null"', () => {
    const pass = toReleaseAt(r1, null);
    expect(pass.pass).toBe(true);
    expect(pass.message()).toMatch(/^expected the release not to be null, but releaseAt is null\n/);
    const failure = toReleaseAt(r1, '2020-02-16');
    expect(failure.pass).toBe(false);
    expect(failure.message()).toMatch(/^expected the release to be 2020-02-16, but releaseAt is null\n/);
  });

  it('T-2: an invalid Date as the expected release is refused with a message, whichever matcher takes it', () => {
    const byRelease = toReleaseAt(y1, new Date(Number.NaN));
    expect(byRelease.pass).toBe(false);
    expect(byRelease.message()).toMatch(/^expected release must be an ISO-8601 instant with offset, a calendar day YYYY-MM-DD, a Date or null; received /);
    const byReason = toHaveReason(y1, 'Y1', { releaseAt: new Date(Number.NaN) });
    expect(byReason.pass).toBe(false);
    expect(byReason.message()).toMatch(/^expected release must be an ISO-8601 instant with offset/);
  });

  it('T-2: toHaveTransition refuses an expected instant without an offset', () => {
    const result = toHaveTransition(y1, 'T-Y1-on', '2020-02-01T10:00:00');
    expect(result.pass).toBe(false);
    expect(result.message()).toBe('expected instant must be an ISO-8601 instant with offset or a Date; received "2020-02-01T10:00:00"');
  });

  it('T-Y1-on, T-7: the trail holds T-Y1-on at the submission instant, in any offset, and the .not message says so', () => {
    const result = toHaveTransition(y1, 'T-Y1-on', '2020-02-01T02:00:00Z');
    expect(result.pass).toBe(true);
    expect(result.message()).toMatch(/^expected the trail not to hold T-Y1-on at 2020-02-01T02:00:00Z, but it does\n/);
    expect(toHaveTransition(y1, 'T-Y1-on', '2020-02-02T02:00:00Z').pass).toBe(false);
  });

  it('I-1: a green assessment has no reason, and toHaveReason says "reasons: none"', () => {
    const result = toHaveReason(green, 'R2');
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/^expected a reason R2 \(reasons: none\)\n/);
  });

  it('§8: every matcher refuses a value that is not an assessment, naming what it received', () => {
    const expected = 'expected an Assessment (the result of evaluate), received 42';
    expect(toReleaseAt(42, null).message()).toBe(expected);
    expect(toHaveReason(42, 'R1').message()).toBe(expected);
    expect(toHaveTransition(42, 'T-R1-on').message()).toBe(expected);
    for (const result of [toReleaseAt(42, null), toHaveReason(42, 'R1'), toHaveTransition(42, 'T-R1-on')]) expect(result.pass).toBe(false);
  });

  it('§9: a failed evaluation whose error is a bare string is shown as that string', () => {
    const result = toBeColour({ success: false, error: 'boom' }, 'green');
    expect(result.pass).toBe(false);
    expect(result.message()).toBe('expected an Assessment, received a failed evaluation:\nboom');
  });

  it('§8: a long received value is cut to 200 characters followed by an ellipsis', () => {
    const result = toBeColour('x'.repeat(300), 'green');
    // JSON of the string: a quote then 300 x; the first 200 characters are the quote and 199 x.
    expect(result.message()).toBe(`expected an Assessment (the result of evaluate), received "${'x'.repeat(199)}…`);
  });
});
