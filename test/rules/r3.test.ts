import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/index.js';
import * as lib from '../../src/index.js';
import * as untyped from '../support/untyped.js';
import * as engineSupport from '../support/engine.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';

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
