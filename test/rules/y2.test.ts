import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../../src/index.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';

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

describe('Y2: interactions', () => {
  describe('I-16: Y1 and Y2 at the declaration', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
      return { id, kind, at, ...fields };
    }
    function reasonOf(a: Assessment, rule: string): Reason {
      const reason = a.reasons.find((r) => r.rule === rule);
      if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
      return reason;
    }

    it('I-17: a declared Y2 fact adds the declaration to a Y2 notified before it, even under a declared red fact; that Y2 stays event-based', () => {
      const a = evaluate(
        minimalDeclaration({ closeContactOfCase: true, closeContactOfFeverClinicObservee: true }),
        [event('y0', 'close-contact', t('01-30'), { of: 'fever-clinic-observee' })],
        t('02-02'),
      );
      expect(reasonOf(a, 'Y2')).toMatchObject({ startedAt: t('01-30'), evidence: ['y0', 'declaration'], interpretations: ['I-1', 'I-15'] });
      expect(reasonOf(a, 'R2').interpretations).toEqual(['I-1', 'I-2']);
    });
  });
});
