import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../../src/index.js';
import * as engineSupport from '../support/engine.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';

/**
 * R1, a confirmed, suspected or positive case: treatment until discharge, then a full N days of observation (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('R1: triggers', () => {
  describe('RULES §5: transitions of R1, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, entries, ev, has, instant, reason, rules, run } = scenario;

    it('T-R1-on: a positive test or a confirmed or suspected diagnosis turns the code red with R1 awaiting discharge; a negative test, or a millisecond before the event, does not', () => {
      check(
        fc.property(submittedThen, fc.constantFrom('positive', 'confirmed', 'suspected'), ({ s, t }, what) => {
          const e = what === 'positive' ? ev('test-result', t, { result: 'positive' }) : ev('diagnosis', t, { status: what });
          const red = run([e], s, t);
          expect(red.colour).toBe('red');
          expect(has(red, 'T-R1-on', t)).toBe(true);
          expect(reason(red, 'R1')?.phase).toBe('treatment');
          expect(red.awaiting).toEqual(['hospital-discharge']);
          expect(red.releaseAt).toBeNull();
          const before = run([e], s, t - 1);
          expect(rules(before)).not.toContain('R1');
          const negative = run([ev('test-result', t, { result: 'negative' })], s, t);
          expect(negative.colour).toBe('green');
          expect(has(negative, 'T-R1-on')).toBe(false);
        }),
      );
    });

    it('T-R1-on: a declared confirmed, suspected or positive status turns the code red at submission; "none" does not', () => {
      check(
        fc.property(instant(), fc.constantFrom('confirmed', 'suspected', 'positive'), (s, clinical) => {
          const red = run([], s, s, undefined, { clinical });
          expect(has(red, 'T-R1-on', s)).toBe(true);
          expect(red.colour).toBe('red');
          const none = run([], s, s, undefined, { clinical: 'none' });
          expect(has(none, 'T-R1-on')).toBe(false);
          expect(none.colour).toBe('green');
        }),
      );
    });

    it('T-R1-on: an R1 trigger during R1\'s post-discharge observation starts R1 again in treatment (I-17); one during treatment only adds evidence', () => {
      check(
        fc.property(submittedThen, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), ({ s, t }, gap, later) => {
          const positive = ev('test-result', t, { result: 'positive' });
          const discharge = ev('hospital-discharge', t + gap);
          const again = ev('diagnosis', t + gap + later, { status: 'confirmed' });
          const restarted = run([positive, discharge, again], s, t + gap + later);
          expect(has(restarted, 'T-R1-on', t + gap + later)).toBe(true);
          expect(reason(restarted, 'R1')?.phase).toBe('treatment');
          expect(restarted.releaseAt).toBeNull();
          const during = ev('diagnosis', t + gap, { status: 'confirmed' });
          const treated = run([positive, { ...during, at: discharge.at }, { ...discharge, at: ev('hospital-discharge', t + gap + later + 1).at }], s, t + gap + later + 1);
          expect(entries(treated, 'T-R1-on')).toHaveLength(1);
          expect(reason(treated, 'R1')?.evidence).toContain(during.id);
        }),
      );
    });
  });

  describe('R1: triggers, discharge and re-triggers (I-4, I-15, I-17)', () => {
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

    it('I-15: an R1 started by the declaration itself cites no interpretation', () => {
      const a = evaluate(minimalDeclaration({ clinical: 'suspected' }), [], t('02-02'));
      expect(reasonOf(a, 'R1')).toMatchObject({ startedAt: SUBMITTED, evidence: ['declaration'], interpretations: [] });
    });
  });
});

describe('R1: phases', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run, transitionIds } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-4: after discharge, symptoms do not restart R1; a new positive test starts R1 again in treatment', () => {
      const positive = ev('test-result', '2020-02-03T09:00:00+08:00', { result: 'positive' });
      const discharge = ev('hospital-discharge', '2020-02-05T15:00:00+08:00');
      const fever = ev('symptoms', '2020-02-08T15:00:00+08:00', { symptoms: ['fever'], source: 'self' });
      const a = run(decl(), [approved, positive, discharge, fever], NOW);
      expect(a.releaseAt).toBe('2020-02-20T00:00:00+08:00');
      expect(transitionIds(a)).not.toContain('T-R1-reset');
      expect(a.reasons[0]?.interpretations).toContain('I-4');
      const again = run(decl(), [approved, positive, discharge, ev('test-result', '2020-02-09T09:00:00+08:00', { result: 'positive' })], NOW);
      expect(again.reasons[0]?.phase).toBe('treatment');
      expect(again.awaiting).toEqual(['hospital-discharge']);
    });
  });

  describe('I-4: a declared R1 already discharged before the submission', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    const SUBMITTED = '2020-02-01T10:00:00+08:00';
    const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    // The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
    const declaration = minimalDeclaration;
    const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);
    const discharge = (at: string, id = 'hd') => ({ id, at, kind: 'hospital-discharge' });

    it('I-4: starts at submittedAt in its observation phase, counted from the discharge', () => {
      const a = evaluate(declaration({ clinical: 'confirmed' }), [approved, discharge('2020-01-25T15:00:00+08:00')], '2020-02-02T12:00:00+08:00');
      expect(a.reasons.map((r) => [r.rule, r.phase, r.startedAt, r.releaseAt])).toEqual([
        ['R1', 'observation', SUBMITTED, '2020-02-09T00:00:00+08:00'],
      ]);
      expect(a.reasons[0]?.count?.anchor).toBe('2020-01-25T15:00:00+08:00');
      expect(a.reasons[0]?.evidence).toEqual(['declaration', 'hd']);
      expect(a.reasons[0]?.interpretations).toContain('I-4');
      expect(a.awaiting).toEqual([]);
    });

    it('I-4, T-7: a count already over is released at its start (-on then -off at submittedAt): green', () => {
      const a = evaluate(declaration({ clinical: 'positive' }), [approved, discharge('2020-01-10T15:00:00+08:00')], '2020-02-02T12:00:00+08:00');
      expect(a.colour).toBe('green');
      expect(ids(a).slice(0, 3)).toEqual(['T-app-submitted', 'T-R1-on', 'T-R1-off']);
    });

    it('I-4: the first discharge after every positive test and diagnosis; one before the last test does not count', () => {
      const history = [
        approved,
        discharge('2020-01-12T15:00:00+08:00', 'hd1'),
        { id: 'pt', at: '2020-01-15T09:00:00+08:00', kind: 'test-result', result: 'positive' },
      ];
      // The event's own R1 is in treatment: the declared fact only adds evidence (I-17).
      const treated = evaluate(declaration({ clinical: 'confirmed' }), history, '2020-02-02T12:00:00+08:00');
      expect(treated.reasons.map((r) => [r.rule, r.phase])).toEqual([['R1', 'treatment']]);
      const later = evaluate(
        declaration({ clinical: 'confirmed' }),
        [...history, discharge('2020-01-20T15:00:00+08:00', 'hd2'), discharge('2020-01-22T15:00:00+08:00', 'hd3')],
        '2020-02-02T12:00:00+08:00',
      );
      expect(later.reasons[0]?.count?.anchor).toBe('2020-01-20T15:00:00+08:00');
    });

    it('I-4: a discharge at submittedAt or after it is not before the submission: the declared R1 awaits one', () => {
      const at = evaluate(declaration({ clinical: 'confirmed' }), [approved, discharge(SUBMITTED)], '2020-02-02T12:00:00+08:00');
      // The discharge at submittedAt is applied after the declaration (T-6): R1 starts in treatment,
      // then T-R1-discharge moves it.
      expect(ids(at).slice(0, 4)).toEqual(['T-app-submitted', 'T-R1-on', 'T-colour', 'T-R1-discharge']);
      const none = evaluate(declaration({ clinical: 'confirmed' }), [approved], '2020-02-02T12:00:00+08:00');
      expect([none.reasons[0]?.phase, none.releaseAt]).toEqual(['treatment', null]);
    });
  });

  describe('RULES §5: transitions of R1, as properties', () => {
    const { releaseMs, submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, msOf, policies, reason, releaseOf, run } = scenario;

    it('T-R1-discharge: a discharge after R1 starts its observation and dates the release a full N days later; a discharge a millisecond before R1 started, or a second discharge during the observation, changes nothing', () => {
      check(
        fc.property(policies(), submittedThen, fc.integer({ min: 0, max: 30 * DAY }), (p, { s, t }, gap) => {
          const positive = ev('test-result', t, { result: 'positive' });
          const discharge = ev('hospital-discharge', t + gap);
          const observed = run([positive, discharge], s, t + gap, p);
          expect(has(observed, 'T-R1-discharge', t + gap)).toBe(true);
          expect(reason(observed, 'R1')?.phase).toBe('observation');
          expect(releaseMs(observed.releaseAt)).toBe(releaseOf(t + gap, p));
          // Only R1 in treatment is discharged: a second discharge during the observation moves nothing.
          // (A one-day count, inclusive of a discharge at the last millisecond of its day, ends 1 ms
          // later and has no instant strictly inside it: no second discharge to try there.)
          if (releaseOf(t + gap, p) - (t + gap) >= 2) {
            const midway = t + gap + Math.max(1, Math.floor((releaseOf(t + gap, p) - t - gap) / 2));
            const again = ev('hospital-discharge', midway);
            const twice = run([positive, discharge, again], s, midway, p);
            expect(has(twice, 'T-R1-discharge', msOf(again.at))).toBe(false);
            expect(releaseMs(twice.releaseAt)).toBe(releaseOf(t + gap, p));
          }
          const early = ev('hospital-discharge', t - 1);
          const treated = run([positive, early], s, t + gap, p);
          expect(has(treated, 'T-R1-discharge')).toBe(false);
          expect(reason(treated, 'R1')?.phase).toBe('treatment');
          expect(treated.releaseAt).toBeNull();
        }),
      );
    });
  });

  describe('R1: triggers, discharge and re-triggers (I-4, I-15, I-17)', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    const SUBMITTED = t('02-01', '10:00');
    function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
      return { id, kind, at, ...fields };
    }
    function reasonOf(a: Assessment, rule: string): Reason {
      const reason = a.reasons.find((r) => r.rule === rule);
      if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
      return reason;
    }
    const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };

    it('T-R1-on, T-R1-discharge: each entry names R1 and the one event behind it; the count runs from the discharge (I-4)', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('t1', 'test-result', t('02-03'), { result: 'positive' }), event('d1', 'hospital-discharge', t('02-10', '15:00'))],
        t('02-12'),
      );
      expect(a.trail).toEqual([
        submitted,
        { transition: 'T-R1-on', at: t('02-03'), evidence: ['t1'], colour: 'red', rule: 'R1' },
        { transition: 'T-colour', at: t('02-03'), evidence: ['t1'], colour: 'red', from: 'green' },
        { transition: 'T-R1-discharge', at: t('02-10', '15:00'), evidence: ['d1'], colour: 'red', rule: 'R1' },
      ]);
      const r1 = reasonOf(a, 'R1');
      expect(r1).toMatchObject({ phase: 'observation', startedAt: t('02-03'), releaseAt: t('02-25', '00:00'), evidence: ['t1', 'd1'] });
      expect(r1.count).toEqual({ anchor: t('02-10', '15:00'), days: 14, convention: 'civil-code' });
      expect(r1.interpretations).toEqual(['I-4', 'I-15']);
    });
  });
});

describe('R1: release', () => {
  describe('RULES §5: transitions of R1, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, KINDS, ev, has, policies, reason, releaseOf, rules, run } = scenario;

    it('T-R1-off: R1 ends at a full N days after discharge, whatever symptoms follow (I-4), and not a millisecond before', () => {
      check(
        fc.property(policies(), submittedThen, fc.integer({ min: 0, max: 10 * DAY }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...KINDS), (p, { s, t }, gap, where, kind) => {
          const d = t + gap;
          const release = releaseOf(d, p);
          const u = d + Math.floor(where * (release - 1 - d));
          const history = [ev('test-result', t, { result: 'positive' }), ev('hospital-discharge', d), ev('symptoms', u, { symptoms: [kind], source: 'clinic' })];
          const released = run(history, s, release, p);
          expect(rules(released)).not.toContain('R1');
          expect(has(released, 'T-R1-off', release)).toBe(true);
          const before = run(history, s, release - 1, p);
          expect(reason(before, 'R1')?.phase).toBe('observation');
          expect(has(before, 'T-R1-off')).toBe(false);
        }),
      );
    });
  });
});

describe('R1: interactions', () => {
  describe('R1: triggers, discharge and re-triggers (I-4, I-15, I-17)', () => {
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
    const transitions = (a: Assessment): string[] => a.trail.map((e) => e.transition);

    it('I-17: a diagnosis during R1 treatment only adds evidence; the condition keeps its start, and a diagnosis cites I-15', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('t1', 'test-result', t('02-03'), { result: 'positive' }), event('dg', 'diagnosis', t('02-05'), { status: 'confirmed' })],
        t('02-06'),
      );
      expect(transitions(a)).toEqual(['T-app-submitted', 'T-R1-on', 'T-colour']);
      expect(a.reasons).toHaveLength(1);
      expect(reasonOf(a, 'R1')).toMatchObject({
        phase: 'treatment',
        startedAt: t('02-03'),
        releaseAt: null,
        awaiting: ['hospital-discharge'],
        evidence: ['t1', 'dg'],
        interpretations: ['I-15'],
      });
      const byDiagnosis = evaluate(minimalDeclaration(), [event('dg', 'diagnosis', t('02-05'), { status: 'suspected' })], t('02-06'));
      expect(reasonOf(byDiagnosis, 'R1').interpretations).toEqual(['I-15']);
    });

    it('I-17: a positive test during R1\'s post-discharge observation starts R1 again in treatment, with only that test as evidence', () => {
      const a = evaluate(
        minimalDeclaration(),
        [
          event('t1', 'test-result', t('02-03'), { result: 'positive' }),
          event('d1', 'hospital-discharge', t('02-10')),
          event('t2', 'test-result', t('02-12', '08:00'), { result: 'positive' }),
        ],
        t('02-13'),
      );
      expect(a.trail.at(-1)).toEqual({ transition: 'T-R1-on', at: t('02-12', '08:00'), evidence: ['t2'], colour: 'red', rule: 'R1' });
      expect(a.reasons).toHaveLength(1);
      expect(reasonOf(a, 'R1')).toMatchObject({
        phase: 'treatment',
        startedAt: t('02-12', '08:00'),
        releaseAt: null,
        count: null,
        awaiting: ['hospital-discharge'],
        evidence: ['t2'],
        interpretations: ['I-15', 'I-17'],
      });
      expect(a.releaseAt).toBeNull();
    });

    it('I-17: a declared R1 fact only adds evidence to an R1 already in its post-discharge observation (T-7), which keeps its count', () => {
      const a = evaluate(
        minimalDeclaration({ clinical: 'confirmed' }),
        [event('t0', 'test-result', t('01-20'), { result: 'positive' }), event('d0', 'hospital-discharge', t('01-25'))],
        t('02-02'),
      );
      expect(a.reasons).toHaveLength(1);
      expect(reasonOf(a, 'R1')).toMatchObject({
        phase: 'observation',
        startedAt: t('01-20'),
        releaseAt: t('02-09', '00:00'),
        awaiting: [],
        evidence: ['t0', 'd0', 'declaration'],
        interpretations: ['I-4', 'I-15'],
      });
      expect(a.releaseAt).toBe(t('02-09', '00:00'));
    });
  });
});
