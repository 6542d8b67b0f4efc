import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event, ValidPolicy } from '../../src/index.js';
import { off, offProperty, releaseMs, resetProperty, submittedThen, tenths } from '../support/observation.js';
import { check } from '../support/seed.js';
import { DAY, KINDS, dayOf, ev, has, instant, policies, reason, releaseOf, rules, run, startOfDay, type Kind } from '../support/scenario.js';

/**
 * One property per transition of the yellow conditions (RULES §5: Y1, Y2, GY), each stating its
 * guard both ways.
 */

describe('RULES §5: transitions of Y1 and Y2', () => {
  it('T-Y1-on: declared symptoms with no red fact turn the code yellow with Y1 counted from the submission; no declared symptom, a declared red fact (I-16), or a symptom reported later (I-15), does not', () => {
    check(
      fc.property(policies(), instant(), fc.subarray([...KINDS], { minLength: 1 }), (p, s, symptoms) => {
        const yellow = run([], s, s, p, { symptoms });
        expect(has(yellow, 'T-Y1-on', s)).toBe(true);
        expect(yellow.colour).toBe('yellow');
        expect(releaseMs(reason(yellow, 'Y1')?.releaseAt)).toBe(releaseOf(s, p));
        expect(has(run([], s, s, p, { symptoms: [] }), 'T-Y1-on')).toBe(false);
        const red = run([], s, s, p, { symptoms, closeContactOfCase: true });
        expect(has(red, 'T-Y1-on')).toBe(false);
        expect(rules(red)).toEqual(['R2']);
        const later = run([ev('symptoms', s + 1, { symptoms, source: 'self' })], s, s + 1, p);
        expect(rules(later)).not.toContain('Y1');
      }),
    );
  });

  it('T-Y1-reset: a reset symptom during the Y1 observation restarts the count from it (I-7); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
    resetProperty('Y1');
  });

  it('T-Y1-off: Y1 ends at a full N days after the submission with no reset symptom, and not a millisecond before', () => {
    offProperty('Y1');
  });

  it('T-Y2-on: a close-contact notice about a fever-clinic observee turns a green code yellow with Y2; a notice about a case instead, or a millisecond before the notice, does not', () => {
    check(
      fc.property(policies(), submittedThen, (p, { s, t }) => {
        const e = ev('close-contact', t, { of: 'fever-clinic-observee' });
        const yellow = run([e], s, t, p);
        expect(has(yellow, 'T-Y2-on', t)).toBe(true);
        expect(yellow.colour).toBe('yellow');
        expect(releaseMs(reason(yellow, 'Y2')?.releaseAt)).toBe(releaseOf(t, p));
        expect(rules(run([e], s, t - 1, p))).not.toContain('Y2');
        const other = run([ev('close-contact', t, { of: 'case' })], s, t, p);
        expect(has(other, 'T-Y2-on')).toBe(false);
      }),
    );
  });

  it('T-Y2-on: a declared contact of a fever-clinic observee starts Y2 at submission unless a red fact is declared too (I-16)', () => {
    check(
      fc.property(policies(), instant(), (p, s) => {
        expect(has(run([], s, s, p, { closeContactOfFeverClinicObservee: true }), 'T-Y2-on', s)).toBe(true);
        const red = run([], s, s, p, { closeContactOfFeverClinicObservee: true, clinical: 'suspected' });
        expect(has(red, 'T-Y2-on')).toBe(false);
        expect(rules(red)).toEqual(['R1']);
      }),
    );
  });

  it('T-Y2-reset: a reset symptom during the Y2 observation restarts the count from it (I-7); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
    resetProperty('Y2');
  });

  it('T-Y2-off: Y2 ends at a full N days after the notice with no reset symptom, and not a millisecond before', () => {
    offProperty('Y2');
  });
});

/** A policy whose twice rule needs exactly two occurrences (I-8). */
const twicePolicy = policies().map((p): ValidPolicy => ({ ...p, greenToYellow: { ...p.greenToYellow, occurrences: 2 } }));

describe('RULES §5: transitions of GY (the twice rule, §5 of the policy)', () => {
  it('T-GY-first: a first occurrence of a listed kind while green is recorded and the code stays green; an unlisted kind, or a reading 0.1 °C under the threshold, records nothing', () => {
    check(
      fc.property(twicePolicy, submittedThen, fc.nat(), (p, { s, t }, pick) => {
        const listed = p.greenToYellow.symptoms[pick % p.greenToYellow.symptoms.length] as Kind;
        const first = run([ev('symptoms', t, { symptoms: [listed], source: 'checkpoint' })], s, t, p);
        expect(has(first, 'T-GY-first', t)).toBe(true);
        expect(first.colour).toBe('green');
        const unlisted = off(p.greenToYellow.symptoms);
        if (unlisted.length > 0) {
          const other = run([ev('symptoms', t, { symptoms: [unlisted[pick % unlisted.length] as Kind], source: 'self' })], s, t, p);
          expect(has(other, 'T-GY-first')).toBe(false);
        }
        const hot = run([ev('temperature', t, { celsius: tenths(p) / 10, venue: 'public-place' })], s, t, p);
        expect(has(hot, 'T-GY-first', t)).toBe(p.greenToYellow.symptoms.includes('fever'));
        const cool = run([ev('temperature', t, { celsius: (tenths(p) - 1) / 10, venue: 'public-place' })], s, t, p);
        expect(has(cool, 'T-GY-first')).toBe(false);
      }),
    );
  });

  it('T-GY-on: the same listed kind a second time within the window while green turns the code yellow, counted from the second (I-8, I-9); a day outside the window, a different kind, or the same event twice, does not', () => {
    check(
      fc.property(twicePolicy, submittedThen, fc.nat(), fc.integer({ min: 0, max: DAY - 1 }), fc.boolean(), (p, { s, t }, pick, clock, asReading) => {
        const list = p.greenToYellow.symptoms;
        const kind = (asReading && list.includes('fever') ? 'fever' : list[pick % list.length]) as Kind;
        const occurrence = (ms: number, k: Kind = kind): Event =>
          k === 'fever' && asReading ? ev('temperature', ms, { celsius: tenths(p) / 10, venue: 'public-transport' }) : ev('symptoms', ms, { symptoms: [k], source: 'checkpoint' });
        const w = p.greenToYellow.windowDays;
        // The first occurrence leaves room for a later one on its own day (windowDays 0): at t, or a
        // millisecond earlier when t is the last millisecond of its day (t − 1 is still after s).
        const first = dayOf(t + 1) === dayOf(t) ? t : t - 1;
        // The second occurrence on the last day of the window: day(second) − day(first) = windowDays.
        const second = Math.max(startOfDay(dayOf(first) + w) + clock, first + 1);
        expect(dayOf(second) - dayOf(first)).toBe(w);
        const history = [occurrence(first), occurrence(second)];
        const yellow = run(history, s, second, p);
        expect(has(yellow, 'T-GY-on', second)).toBe(true);
        expect(yellow.colour).toBe('yellow');
        expect(releaseMs(reason(yellow, 'GY')?.releaseAt)).toBe(releaseOf(second, p));
        expect(yellow.obligations).toContain('daily-self-report');
        // One day later is outside the window.
        const outside = startOfDay(dayOf(first) + w + 1) + clock;
        const late = run([occurrence(first), occurrence(outside)], s, outside, p);
        expect(has(late, 'T-GY-on')).toBe(false);
        expect(late.colour).toBe('green');
        // A different kind is not twice.
        const others = list.filter((k) => k !== kind) as Kind[];
        if (others.length > 0) {
          const mixed = run([occurrence(first), occurrence(second, others[pick % others.length] as Kind)], s, second, p);
          expect(has(mixed, 'T-GY-on')).toBe(false);
        }
        // The same event twice (an identical duplicate) is one occurrence (RULES §9).
        const once = occurrence(first);
        const duplicate = run([once, { ...once }], s, second, p);
        expect(has(duplicate, 'T-GY-on')).toBe(false);
      }),
    );
  });

  it('T-GY-reset: a reset symptom during the GY observation restarts the count from it (I-7, I-9); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
    resetProperty('GY');
  });

  it('T-GY-off: GY ends at a full N days after the second occurrence with no reset symptom, and not a millisecond before', () => {
    offProperty('GY');
  });
});

