import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../../src/index.js';
import * as engineSupport from '../support/engine.js';
import * as lib from '../../src/index.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';

/**
 * R2, a close contact of a case: a full N days from the contact or the isolation start, restarted by a reset symptom (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('R2: triggers', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, rules, run } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-2: a declared close contact of a case is R2 even without a recorded isolation', () => {
      const a = run(decl({ closeContactOfCase: true }), [approved], NOW);
      expect(rules(a)).toEqual(['R2']);
      expect(a.reasons[0]?.interpretations).toContain('I-2');
    });

    it('I-15: R2 also starts from a close-contact notice after the declaration', () => {
      const a = run(decl(), [approved, ev('close-contact', '2020-02-05T09:00:00+08:00', { of: 'case' })], NOW);
      expect(rules(a)).toEqual(['R2']);
      expect(a.reasons[0]?.interpretations).toContain('I-15');
    });
  });

  describe('readings.closeContact (§3.2), rule R2', () => {
    const { lianyungang2020 } = lib;
    const { createEngine } = untyped;
    const { minimalDeclaration } = minimal;
    const SUBMITTED = '2020-02-01T10:00:00+08:00';
    const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    // The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
    const declaration = minimalDeclaration;
    const engine = (readings: Record<string, string>) => createEngine({ ...lianyungang2020, readings: { ...lianyungang2020.readings, ...readings } });
    const standard = createEngine(lianyungang2020);
    const literal = engine({ closeContact: 'literal' });
    const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

    it('readings.closeContact "literal", R2: a declared close contact with no isolation start is not R2; the default reading (I-2) is', () => {
      const a = literal.evaluate(declaration({ closeContactOfCase: true }), [approved], '2020-02-05T12:00:00+08:00');
      expect([a.colour, a.reasons]).toEqual(['green', []]);
      const d = standard.evaluate(declaration({ closeContactOfCase: true }), [approved], '2020-02-05T12:00:00+08:00');
      expect(d.reasons.map((r) => [r.rule, r.interpretations])).toEqual([['R2', ['I-2']]]);
    });

    it('readings.closeContact "literal", R2, I-3: a notice, then an isolation start: R2 starts at the isolation start and counts from it', () => {
      const history = [
        approved,
        { id: 'cc', at: '2020-02-03T09:00:00+08:00', kind: 'close-contact', of: 'case' },
        { id: 'iso', at: '2020-02-06T15:00:00+08:00', kind: 'isolation-started', place: 'centralized' },
      ];
      const before = literal.evaluate(declaration(), history, '2020-02-05T12:00:00+08:00');
      expect(before.colour).toBe('green');
      const a = literal.evaluate(declaration(), history, '2020-02-07T12:00:00+08:00');
      expect(a.reasons.map((r) => [r.rule, r.startedAt, r.releaseAt])).toEqual([['R2', '2020-02-06T15:00:00+08:00', '2020-02-21T00:00:00+08:00']]);
      expect(a.reasons[0]?.evidence).toEqual(['cc', 'iso']);
      expect(a.reasons[0]?.interpretations).toContain('readings.closeContact');
      expect(a.reasons[0]?.interpretations).not.toContain('I-2');
      expect(ids(a)).toEqual(['T-app-submitted', 'T-app-approved', 'T-R2-on', 'T-colour']);
      // The default reading: R2 from the notice, the isolation start anchoring its observation (I-3).
      const d = standard.evaluate(declaration(), history, '2020-02-07T12:00:00+08:00');
      expect(d.reasons.map((r) => [r.startedAt, r.releaseAt])).toEqual([['2020-02-03T09:00:00+08:00', '2020-02-21T00:00:00+08:00']]);
    });

    it('readings.closeContact "literal", R2: an isolation start before the contact counts (I-19 notwithstanding): R2 at the contact', () => {
      const history = [
        approved,
        { id: 'iso', at: '2020-01-25T09:00:00+08:00', kind: 'isolation-started', place: 'home' },
        { id: 'cc', at: '2020-02-05T09:00:00+08:00', kind: 'close-contact', of: 'case' },
      ];
      const a = literal.evaluate(declaration(), history, '2020-02-07T12:00:00+08:00');
      expect(a.reasons.map((r) => [r.rule, r.startedAt, r.releaseAt])).toEqual([['R2', '2020-02-05T09:00:00+08:00', '2020-02-20T00:00:00+08:00']]);
    });

    it('readings.closeContact "literal", R2: a declared isolation start makes the declared contact R2 at the submission', () => {
      const a = literal.evaluate(declaration({ closeContactOfCase: true, isolationStartedAt: '2020-01-30T09:00:00+08:00' }), [approved], '2020-02-05T12:00:00+08:00');
      expect(a.reasons.map((r) => [r.rule, r.startedAt, r.count?.anchor])).toEqual([['R2', SUBMITTED, '2020-01-30T09:00:00+08:00']]);
    });

    it('readings.closeContact "literal", R2: waiting contacts start together at the isolation start, counted as usual', () => {
      const history = [
        approved,
        { id: 'cc1', at: '2020-02-02T09:00:00+08:00', kind: 'close-contact', of: 'case' },
        { id: 'cc2', at: '2020-02-03T09:00:00+08:00', kind: 'close-contact', of: 'case' },
        { id: 'iso', at: '2020-02-04T09:00:00+08:00', kind: 'isolation-started', place: 'home' },
        { id: 'cough', at: '2020-02-06T09:00:00+08:00', kind: 'symptoms', symptoms: ['dry-cough'], source: 'self' },
      ];
      const a = literal.evaluate(declaration({ closeContactOfCase: true }), history, '2020-02-07T12:00:00+08:00');
      expect(a.reasons[0]?.evidence).toEqual(['declaration', 'cc1', 'cc2', 'iso', 'cough']);
      expect(a.reasons[0]?.releaseAt).toBe('2020-02-21T00:00:00+08:00');
    });
  });

  describe('RULES §5: transitions of R2, as properties', () => {
    const { releaseMs, submittedThen, trigger } = observation;
    const { check } = seed;
    const { DAY, entries, ev, has, instant, policies, reason, releaseOf, rules, run } = scenario;

    it('T-R2-on: a close-contact notice of a case turns the code red with R2 counted from the notice; a notice about a fever-clinic observee, or a millisecond before it, does not', () => {
      check(
        fc.property(policies(), submittedThen, (p, { s, t }) => {
          const red = run([trigger('R2', t, p, 0)], s, t, p);
          expect(has(red, 'T-R2-on', t)).toBe(true);
          expect(red.colour).toBe('red');
          expect(releaseMs(reason(red, 'R2')?.releaseAt)).toBe(releaseOf(t, p));
          expect(rules(run([trigger('R2', t, p, 0)], s, t - 1, p))).not.toContain('R2');
          const other = run([ev('close-contact', t, { of: 'fever-clinic-observee' })], s, t, p);
          expect(has(other, 'T-R2-on')).toBe(false);
          expect(rules(other)).not.toContain('R2');
        }),
      );
    });

    it('T-R2-on: a later notice during R2 moves the count to it with T-R2-on again (I-17); a notice at the same instant as the count\'s anchor moves nothing', () => {
      check(
        fc.property(policies(), submittedThen, fc.double({ min: 0, max: 1, noNaN: true }), (p, { s, t }, where) => {
          const release = releaseOf(t, p);
          const u = t + 1 + Math.floor(where * (release - 2 - t));
          const moved = run([trigger('R2', t, p, 0), trigger('R2', u, p, 0)], s, u, p);
          expect(has(moved, 'T-R2-on', u)).toBe(true);
          expect(releaseMs(reason(moved, 'R2')?.releaseAt)).toBe(releaseOf(u, p));
          const same = run([trigger('R2', t, p, 0), trigger('R2', t, p, 0)], s, t, p);
          expect(entries(same, 'T-R2-on')).toHaveLength(1);
          expect(releaseMs(reason(same, 'R2')?.releaseAt)).toBe(release);
        }),
      );
    });

    it('T-R2-on: a declared close contact of a case turns the code red at submission (I-2); no declared contact does not', () => {
      check(
        fc.property(policies(), instant(), (p, s) => {
          const red = run([], s, s, p, { closeContactOfCase: true });
          expect(has(red, 'T-R2-on', s)).toBe(true);
          expect(red.colour).toBe('red');
          expect(has(run([], s, s, p, { closeContactOfCase: false }), 'T-R2-on')).toBe(false);
        }),
      );
    });

    it('T-R2-on: a declared close contact is counted from the latest isolation start at or before the submission, one at the submission instant included (I-3 (2)); one a millisecond after the submission does not move it', () => {
      check(
        fc.property(policies(), instant(), fc.integer({ min: 1, max: 20 * DAY }), (p, s, before) => {
          // Also when the earlier isolation's count is already over at the submission (T-7 judges the
          // count from the isolation at the submission instant).
          const first = ev('isolation-started', s - before, { place: 'home' });
          const atSubmission = run([first, ev('isolation-started', s, { place: 'centralized' })], s, s, p, { closeContactOfCase: true });
          expect(releaseMs(reason(atSubmission, 'R2')?.releaseAt)).toBe(releaseOf(s, p));
          const after = run([first, ev('isolation-started', s + 1, { place: 'centralized' })], s, s + 1, p, { closeContactOfCase: true });
          const expected = releaseOf(s - before, p);
          // Unmoved: the count from the earlier isolation, over by now (s + 1) or not.
          expect(releaseMs(reason(after, 'R2')?.releaseAt)).toBe(expected > s + 1 ? expected : null);
        }),
      );
    });
  });
});

describe('R2: release', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    describe('I-3: where the isolation observation starts', () => {
      it('I-3 (1): the declared isolationStartedAt anchors a declaration-based condition', () => {
        const a = run(decl({ closeContactOfCase: true, isolationStartedAt: '2020-01-30T08:00:00+08:00' }), [approved], NOW);
        expect(a.releaseAt).toBe('2020-02-14T00:00:00+08:00');
        expect(a.reasons[0]?.count?.anchor).toBe('2020-01-30T08:00:00+08:00');
        expect(a.reasons[0]?.interpretations).toContain('I-3');
      });

      it('I-3 (2): else the latest isolation-started event at or before the submission', () => {
        const early = ev('isolation-started', '2020-01-27T09:00:00+08:00', { place: 'home' });
        const late = ev('isolation-started', '2020-01-29T09:00:00+08:00', { place: 'centralized' });
        const a = run(decl({ closeContactOfCase: true }), [approved, late, early], NOW);
        expect(a.releaseAt).toBe('2020-02-13T00:00:00+08:00');
        expect(a.reasons[0]?.evidence).toContain(late['id']);
      });

      it('I-3 (2): an isolation start at the submission instant counts, even when an earlier count is already over', () => {
        const early = ev('isolation-started', '2020-01-05T23:59:59.999+08:00', { place: 'home' });
        const atSubmission = ev('isolation-started', '2020-01-20T00:00:00+08:00', { place: 'centralized' });
        const a = run(decl({ submittedAt: '2020-01-20T00:00:00+08:00', closeContactOfCase: true }), [early, atSubmission], '2020-01-20T00:00:00+08:00');
        expect(a.colour).toBe('red');
        expect(a.releaseAt).toBe('2020-02-04T00:00:00+08:00');
      });

      it('I-3 (3): else the first isolation-started at or after the start; later ones do not move it', () => {
        const notice = ev('close-contact', '2020-02-03T10:00:00+08:00', { of: 'case' });
        const first = ev('isolation-started', '2020-02-04T10:00:00+08:00', { place: 'home' });
        const moved = ev('isolation-started', '2020-02-06T10:00:00+08:00', { place: 'centralized' });
        const a = run(decl(), [approved, notice, first, moved], NOW);
        expect(a.releaseAt).toBe('2020-02-19T00:00:00+08:00');
        expect(a.reasons[0]?.evidence).toEqual([notice['id'], first['id']]);
      });

      it('I-3 (3): an isolation start at the same instant counts whatever T-6 does with the tie', () => {
        const iso = { id: 'a-iso', at: '2020-02-03T10:00:00+08:00', kind: 'isolation-started', place: 'home' };
        const notice = { id: 'b-notice', at: '2020-02-03T10:00:00+08:00', kind: 'close-contact', of: 'case' };
        const a = run(decl(), [approved, notice, iso], NOW);
        expect(a.reasons[0]?.evidence).toEqual(['b-notice', 'a-iso']);
        expect(a.reasons[0]?.interpretations).toContain('I-3');
      });

      it('I-3 (4): with no isolation recorded, the count runs from the condition start', () => {
        const a = run(decl({ closeContactOfCase: true }), [approved], NOW);
        expect(a.reasons[0]?.count?.anchor).toBe('2020-02-01T10:00:00+08:00');
        expect(a.reasons[0]?.interpretations).not.toContain('I-3');
      });
    });
  });

  describe('RULES §5: transitions of R2, as properties', () => {
    const { offProperty, releaseMs } = observation;
    const { check } = seed;
    const { DAY, T0, dayOf, entries, has, iso, policies, releaseOf, run, startOfDay } = scenario;

    it('T-R2-off: R2 ends at a full N days after its start with no reset symptom, and not a millisecond before', () => {
      offProperty('R2');
    });

    it('T-R2-off: a declared close contact whose isolation count is over exactly at the submission is released at its start, -on and -off at submittedAt and green from the start (T-7); submitted a millisecond earlier, it is red until then', () => {
      check(
        fc.property(policies(), fc.integer({ min: dayOf(T0) + 30, max: dayOf(T0) + 60 }), fc.integer({ min: 0, max: DAY - 1 }), (p, day, clock) => {
          const s = startOfDay(day);
          const n = p.observationDays;
          const anchor =
            p.dayCounting === 'civil-code' ? startOfDay(day - n - 1) + clock : p.dayCounting === 'inclusive-start' ? startOfDay(day - n) + clock : s - n * DAY;
          expect(releaseOf(anchor, p)).toBe(s);
          const facts = { closeContactOfCase: true, isolationStartedAt: iso(anchor) };
          const over = run([], s, s, p, facts);
          expect(has(over, 'T-R2-on', s) && has(over, 'T-R2-off', s)).toBe(true);
          expect(over.trail[0]?.colour).toBe('green');
          expect(entries(over, 'T-colour')).toHaveLength(0);
          expect(over.colour).toBe('green');
          const running = run([], s - 1, s - 1, p, facts);
          expect(has(running, 'T-R2-off')).toBe(false);
          expect(running.colour).toBe('red');
          expect(releaseMs(running.releaseAt)).toBe(s);
        }),
      );
    });
  });

  describe('I-3: where the isolation observation starts', () => {
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

    it('I-3 (3): an isolation start after the condition\'s start anchors its count and joins its evidence', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('c1', 'close-contact', t('02-03'), { of: 'case' }), event('i1', 'isolation-started', t('02-05'), { place: 'centralized' })],
        t('02-06'),
      );
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ releaseAt: t('02-20', '00:00'), evidence: ['c1', 'i1'], interpretations: ['I-2', 'I-3', 'I-15'] });
      expect(r2.count?.anchor).toBe(t('02-05'));
    });

    it('I-3 (3): an isolation start at the very instant of the notice counts, whichever of the two T-6 applies first', () => {
      const isolationLast = evaluate(
        minimalDeclaration(),
        [event('a-cc', 'close-contact', t('02-03'), { of: 'case' }), event('b-iso', 'isolation-started', t('02-03'), { place: 'home' })],
        t('02-04'),
      );
      expect(reasonOf(isolationLast, 'R2')).toMatchObject({ evidence: ['a-cc', 'b-iso'], interpretations: ['I-2', 'I-3', 'I-15'] });
      const isolationFirst = evaluate(
        minimalDeclaration(),
        [event('a-iso', 'isolation-started', t('02-03'), { place: 'home' }), event('b-cc', 'close-contact', t('02-03'), { of: 'case' })],
        t('02-04'),
      );
      expect(reasonOf(isolationFirst, 'R2')).toMatchObject({ evidence: ['b-cc', 'a-iso'], interpretations: ['I-2', 'I-3', 'I-15'] });
      for (const a of [isolationLast, isolationFirst]) expect(reasonOf(a, 'R2').releaseAt).toBe(t('02-18', '00:00'));
    });

    it('I-3 (4): an isolation start before an event-started condition does not anchor it; the condition\'s own start does', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('i0', 'isolation-started', t('02-02'), { place: 'home' }), event('c1', 'close-contact', t('02-04'), { of: 'case' })],
        t('02-05'),
      );
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ releaseAt: t('02-19', '00:00'), evidence: ['c1'], interpretations: ['I-2', 'I-15'] });
      expect(r2.count?.anchor).toBe(t('02-04'));
    });

    it('I-3 (1): the declared isolationStartedAt wins over an isolation-started event at the submission itself', () => {
      const a = evaluate(
        minimalDeclaration({ closeContactOfCase: true, isolationStartedAt: t('01-29') }),
        [event('i1', 'isolation-started', SUBMITTED, { place: 'centralized' })],
        t('02-02'),
      );
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ startedAt: SUBMITTED, releaseAt: t('02-13', '00:00'), evidence: ['declaration'], interpretations: ['I-2', 'I-3'] });
      expect(r2.count?.anchor).toBe(t('01-29'));
    });

    it('I-3 (2): for a declared condition, the isolation start before the submission anchors it and joins its evidence', () => {
      const a = evaluate(minimalDeclaration({ closeContactOfCase: true }), [event('i0', 'isolation-started', t('01-30'), { place: 'home' })], t('02-02'));
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ releaseAt: t('02-14', '00:00'), evidence: ['declaration', 'i0'], interpretations: ['I-2', 'I-3'] });
      expect(r2.count?.anchor).toBe(t('01-30'));
    });

    it('I-3 (2): two isolation starts at the submission instant are both "the latest" (compared by instant): both join the evidence of a declared condition', () => {
      const a = evaluate(
        minimalDeclaration({ closeContactOfCase: true }),
        [event('i-a', 'isolation-started', SUBMITTED, { place: 'home' }), event('i-b', 'isolation-started', SUBMITTED, { place: 'centralized' })],
        t('02-02'),
      );
      const r2 = reasonOf(a, 'R2');
      expect([...r2.evidence].sort()).toEqual(['declaration', 'i-a', 'i-b']);
      expect(r2).toMatchObject({ releaseAt: t('02-16', '00:00'), interpretations: ['I-2', 'I-3'] });
      expect(r2.count?.anchor).toBe(SUBMITTED);
    });
  });
});

describe('R2: resets', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run, transitionIds } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-7: a reset symptom restarts the count from itself; a non-reset symptom does not; declared symptoms do not', () => {
      const declared = run(decl({ closeContactOfCase: true, symptoms: ['dry-cough'] }), [approved], NOW);
      expect(declared.reasons[0]?.count?.anchor).toBe('2020-02-01T10:00:00+08:00');
      const cough = ev('symptoms', '2020-02-04T20:00:00+08:00', { symptoms: ['dry-cough'], source: 'clinic' });
      const reset = run(decl({ closeContactOfCase: true }), [approved, cough], NOW);
      expect(reset.releaseAt).toBe('2020-02-19T00:00:00+08:00');
      expect(transitionIds(reset)).toContain('T-R2-reset');
      const fatigue = ev('symptoms', '2020-02-04T20:00:00+08:00', { symptoms: ['fatigue'], source: 'self' });
      expect(run(decl({ closeContactOfCase: true }), [approved, fatigue], NOW).releaseAt).toBe('2020-02-16T00:00:00+08:00');
    });
  });

  describe('RULES §5: transitions of R2, as properties', () => {
    const { resetProperty } = observation;

    it('T-R2-reset: a reset symptom during the observation restarts the count from it (I-7); another kind, or a symptom at the release instant, does not; a reading 0.1 °C under the threshold does not', () => {
      resetProperty('R2');
    });
  });

  describe('R2: re-triggers (I-17) and resets (I-7)', () => {
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

    it('I-7: a report with one reset symptom among others restarts R2 (T-R2-reset with that report) and cites I-7', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('c1', 'close-contact', t('02-03'), { of: 'case' }), event('s1', 'symptoms', t('02-06'), { symptoms: ['fatigue', 'dry-cough'], source: 'self' })],
        t('02-07'),
      );
      expect(a.trail.at(-1)).toEqual({ transition: 'T-R2-reset', at: t('02-06'), evidence: ['s1'], colour: 'red', rule: 'R2' });
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ releaseAt: t('02-21', '00:00'), evidence: ['c1', 's1'], interpretations: ['I-2', 'I-7', 'I-15'] });
      expect(r2.count?.anchor).toBe(t('02-06'));
    });
  });
});

describe('R2: interactions', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run, transitionIds } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-1: red dominates yellow; each condition keeps its own clock', () => {
      const a = run(decl({ closeContactOfCase: true }), [approved, ev('close-contact', '2020-02-05T12:00:00+08:00', { of: 'fever-clinic-observee' })], NOW);
      expect(a.colour).toBe('red');
      expect(a.reasons.map((r) => [r.rule, r.releaseAt])).toEqual([
        ['R2', '2020-02-16T00:00:00+08:00'],
        ['Y2', '2020-02-20T00:00:00+08:00'],
      ]);
      expect(a.reasons[0]?.interpretations).toContain('I-1');
    });

    describe('I-17: a new trigger for an active condition', () => {
      it('I-17: a later close-contact notice moves the R2 anchor and writes T-R2-on again; a declared one only adds evidence', () => {
        const notice = ev('close-contact', '2020-02-05T09:00:00+08:00', { of: 'case' });
        const a = run(decl({ closeContactOfCase: true }), [approved, notice], NOW);
        expect(a.releaseAt).toBe('2020-02-20T00:00:00+08:00');
        expect(transitionIds(a).filter((id) => id === 'T-R2-on')).toHaveLength(2);
        expect(a.reasons[0]?.evidence).toEqual(['declaration', notice['id']]);
      });
    });
  });

  describe('R2: re-triggers (I-17) and resets (I-7)', () => {
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

    it('I-17, RULES §8: a later close-contact notice moves the anchor to it, writes T-R2-on again citing that notice only, and cites I-17', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('c1', 'close-contact', t('02-03'), { of: 'case' }), event('c2', 'close-contact', t('02-06'), { of: 'case' })],
        t('02-07'),
      );
      // The trail entry lists the evidence of this transition; the reason keeps the whole evidence.
      expect(a.trail.at(-1)).toEqual({ transition: 'T-R2-on', at: t('02-06'), evidence: ['c2'], colour: 'red', rule: 'R2' });
      const r2 = reasonOf(a, 'R2');
      expect(r2).toMatchObject({ startedAt: t('02-03'), releaseAt: t('02-21', '00:00'), evidence: ['c1', 'c2'], interpretations: ['I-2', 'I-15', 'I-17'] });
      expect(r2.count?.anchor).toBe(t('02-06'));
    });

    it('I-17: a second notice at the instant of the anchor only adds evidence (no second T-R2-on, no I-17)', () => {
      const a = evaluate(
        minimalDeclaration(),
        [event('c1', 'close-contact', t('02-03'), { of: 'case' }), event('c2', 'close-contact', t('02-03'), { of: 'case' })],
        t('02-04'),
      );
      expect(transitions(a)).toEqual(['T-app-submitted', 'T-R2-on', 'T-colour']);
      expect(reasonOf(a, 'R2')).toMatchObject({ releaseAt: t('02-18', '00:00'), evidence: ['c1', 'c2'], interpretations: ['I-2', 'I-15'] });
    });
  });
});
