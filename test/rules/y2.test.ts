import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';

/**
 * Y2, a close contact of a fever-clinic observee: a full N days from the notice (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('Y2: triggers', () => {
  describe('RULES §5: transitions of Y2, as properties', () => {
    const { releaseMs, submittedThen } = observation;
    const { check } = seed;
    const { ev, has, instant, policies, reason, releaseOf, rules, run } = scenario;

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
  });
});

describe('Y2: release', () => {
  describe('RULES §5: transitions of Y2, as properties', () => {
    const { offProperty } = observation;

    it('T-Y2-off: Y2 ends at a full N days after the notice with no reset symptom, and not a millisecond before', () => {
      offProperty('Y2');
    });
  });
});

describe('Y2: resets', () => {
  describe('RULES §5: transitions of Y2, as properties', () => {
    const { resetProperty } = observation;

    it('T-Y2-reset: a reset symptom during the Y2 observation restarts the count from it (I-7); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
      resetProperty('Y2');
    });
  });
});
