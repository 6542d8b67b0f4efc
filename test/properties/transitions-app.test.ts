import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate, type Event } from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { submittedThen } from '../support/observation.js';
import { check } from '../support/seed.js';
import { DAY, entries, ev, has, iso, msOf, run } from '../support/scenario.js';

/**
 * The properties of the application lifecycle (§8, I-12, I-18), the derived colour (T-colour, I-1)
 * and corrections (T-void, I-13), each stating its guard both ways.
 */

describe('RULES §5: the application lifecycle', () => {
  it('T-app-submitted: every trail starts with the submission at submittedAt carrying the colour once the declaration is applied, and no entry is dated before it (T-7); a now a millisecond before the submission is invalid input', () => {
    check(
      fc.property(arbitraries.case(), (c) => {
        const submitted = msOf(c.declaration.submittedAt);
        const a = run(c.history, submitted, msOf(c.now), undefined, c.declaration);
        const first = a.trail[0];
        expect(first?.transition).toBe('T-app-submitted');
        expect(msOf(first?.at ?? '')).toBe(submitted);
        expect(entries(a, 'T-app-submitted')).toHaveLength(1);
        for (const e of a.trail) expect(msOf(e.at)).toBeGreaterThanOrEqual(submitted);
        // The colour once the declaration is applied: events at the submission instant come after it
        // (T-6), and voided events are as if they had never been (I-13).
        const voided = new Set(a.ignored.filter((i) => i.why === 'void').map((i) => i.id));
        const earlier = c.history.filter((e) => msOf(e.at) < submitted && e.kind !== 'correction' && !voided.has(e.id));
        expect(first?.colour).toBe(run(earlier, submitted, submitted, undefined, c.declaration).colour);
        const early = safeEvaluate(c.declaration, c.history, iso(submitted - 1));
        expect(early.success).toBe(false);
        if (!early.success) expect(early.error.issues.map((i) => i.code)).toContain('now_before_submission');
      }),
    );
  });

  it('T-app-approved: a review approval issues the code from its instant on (I-12); a millisecond before it, the code is not issued', () => {
    check(
      fc.property(submittedThen, fc.constantFrom('app-code', 'paper-code', 'pass-card'), ({ s, t }, credential) => {
        const approval = ev('review-approved', t, { credential });
        const issued = run([approval], s, t);
        expect(issued.issued).toBe(true);
        expect(has(issued, 'T-app-approved', t)).toBe(true);
        const pending = run([approval], s, t - 1);
        expect(pending.issued).toBe(false);
        expect(has(pending, 'T-app-approved')).toBe(false);
      }),
    );
  });

  it('T-app-rejected: a rejection after an approval withdraws the code (I-18); a millisecond before the rejection, the code is still issued', () => {
    check(
      fc.property(submittedThen, fc.integer({ min: 1, max: 10 * DAY }), ({ s, t }, gap) => {
        const history: Event[] = [ev('review-approved', t), ev('review-rejected', t + gap, { reason: 'attestation doubtful' })];
        const withdrawn = run(history, s, t + gap);
        expect(withdrawn.issued).toBe(false);
        expect(has(withdrawn, 'T-app-rejected', t + gap)).toBe(true);
        const still = run(history, s, t + gap - 1);
        expect(still.issued).toBe(true);
        expect(has(still, 'T-app-rejected')).toBe(false);
      }),
    );
  });
});

describe('RULES §5: the derived colour', () => {
  it('T-colour: a positive test turns a green code red with one T-colour entry from green at the test; a negative test, or a millisecond before, writes none', () => {
    check(
      fc.property(submittedThen, ({ s, t }) => {
        const red = run([ev('test-result', t, { result: 'positive' })], s, t);
        const changes = entries(red, 'T-colour');
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({ from: 'green', colour: 'red', at: iso(t) });
        expect(entries(run([ev('test-result', t, { result: 'negative' })], s, t), 'T-colour')).toHaveLength(0);
        expect(entries(run([ev('test-result', t, { result: 'positive' })], s, t - 1), 'T-colour')).toHaveLength(0);
      }),
    );
  });

  it('T-colour: on any case, the T-colour entries chain from green to the current colour, each changing the colour, and the last one (or the submission) is `since` (I-1)', () => {
    check(
      fc.property(arbitraries.case(), (c) => {
        const a = run(c.history, msOf(c.declaration.submittedAt), msOf(c.now), undefined, c.declaration);
        let colour = 'green';
        let since = msOf(c.declaration.submittedAt);
        for (const e of entries(a, 'T-colour')) {
          expect(e.from).toBe(colour);
          expect(e.colour).not.toBe(e.from);
          colour = e.colour;
          since = msOf(e.at);
        }
        expect(a.colour).toBe(colour);
        expect(msOf(a.since)).toBe(since);
      }),
    );
  });
});

describe('RULES §5: corrections', () => {
  it('T-void: a correction voids the event it names from its instant on, with evidence [correction, voided] and the voided event ignored as void; a millisecond before the correction, the event stands', () => {
    check(
      fc.property(arbitraries.case(), fc.nat(), fc.integer({ min: 0, max: 5 * DAY }), (c, pick, delay) => {
        const targets = c.history.filter((e) => msOf(e.at) <= msOf(c.now));
        fc.pre(targets.length > 0);
        const target = targets[pick % targets.length] as Event;
        const at = Math.max(msOf(target.at), msOf(c.declaration.submittedAt)) + delay;
        const correction = ev('correction', at, { voids: target.id, authority: 'CDC', reason: 'entered in error' });
        const history = [...c.history, correction];
        const submitted = msOf(c.declaration.submittedAt);
        const voidedNow = run(history, submitted, at, undefined, c.declaration);
        const voids = entries(voidedNow, 'T-void');
        expect(voids.some((e) => e.at === iso(at) && e.evidence.join() === `${correction.id},${target.id}`)).toBe(true);
        expect(voidedNow.ignored).toContainEqual({ id: target.id, why: 'void' });
        if (at - 1 >= submitted) {
          const before = run(history, submitted, at - 1, undefined, c.declaration);
          expect(entries(before, 'T-void').some((e) => e.evidence[0] === correction.id)).toBe(false);
          expect(before.ignored.filter((i) => i.id === correction.id)).toEqual([{ id: correction.id, why: 'future' }]);
        }
      }),
    );
  });
});
