import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../../src/index.js';
import * as engineSupport from '../support/engine.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';

/**
 * Y1, symptoms declared with no red fact: a full N days from the submission (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('Y1: triggers', () => {
  describe('RULES §5: transitions of Y1, as properties', () => {
    const { releaseMs } = observation;
    const { check } = seed;
    const { KINDS, ev, has, instant, policies, reason, releaseOf, rules, run } = scenario;

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
  });
});

describe('Y1: release', () => {
  describe('RULES §5: transitions of Y1, as properties', () => {
    const { offProperty } = observation;

    it('T-Y1-off: Y1 ends at a full N days after the submission with no reset symptom, and not a millisecond before', () => {
      offProperty('Y1');
    });
  });
});

describe('Y1: resets', () => {
  describe('RULES §5: transitions of Y1, as properties', () => {
    const { resetProperty } = observation;

    it('T-Y1-reset: a reset symptom during the Y1 observation restarts the count from it (I-7); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
      resetProperty('Y1');
    });
  });
});

describe('Y1: interactions', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, rules, run } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-16: at the declaration, Y1 and Y2 do not start under a red condition, and a declared R1 fact stops R4', () => {
      const a = run(decl({ closeContactOfCase: true, symptoms: ['fever'], closeContactOfFeverClinicObservee: true }), [approved], NOW);
      expect(rules(a)).toEqual(['R2']);
      const b = run(decl({ clinical: 'positive', feverClinicObservation: true }), [approved], NOW);
      expect(rules(b)).toEqual(['R1']);
      const c = run(decl({ symptoms: ['fatigue'] }), [approved, ev('close-contact', '2020-02-03T09:00:00+08:00', { of: 'case' })], NOW);
      expect(rules(c)).toEqual(['R2', 'Y1']);
    });
  });

  describe('I-16: Y1 and Y2 at the declaration', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    const SUBMITTED = t('02-01', '10:00');
    function reasonOf(a: Assessment, rule: string): Reason {
      const reason = a.reasons.find((r) => r.rule === rule);
      if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
      return reason;
    }
    const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };

    it('I-16, T-7: declared Y1 and Y2 cite I-16 (and I-1, being two); the trail opens with their -on entries and one T-colour from the declaration', () => {
      const a = evaluate(minimalDeclaration({ symptoms: ['fatigue', 'dry-cough'], closeContactOfFeverClinicObservee: true }), [], t('02-02'));
      expect(a.trail).toEqual([
        { ...submitted, colour: 'yellow' },
        { transition: 'T-Y1-on', at: SUBMITTED, evidence: ['declaration'], colour: 'yellow', rule: 'Y1' },
        { transition: 'T-Y2-on', at: SUBMITTED, evidence: ['declaration'], colour: 'yellow', rule: 'Y2' },
        { transition: 'T-colour', at: SUBMITTED, evidence: ['declaration'], colour: 'yellow', from: 'green' },
      ]);
      expect(reasonOf(a, 'Y1')).toMatchObject({ evidence: ['declaration'], interpretations: ['I-1', 'I-16'] });
      expect(reasonOf(a, 'Y1').message.en).toContain('Y1 (§4.1): symptoms declared: fatigue, dry cough.');
      expect(reasonOf(a, 'Y2')).toMatchObject({ evidence: ['declaration'], interpretations: ['I-1', 'I-16'] });
    });

    it('I-16: a declared red condition does not cite I-16', () => {
      const a = evaluate(minimalDeclaration({ closeContactOfCase: true }), [], t('02-02'));
      expect(reasonOf(a, 'R2').interpretations).toEqual(['I-2']);
    });
  });
});
