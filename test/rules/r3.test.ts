import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Event, Reason } from '../../src/index.js';
import * as lib from '../../src/index.js';
import * as untyped from '../support/untyped.js';
import * as engineSupport from '../support/engine.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';
import * as minimal from '../support/minimal.js';

/**
 * R3, a key-area visit or contact within the look-back window: a full N days from the report (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('R3: triggers', () => {
  describe('RULES §4 interpretations', () => {
    const { lianyungang2020 } = lib;
    const { createEngine } = untyped;
    const { decl, run } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    it('I-5: a key area counts only while on the list; a named contact area must be on it, an unnamed one counts', () => {
      const engine = createEngine({ ...lianyungang2020, keyAreas: [{ area: '420100', name: 'Wuhan', from: '2020-01-01', to: '2020-01-31' }] });
      const visit = decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }] });
      expect(engine.evaluate(visit, [], NOW).colour).toBe('green');
      expect(run(visit, [], NOW).colour).toBe('red');
      expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25', area: '310100' }] }), [], NOW).colour).toBe('green');
      expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25', area: '420100' }] }), [], NOW).colour).toBe('red');
      expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25' }] }), [], NOW).colour).toBe('red');
      expect(run(decl({ keyAreaContacts: [{ on: '2020-01-17' }] }), [], NOW).colour).toBe('green');
    });
  });

  describe('RULES §5: transitions of R3, as properties', () => {
    const { releaseMs, submittedThen, trigger } = observation;
    const { check } = seed;
    const { dayOf, dayText, has, instant, policies, reason, releaseOf, rules, run } = scenario;

    it('T-R3-on: a key-area visit or contact whose last day is the first day of the look-back window turns the code red (I-5, T-4); a day earlier, a day after the report, or an area not on the list, does not', () => {
      check(
        fc.property(policies(), submittedThen, fc.nat(), (p, { s, t }, variant) => {
          const e = trigger('R3', t, p, variant);
          const red = run([e], s, t, p);
          expect(has(red, 'T-R3-on', t)).toBe(true);
          expect(releaseMs(reason(red, 'R3')?.releaseAt)).toBe(releaseOf(t, p));
          const edge = dayOf(t) - p.lookbackDays - 1;
          const early =
            e.kind === 'key-area-visit'
              ? { ...e, id: 'early', from: dayText(edge - (variant % 5)), to: dayText(edge) }
              : { ...e, id: 'early', on: dayText(edge) };
          expect(rules(run([early as Event], s, t, p))).not.toContain('R3');
          const elsewhere = { ...e, id: 'elsewhere', area: '999999' };
          expect(rules(run([elsewhere as Event], s, t, p))).not.toContain('R3');
          // A visit or contact that begins the day after the report has not happened yet (T-4: up to day(at)).
          const tomorrow = dayOf(t) + 1;
          const planned =
            e.kind === 'key-area-visit' ? { ...e, id: 'planned', from: dayText(tomorrow), to: dayText(tomorrow + (variant % 5)) } : { ...e, id: 'planned', on: dayText(tomorrow) };
          expect(rules(run([planned as Event], s, t, p))).not.toContain('R3');
        }),
      );
    });

    it('T-R3-on: a declared key-area visit ending on the first day of the look-back window turns the code red at submission; one ending a day earlier, or one starting the day after, does not', () => {
      check(
        fc.property(policies(), instant(), fc.integer({ min: 0, max: 6 }), (p, s, length) => {
          const edge = dayOf(s) - p.lookbackDays;
          const visit = (to: number) => ({ keyAreaVisits: [{ area: '420100', from: dayText(to - length), to: dayText(to) }] });
          const red = run([], s, s, p, visit(edge));
          expect(has(red, 'T-R3-on', s)).toBe(true);
          expect(red.colour).toBe('red');
          const green = run([], s, s, p, visit(edge - 1));
          expect(has(green, 'T-R3-on')).toBe(false);
          const planned = run([], s, s, p, { keyAreaVisits: [{ area: '420100', from: dayText(dayOf(s) + 1), to: dayText(dayOf(s) + 1 + length) }] });
          expect(has(planned, 'T-R3-on')).toBe(false);
        }),
      );
    });
  });

  describe('I-5: the areas an R3 message names', () => {
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

    it('I-5: a declared visit names its area; a declared contact without an area names none', () => {
      const both = evaluate(
        minimalDeclaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }], keyAreaContacts: [{ on: '2020-01-28' }] }),
        [],
        t('02-02'),
      );
      expect(reasonOf(both, 'R3').message.en).toContain('in or in contact with a key area (Wuhan 420100) within 14 days (evidence: declaration)');
      const contactOnly = evaluate(minimalDeclaration({ keyAreaContacts: [{ on: '2020-01-28' }] }), [], t('02-02'));
      expect(reasonOf(contactOnly, 'R3').message.en).toContain('in or in contact with a key area within 14 days (evidence: declaration)');
      expect(reasonOf(contactOnly, 'R3').interpretations).toEqual(['I-5']);
    });

    it('I-5, I-15: a reported contact starts R3 with or without an area, and names the area only when given', () => {
      const without = evaluate(minimalDeclaration(), [event('k1', 'key-area-contact', t('02-05'), { on: '2020-02-03' })], t('02-06'));
      expect(reasonOf(without, 'R3')).toMatchObject({ evidence: ['k1'], interpretations: ['I-5', 'I-15'] });
      expect(reasonOf(without, 'R3').message.en).toContain('in or in contact with a key area within 14 days (evidence: k1)');
      const named = evaluate(minimalDeclaration(), [event('k1', 'key-area-contact', t('02-05'), { on: '2020-02-03', area: '420100' })], t('02-06'));
      expect(reasonOf(named, 'R3').message.en).toContain('in or in contact with a key area (Wuhan 420100) within 14 days (evidence: k1)');
    });
  });
});

describe('R3: release', () => {
  describe('RULES §5: transitions of R3, as properties', () => {
    const { offProperty } = observation;

    it('T-R3-off: R3 ends at a full N days after its start with no reset symptom, and not a millisecond before', () => {
      offProperty('R3');
    });
  });
});

describe('R3: resets', () => {
  describe('RULES §5: transitions of R3, as properties', () => {
    const { resetProperty } = observation;

    it('T-R3-reset: a reset symptom during the observation restarts the count from it (I-7); another kind, or a symptom at the release instant, does not', () => {
      resetProperty('R3');
    });
  });
});

describe('R3: interactions', () => {
  describe('I-5: the areas an R3 message names', () => {
    const { lianyungang2020 } = lib;
    const { createEngine } = untyped;
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
    const policy = { ...lianyungang2020, keyAreas: [...lianyungang2020.keyAreas, { area: '310000', from: '2020-01-01', to: null }] };
    const twoAreas = createEngine(policy);

    it('I-17: later reports add their areas to an active R3, each once, after those it already names', () => {
      const fromContact = twoAreas.evaluate(
        minimalDeclaration(),
        [
          event('k1', 'key-area-contact', t('02-03'), { on: '2020-02-02' }),
          event('k2', 'key-area-visit', t('02-05'), { area: '420100', from: '2020-02-01', to: '2020-02-02' }),
          event('k3', 'key-area-visit', t('02-06'), { area: '310000', from: '2020-02-01', to: '2020-02-02' }),
          event('k4', 'key-area-visit', t('02-07'), { area: '420100', from: '2020-02-01', to: '2020-02-02' }),
        ],
        t('02-08'),
      );
      expect(reasonOf(fromContact, 'R3').message.en).toContain('a key area (Wuhan 420100, 310000) within 14 days (evidence: k1, k2, k3, k4)');
      const declared = twoAreas.evaluate(
        minimalDeclaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }] }),
        [event('k3', 'key-area-visit', t('02-06'), { area: '310000', from: '2020-02-01', to: '2020-02-02' })],
        t('02-08'),
      );
      expect(reasonOf(declared, 'R3').message.en).toContain('a key area (Wuhan 420100, 310000) within 14 days (evidence: declaration, k3)');
    });
  });
});
