import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Event, Reason, ValidPolicy } from '../../src/index.js';
import type { Kind } from '../support/scenario.js';
import * as engineSupport from '../support/engine.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';
import * as lib from '../../src/index.js';

/**
 * GY, the twice rule: the same listed kind twice within the window while green turns the code yellow (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('GY: triggers', () => {
  describe('RULES §4 interpretations', () => {
    const { decl, ev, run, transitionIds } = engineSupport;

    describe('I-8: the twice rule', () => {
      const fever = (at: string) => ev('temperature', at, { celsius: 37.3, venue: 'public-place' });

      it('I-8: the same kind twice within 14 calendar days turns green into yellow; 15 days apart does not', () => {
        expect(run(decl(), [fever('2020-03-01T23:00:00+08:00'), fever('2020-03-15T01:00:00+08:00')], '2020-03-16T00:00:00+08:00').colour).toBe('yellow');
        expect(run(decl(), [fever('2020-03-01T23:00:00+08:00'), fever('2020-03-16T01:00:00+08:00')], '2020-03-17T00:00:00+08:00').colour).toBe('green');
      });

      it('I-8: 37.2 °C is not a fever; 37.3 °C is', () => {
        const cool = ev('temperature', '2020-03-02T09:00:00+08:00', { celsius: 37.2 });
        expect(run(decl(), [fever('2020-03-01T09:00:00+08:00'), cool], '2020-03-03T00:00:00+08:00').colour).toBe('green');
        expect(run(decl(), [fever('2020-03-01T09:00:00+08:00'), fever('2020-03-02T09:00:00+08:00')], '2020-03-03T00:00:00+08:00').colour).toBe('yellow');
      });

      it('I-8: occurrences before the subject last turned green do not count; fatigue never counts', () => {
        const designation = ev('high-risk-designation', '2020-02-02T09:00:00+08:00', { authority: 'A', reason: 'r', basis: 'b' });
        const release = ev('authority-release', '2020-02-10T09:00:00+08:00', { authority: 'A', reason: 'cleared' });
        const a = run(decl(), [designation, fever('2020-02-05T09:00:00+08:00'), release, fever('2020-02-12T09:00:00+08:00')], '2020-02-13T00:00:00+08:00');
        expect(a.colour).toBe('green');
        expect(transitionIds(a).at(-1)).toBe('T-GY-first');
        const tired = (at: string) => ev('symptoms', at, { symptoms: ['fatigue'], source: 'self' });
        expect(run(decl(), [tired('2020-03-01T09:00:00+08:00'), tired('2020-03-02T09:00:00+08:00')], '2020-03-03T00:00:00+08:00').colour).toBe('green');
      });

      it('I-8: a fever in a daily report counts like a reading; one event with two kinds counts once per kind', () => {
        const report = ev('daily-report', '2020-03-01T09:00:00+08:00', { symptoms: ['fever', 'dry-cough'] });
        const cough = ev('symptoms', '2020-03-03T09:00:00+08:00', { symptoms: ['dry-cough'], source: 'checkpoint' });
        const a = run(decl(), [report, cough], '2020-03-04T00:00:00+08:00');
        expect(a.colour).toBe('yellow');
        expect(a.reasons[0]?.evidence).toEqual([report['id'], cough['id']]);
      });
    });
  });

  describe('I-8: an occurrence is an instant', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    // The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
    const declaration = minimalDeclaration;
    const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

    it('I-8: a checkpoint reading and the same fever reported as a symptom at one instant count once: still green', () => {
      const at = '2020-03-01T09:00:00+08:00';
      const history = [
        approved,
        { id: 't1', at, kind: 'temperature', celsius: 37.6, venue: 'public-place' },
        { id: 's1', at, kind: 'symptoms', symptoms: ['fever'], source: 'checkpoint' },
      ];
      const a = evaluate(declaration(), history, '2020-03-02T09:00:00+08:00');
      expect(a.colour).toBe('green');
      expect(ids(a).filter((t) => t === 'T-GY-first')).toHaveLength(1);
      const later = evaluate(declaration(), [...history, { id: 't2', at: '2020-03-04T08:00:00+08:00', kind: 'temperature', celsius: 37.5, venue: 'public-transport' }], '2020-03-05T09:00:00+08:00');
      expect(later.reasons.map((r) => r.rule)).toEqual(['GY']);
      expect(later.reasons[0]?.evidence).toEqual(['s1', 't1', 't2']);
    });
  });

  describe('RULES §5: transitions of GY (the twice rule, §5 of the policy), as properties', () => {
    const { off, releaseMs, submittedThen, tenths } = observation;
    const { check } = seed;
    const { DAY, dayOf, ev, has, policies, reason, releaseOf, run, startOfDay } = scenario;
    /** A policy whose twice rule needs exactly two occurrences (I-8). */
    const twicePolicy = policies().map((p): ValidPolicy => ({ ...p, greenToYellow: { ...p.greenToYellow, occurrences: 2 } }));

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
  });

  describe('I-8: occurrences count only since the subject last turned green', () => {
    const { lianyungang2020 } = lib;
    const { createEngine } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
      return { id, kind, at, ...fields };
    }
    const short = createEngine({ ...lianyungang2020, observationDays: 3 });

    it('I-8: a fever before a red spell and one after it are not twice (T-GY-first again, still green)', () => {
      const a = short.evaluate(
        minimalDeclaration(),
        [
          event('tA', 'temperature', t('02-03'), { celsius: 37.6, venue: 'public-place' }),
          event('c1', 'close-contact', t('02-04'), { of: 'case' }),
          event('tB', 'temperature', t('02-08'), { celsius: 37.8, venue: 'public-place' }),
        ],
        t('02-09'),
      );
      // R2 from 02-04 with 3 days ends at 02-08T00:00 (T-3); 02-03 and 02-08 are 5 days apart (I-8 window 14).
      expect(a.colour).toBe('green');
      expect(a.since).toBe(t('02-08', '00:00'));
      expect(a.trail.at(-1)).toEqual({ transition: 'T-GY-first', at: t('02-08'), evidence: ['tB'], colour: 'green', rule: 'GY' });
    });

    it('I-8: a fever before a yellow declaration and one after its release are not twice', () => {
      const a = short.evaluate(
        minimalDeclaration({ symptoms: ['fatigue'] }),
        [event('tA', 'temperature', t('01-31'), { celsius: 37.6, venue: 'public-place' }), event('tB', 'temperature', t('02-05'), { celsius: 37.6, venue: 'public-place' })],
        t('02-06'),
      );
      // Y1 from 02-01 with 3 days ends at 02-05T00:00.
      expect(a.colour).toBe('green');
      expect(a.since).toBe(t('02-05', '00:00'));
      expect(a.trail.at(-1)).toEqual({ transition: 'T-GY-first', at: t('02-05'), evidence: ['tB'], colour: 'green', rule: 'GY' });
    });
  });
});

describe('GY: phases', () => {
  describe('RULES §4 interpretations', () => {
    const { decl, ev, run } = engineSupport;

    it('I-10: days between the GY start day and today without a daily report are missed; today is not', () => {
      const a = run(
        decl(),
        [
          ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 38 }),
          ev('temperature', '2020-03-04T08:00:00+08:00', { celsius: 38 }),
          ev('daily-report', '2020-03-06T20:00:00+08:00', { symptoms: [] }),
        ],
        '2020-03-09T07:00:00+08:00',
      );
      expect(a.missedDailyReports).toEqual(['2020-03-05', '2020-03-07', '2020-03-08']);
      expect(a.colour).toBe('yellow');
    });
  });
});

describe('GY: release', () => {
  describe('RULES §4 interpretations', () => {
    const { decl, ev, run } = engineSupport;

    it('I-9: the GY yellow is released a full 14 days after the second occurrence', () => {
      const a = run(decl(), [ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 38 }), ev('temperature', '2020-03-04T08:00:00+08:00', { celsius: 38 })], '2020-03-18T23:59:59.999+08:00');
      expect(a.colour).toBe('yellow');
      expect(a.releaseAt).toBe('2020-03-19T00:00:00+08:00');
    });
  });

  describe('RULES §5: transitions of GY (the twice rule, §5 of the policy), as properties', () => {
    const { offProperty } = observation;

    it('T-GY-off: GY ends at a full N days after the second occurrence with no reset symptom, and not a millisecond before', () => {
      offProperty('GY');
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
    const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };

    it('I-9: GY is counted from its second occurrence; an isolation start at that instant neither anchors it nor joins its evidence', () => {
      const a = evaluate(
        minimalDeclaration(),
        [
          event('tA', 'temperature', t('02-03'), { celsius: 37.6, venue: 'public-place' }),
          event('iso', 'isolation-started', t('02-05'), { place: 'home' }),
          event('tB', 'temperature', t('02-05'), { celsius: 37.5, venue: 'public-transport' }),
        ],
        t('02-06'),
      );
      expect(a.trail).toEqual([
        submitted,
        { transition: 'T-GY-first', at: t('02-03'), evidence: ['tA'], colour: 'green', rule: 'GY' },
        { transition: 'T-GY-on', at: t('02-05'), evidence: ['tA', 'tB'], colour: 'yellow', rule: 'GY' },
        { transition: 'T-colour', at: t('02-05'), evidence: ['tB'], colour: 'yellow', from: 'green' },
      ]);
      const gy = reasonOf(a, 'GY');
      expect(gy).toMatchObject({ startedAt: t('02-05'), releaseAt: t('02-20', '00:00'), evidence: ['tA', 'tB'], interpretations: ['I-8', 'I-9', 'I-10'] });
      expect(gy.count?.anchor).toBe(t('02-05'));
      expect(gy.message.en).toContain('GY (§5): fever recorded twice while green (evidence: tA, tB)');
    });
  });
});

describe('GY: resets', () => {
  describe('RULES §5: transitions of GY (the twice rule, §5 of the policy), as properties', () => {
    const { resetProperty } = observation;

    it('T-GY-reset: a reset symptom during the GY observation restarts the count from it (I-7, I-9); another kind, a reading 0.1 °C under the threshold, or a symptom at the release instant, does not', () => {
      resetProperty('GY');
    });
  });
});
