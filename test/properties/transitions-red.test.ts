import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/index.js';
import { off, offProperty, on, releaseMs, resetProperty, submittedThen, tenths, trigger } from '../support/observation.js';
import { check } from '../support/seed.js';
import { DAY, KINDS, T0, dayOf, dayText, entries, ev, has, instant, iso, msOf, policies, reason, releaseOf, rules, run, startOfDay, type Kind } from '../support/scenario.js';


/**
 * One property per transition of the red conditions (RULES §5: R1–R5), each stating its guard both
 * ways: the transition happens when the guard holds, and does not when the guard fails by the
 * smallest margin (a millisecond, a day, 0.1 °C, another symptom kind, another result).
 */

describe('RULES §5: transitions of R1', () => {
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

describe('RULES §5: transitions of R2 and R3', () => {
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

  it('T-R2-reset: a reset symptom during the observation restarts the count from it (I-7); another kind, or a symptom at the release instant, does not; a reading 0.1 °C under the threshold does not', () => {
    resetProperty('R2');
  });

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

  it('T-R3-reset: a reset symptom during the observation restarts the count from it (I-7); another kind, or a symptom at the release instant, does not', () => {
    resetProperty('R3');
  });

  it('T-R3-off: R3 ends at a full N days after its start with no reset symptom, and not a millisecond before', () => {
    offProperty('R3');
  });
});

describe('RULES §5: transitions of R4', () => {
  /** R4 at t, both exclusion and recovery at o: the observation starts at o. */
  const observed = (t: number, o: number): Event[] => [ev('fever-clinic-observation', t), ev('covid-excluded', o), ev('recovered', o)];

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

describe('RULES §5: transitions of R5', () => {
  const designation = (ms: number): Event =>
    ev('high-risk-designation', ms, { authority: 'Lianyungang CDC', reason: 'cluster investigation', basis: 'HQ notice 12' });

  it('T-R5-on: a designation by an authority turns the code red with no release date, however long after (I-6); a millisecond before it, it does not', () => {
    check(
      fc.property(submittedThen, fc.integer({ min: 0, max: 400 * DAY }), ({ s, t }, later) => {
        const red = run([designation(t)], s, t + later);
        expect(has(red, 'T-R5-on', t)).toBe(true);
        expect(red.colour).toBe('red');
        expect(red.releaseAt).toBeNull();
        expect(red.awaiting).toEqual(['authority-release']);
        expect(rules(run([designation(t)], s, t - 1))).not.toContain('R5');
      }),
    );
  });

  it('T-R5-off: an authority release after the designation ends R5; a release a millisecond before the designation does not', () => {
    check(
      fc.property(submittedThen, fc.integer({ min: 0, max: 30 * DAY }), ({ s, t }, gap) => {
        const released = run([designation(t), ev('authority-release', t + gap, { authority: 'CDC', reason: 'closed' })], s, t + gap);
        expect(has(released, 'T-R5-off', t + gap)).toBe(true);
        expect(released.colour).toBe('green');
        const early = run([designation(t), ev('authority-release', t - 1, { authority: 'CDC', reason: 'closed' })], s, t + gap);
        expect(has(early, 'T-R5-off')).toBe(false);
        expect(rules(early)).toEqual(['R5']);
      }),
    );
  });
});
