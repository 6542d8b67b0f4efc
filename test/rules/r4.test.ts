import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Event, Reason } from '../../src/index.js';
import type { Kind } from '../support/scenario.js';
import * as engineSupport from '../support/engine.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';
import * as lib from '../../src/index.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';

/**
 * R4, a fever-clinic observation: treatment until exclusion and recovery, then a full N days of observation (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('R4: triggers', () => {
  describe('RULES §5: transitions of R4, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { ev, has, instant, reason, rules, run } = scenario;

    it('T-R4-on: a fever-clinic observation turns the code red with R4 awaiting exclusion and recovery; a millisecond before it, it does not', () => {
      check(
        fc.property(submittedThen, ({ s, t }) => {
          const red = run([ev('fever-clinic-observation', t)], s, t);
          expect(has(red, 'T-R4-on', t)).toBe(true);
          expect(reason(red, 'R4')?.phase).toBe('treatment');
          expect(red.awaiting).toEqual(['covid-exclusion', 'recovery']);
          expect(rules(run([ev('fever-clinic-observation', t)], s, t - 1))).not.toContain('R4');
        }),
      );
    });

    it('T-R4-on: a declared fever-clinic observation starts R4 unless a declared R1 fact is present (I-16)', () => {
      check(
        fc.property(instant(), fc.constantFrom('confirmed', 'suspected', 'positive'), (s, clinical) => {
          expect(has(run([], s, s, undefined, { feverClinicObservation: true }), 'T-R4-on', s)).toBe(true);
          const r1 = run([], s, s, undefined, { feverClinicObservation: true, clinical });
          expect(has(r1, 'T-R4-on')).toBe(false);
          expect(rules(r1)).toEqual(['R1']);
        }),
      );
    });
  });

  describe('R4: the fever clinic (I-14, I-17)', () => {
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

    it('R4: a declared fever-clinic observation has the declaration as its evidence and cites nothing (I-15 is for events)', () => {
      const a = evaluate(minimalDeclaration({ feverClinicObservation: true }), [], t('02-02'));
      expect(reasonOf(a, 'R4')).toMatchObject({ phase: 'treatment', evidence: ['declaration'], interpretations: [] });
      expect(a.trail[1]).toEqual({ transition: 'T-R4-on', at: SUBMITTED, evidence: ['declaration'], colour: 'red', rule: 'R4' });
    });
  });
});

describe('R4: phases', () => {
  describe('RULES §5: transitions of R4, as properties', () => {
    const { releaseMs, submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, policies, reason, releaseOf, run } = scenario;

    for (const [id, kind, other] of [
      ['T-R4-excluded', 'covid-excluded', 'recovered'],
      ['T-R4-recovered', 'recovered', 'covid-excluded'],
    ] as const) {
      it(`${id}: ${kind} during R4 treatment is recorded, and with the other one starts the observation counted from the later of the two; ${kind} a millisecond before R4 started is not`, () => {
        check(
          fc.property(policies(), submittedThen, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (p, { s, t }, a, b) => {
            const start = ev('fever-clinic-observation', t);
            const one = run([start, ev(kind, t + a)], s, t + a, p);
            expect(has(one, id, t + a)).toBe(true);
            expect(reason(one, 'R4')?.phase).toBe('treatment');
            expect(one.awaiting).toEqual([kind === 'covid-excluded' ? 'recovery' : 'covid-exclusion']);
            const both = run([start, ev(kind, t + a), ev(other, t + b)], s, t + Math.max(a, b), p);
            expect(reason(both, 'R4')?.phase).toBe('observation');
            expect(releaseMs(both.releaseAt)).toBe(releaseOf(t + Math.max(a, b), p));
            const early = run([start, ev(kind, t - 1)], s, t + a, p);
            expect(has(early, id)).toBe(false);
            expect(early.awaiting).toEqual(['covid-exclusion', 'recovery']);
          }),
        );
      });
    }
  });

  describe('R4: the fever clinic (I-14, I-17)', () => {
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

    it('T-R4-on, T-R4-excluded, T-R4-recovered: a second observation or exclusion only adds evidence or nothing; the count runs from the later of the two', () => {
      const a = evaluate(
        minimalDeclaration(),
        [
          event('f1', 'fever-clinic-observation', t('02-03')),
          event('f2', 'fever-clinic-observation', t('02-04')),
          event('x1', 'covid-excluded', t('02-05')),
          event('x2', 'covid-excluded', t('02-06')),
          event('r1', 'recovered', t('02-07')),
        ],
        t('02-08'),
      );
      expect(a.trail).toEqual([
        submitted,
        { transition: 'T-R4-on', at: t('02-03'), evidence: ['f1'], colour: 'red', rule: 'R4' },
        { transition: 'T-colour', at: t('02-03'), evidence: ['f1'], colour: 'red', from: 'green' },
        { transition: 'T-R4-excluded', at: t('02-05'), evidence: ['x1'], colour: 'red', rule: 'R4' },
        { transition: 'T-R4-recovered', at: t('02-07'), evidence: ['r1'], colour: 'red', rule: 'R4' },
      ]);
      const r4 = reasonOf(a, 'R4');
      expect(r4).toMatchObject({ phase: 'observation', startedAt: t('02-03'), releaseAt: t('02-22', '00:00'), evidence: ['f1', 'f2', 'x1', 'r1'] });
      expect(r4.count?.anchor).toBe(t('02-07'));
      expect(r4.interpretations).toEqual(['I-14']);
    });
  });
});

describe('R4: release', () => {
  describe('RULES §5: transitions of R4, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, policies, releaseOf, rules, run } = scenario;
    /** R4 at t, both exclusion and recovery at o: the observation starts at o. */
    const observed = (t: number, o: number): Event[] => [ev('fever-clinic-observation', t), ev('covid-excluded', o), ev('recovered', o)];

    it('T-R4-off: R4 ends a full N days after its observation started with nothing abnormal, and not a millisecond before', () => {
      check(
        fc.property(policies(), submittedThen, fc.integer({ min: 0, max: 10 * DAY }), (p, { s, t }, gap) => {
          const o = t + gap;
          const release = releaseOf(o, p);
          const done = run(observed(t, o), s, release, p);
          expect(has(done, 'T-R4-off', release)).toBe(true);
          expect(rules(done)).not.toContain('R4');
          const before = run(observed(t, o), s, release - 1, p);
          expect(rules(before)).toEqual(['R4']);
          expect(has(before, 'T-R4-off')).toBe(false);
        }),
      );
    });
  });
});

describe('R4: resets', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run, transitionIds } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-14: R4 counts from the later of exclusion and recovery; any anomaly restarts it', () => {
      const clinic = ev('fever-clinic-observation', '2020-02-02T09:00:00+08:00');
      const excluded = ev('covid-excluded', '2020-02-04T09:00:00+08:00');
      const recovered = ev('recovered', '2020-02-03T09:00:00+08:00');
      const waiting = run(decl(), [approved, clinic, recovered], NOW);
      expect(waiting.awaiting).toEqual(['covid-exclusion']);
      const a = run(decl(), [approved, clinic, excluded, recovered], NOW);
      expect(a.reasons[0]?.phase).toBe('observation');
      expect(a.releaseAt).toBe('2020-02-19T00:00:00+08:00');
      const tired = ev('symptoms', '2020-02-06T09:00:00+08:00', { symptoms: ['fatigue'], source: 'self' });
      expect(run(decl(), [approved, clinic, excluded, recovered, tired], NOW).releaseAt).toBe('2020-02-21T00:00:00+08:00');
      const hot = ev('temperature', '2020-02-07T09:00:00+08:00', { celsius: 37.3 });
      const b = run(decl(), [approved, clinic, excluded, recovered, hot], NOW);
      expect(b.releaseAt).toBe('2020-02-22T00:00:00+08:00');
      expect(transitionIds(b)).toContain('T-R4-reset');
    });
  });

  describe('RULES §5: transitions of R4, as properties', () => {
    const { off, on, releaseMs, submittedThen, tenths } = observation;
    const { check } = seed;
    const { DAY, ev, has, policies, releaseOf, run } = scenario;
    /** R4 at t, both exclusion and recovery at o: the observation starts at o. */
    const observed = (t: number, o: number): Event[] => [ev('fever-clinic-observation', t), ev('covid-excluded', o), ev('recovered', o)];

    it('T-R4-reset: an anomaly during the observation (a listed symptom, or a reading at the threshold) restarts the count (I-14); a reading 0.1 °C under it, an unlisted kind, or an anomaly a millisecond before the observation, does not', () => {
      check(
        fc.property(policies(), submittedThen, fc.integer({ min: 1, max: 10 * DAY }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (p, { s, t }, gap, where, pick) => {
          const o = t + gap;
          const release = releaseOf(o, p);
          const u = o + Math.floor(where * (release - 1 - o));
          const base = observed(t, o);
          const hot = run([...base, ev('temperature', u, { celsius: tenths(p) / 10 })], s, u, p);
          expect(has(hot, 'T-R4-reset', u)).toBe(true);
          expect(releaseMs(hot.releaseAt)).toBe(releaseOf(u, p));
          const cool = run([...base, ev('temperature', u, { celsius: (tenths(p) - 1) / 10 })], s, u, p);
          expect(has(cool, 'T-R4-reset')).toBe(false);
          expect(releaseMs(cool.releaseAt)).toBe(release);
          const listed = on(p.resetSymptoms.R4);
          if (listed.length > 0) {
            const sick = run([...base, ev('symptoms', u, { symptoms: [listed[pick % listed.length] as Kind], source: 'clinic' })], s, u, p);
            expect(has(sick, 'T-R4-reset', u)).toBe(true);
            const early = run([...base, ev('symptoms', o - 1, { symptoms: [listed[pick % listed.length] as Kind], source: 'clinic' })], s, u, p);
            expect(has(early, 'T-R4-reset')).toBe(false);
            expect(releaseMs(early.releaseAt)).toBe(release);
          }
          const unlisted = off(p.resetSymptoms.R4);
          if (unlisted.length > 0) {
            const other = run([...base, ev('symptoms', u, { symptoms: [unlisted[pick % unlisted.length] as Kind], source: 'self' })], s, u, p);
            expect(has(other, 'T-R4-reset')).toBe(false);
          }
        }),
      );
    });
  });

  describe('R4: the fever clinic (I-14, I-17)', () => {
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

    it('I-14: any symptom during R4\'s observation restarts it (T-R4-reset) and cites I-14 only', () => {
      const a = evaluate(
        minimalDeclaration(),
        [
          event('f1', 'fever-clinic-observation', t('02-03')),
          event('x1', 'covid-excluded', t('02-05')),
          event('r1', 'recovered', t('02-07')),
          event('s1', 'symptoms', t('02-10'), { symptoms: ['fatigue'], source: 'self' }),
        ],
        t('02-11'),
      );
      expect(a.trail.at(-1)).toEqual({ transition: 'T-R4-reset', at: t('02-10'), evidence: ['s1'], colour: 'red', rule: 'R4' });
      const r4 = reasonOf(a, 'R4');
      expect(r4).toMatchObject({ releaseAt: t('02-25', '00:00'), evidence: ['f1', 'x1', 'r1', 's1'], interpretations: ['I-14'] });
      expect(r4.count?.anchor).toBe(t('02-10'));
    });
  });
});

describe('R4: interactions', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, rules, run, transitionIds } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    describe('I-17: a new trigger for an active condition', () => {
      it('I-17: any R1 trigger during R4 ends R4 (T-R4-confirmed, then T-R1-on)', () => {
        const clinic = ev('fever-clinic-observation', '2020-02-02T09:00:00+08:00');
        const diagnosis = ev('diagnosis', '2020-02-04T09:00:00+08:00', { status: 'suspected' });
        const a = run(decl(), [approved, clinic, diagnosis], NOW);
        expect(rules(a)).toEqual(['R1']);
        const ids = transitionIds(a);
        expect(ids.indexOf('T-R4-confirmed')).toBeGreaterThan(-1);
        expect(ids.indexOf('T-R1-on')).toBe(ids.indexOf('T-R4-confirmed') + 1);
      });
    });
  });

  describe('I-17: R1 and R4 are never active at once', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    // The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
    const declaration = minimalDeclaration;
    const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);
    const positive = { id: 'pt', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const clinic = { id: 'fc', at: '2020-02-04T09:00:00+08:00', kind: 'fever-clinic-observation' };
    const discharge = { id: 'hd', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' };

    it('I-17: a fever-clinic observation during R1 only adds evidence to R1; no T-R4-on', () => {
      const a = evaluate(declaration(), [approved, positive, clinic], '2020-02-05T12:00:00+08:00');
      expect(a.reasons.map((r) => r.rule)).toEqual(['R1']);
      expect(a.reasons[0]?.evidence).toEqual(['pt', 'fc']);
      expect(a.reasons[0]?.interpretations).toContain('I-17');
      expect(ids(a)).not.toContain('T-R4-on');
      expect(a.awaiting).toEqual(['hospital-discharge']);
    });

    it('I-17: after R1\'s release the person is green, not held by an R4 awaiting an exclusion that cannot come', () => {
      const a = evaluate(declaration(), [approved, positive, clinic, discharge], '2020-03-06T00:00:00+08:00');
      expect([a.colour, a.awaiting]).toEqual(['green', []]);
    });

    it('I-17: during R1\'s observation phase too, and for a declared fever-clinic observation under an event\'s R1', () => {
      const observing = evaluate(declaration(), [approved, positive, { ...discharge, at: '2020-02-04T08:00:00+08:00' }, clinic], '2020-02-05T12:00:00+08:00');
      expect(observing.reasons.map((r) => [r.rule, r.phase])).toEqual([['R1', 'observation']]);
      const early = { ...positive, at: '2020-01-30T09:00:00+08:00' };
      const declared = evaluate(declaration({ feverClinicObservation: true }), [approved, early], '2020-02-05T12:00:00+08:00');
      expect(declared.reasons.map((r) => r.rule)).toEqual(['R1']);
      expect(declared.reasons[0]?.evidence).toEqual(['pt', 'declaration']);
    });
  });

  describe('readings.triggers (§3 "at application"), rules R1, R2, R3, R5', () => {
    const { lianyungang2020 } = lib;
    const { createEngine } = untyped;
    const { minimalDeclaration } = minimal;
    const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    // The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
    const declaration = minimalDeclaration;
    const engine = (readings: Record<string, string>) => createEngine({ ...lianyungang2020, readings: { ...lianyungang2020.readings, ...readings } });
    const atApplication = engine({ triggers: 'at-application' });
    const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

    it('readings.triggers "at-application", R4: a later positive test does not end R4 (no T-R4-confirmed); R4, Y2, resets unchanged', () => {
      const history = [
        approved,
        { id: 'fc', at: '2020-02-02T09:00:00+08:00', kind: 'fever-clinic-observation' },
        { id: 'pt', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' },
        { id: 'y2', at: '2020-02-03T10:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' },
      ];
      const a = atApplication.evaluate(declaration(), history, '2020-02-05T12:00:00+08:00');
      expect(a.reasons.map((r) => r.rule)).toEqual(['R4', 'Y2']);
      expect(ids(a)).not.toContain('T-R4-confirmed');
      expect(a.reasons[0]?.interpretations).not.toContain('readings.triggers');
    });
  });

  describe('RULES §5: transitions of R4, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, rules, run } = scenario;

    it('T-R4-confirmed: an R1 trigger during R4 ends R4 and starts R1 (I-17); a negative test does not; an R1 trigger a millisecond before R4 started leaves no R4 at all (I-17: R1 and R4 are never active at once)', () => {
      check(
        fc.property(submittedThen, fc.integer({ min: 0, max: 10 * DAY }), fc.constantFrom('positive', 'confirmed', 'suspected'), ({ s, t }, gap, what) => {
          const u = t + gap;
          const r1 = (ms: number): Event => (what === 'positive' ? ev('test-result', ms, { result: 'positive' }) : ev('diagnosis', ms, { status: what }));
          const start = ev('fever-clinic-observation', t);
          const confirmed = run([start, r1(u)], s, u);
          expect(has(confirmed, 'T-R4-confirmed', u)).toBe(true);
          expect(rules(confirmed)).toEqual(['R1']);
          const negative = run([start, ev('test-result', u, { result: 'negative' })], s, u);
          expect(has(negative, 'T-R4-confirmed')).toBe(false);
          expect(rules(negative)).toEqual(['R4']);
          const earlier = run([start, r1(t - 1)], s, u);
          expect(has(earlier, 'T-R4-confirmed')).toBe(false);
          expect(has(earlier, 'T-R4-on')).toBe(false);
          expect(rules(earlier)).toEqual(['R1']);
        }),
      );
    });
  });

  describe('R4: the fever clinic (I-14, I-17)', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
      return { id, kind, at, ...fields };
    }
    const transitions = (a: Assessment): string[] => a.trail.map((e) => e.transition);

    it('I-17: a diagnosis during R4 ends it (T-R4-confirmed, evidence the R4 evidence and the diagnosis), then T-R1-on', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('f1', 'fever-clinic-observation', t('02-03')), event('dg', 'diagnosis', t('02-05'), { status: 'confirmed' })],
        t('02-06'),
      );
      expect(transitions(a)).toEqual(['T-app-submitted', 'T-R4-on', 'T-colour', 'T-R4-confirmed', 'T-R1-on']);
      expect(a.trail[3]).toMatchObject({ transition: 'T-R4-confirmed', at: t('02-05'), evidence: ['f1', 'dg'], rule: 'R4', colour: 'red' });
      expect(a.trail[4]).toEqual({ transition: 'T-R1-on', at: t('02-05'), evidence: ['dg'], colour: 'red', rule: 'R1' });
      expect(a.reasons.map((r) => r.rule)).toEqual(['R1']);
    });
  });
});
