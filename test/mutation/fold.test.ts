import { describe, expect, it } from 'vitest';
import { lianyungang2020, safeEvaluate, type Assessment, type Reason } from '../../src/index.js';
import { createEngine, evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * The fold (RULES §2–§5) through the public API: the trail entries it writes (transition, instant,
 * evidence, resulting colour, rule, from), the interpretations each reason cites, the anchors and
 * release dates of the counts, and the I-8 occurrences it forgets when the colour leaves green.
 * Every date below is worked by hand from T-3 (civil code: a count anchored on local day D ends at
 * 00:00 of D + 15, +08:00) and the declaration of RULES §10 example 1 (2020-02-01T10:00+08:00).
 */

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

const transitions = (a: Assessment): string[] => a.trail.map((e) => e.transition);
const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };
const short = createEngine({ ...lianyungang2020, observationDays: 3 });

describe('R1: triggers, discharge and re-triggers (I-4, I-15, I-17)', () => {
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

  it('I-15: an R1 started by the declaration itself cites no interpretation', () => {
    const a = evaluate(minimalDeclaration({ clinical: 'suspected' }), [], t('02-02'));
    expect(reasonOf(a, 'R1')).toMatchObject({ startedAt: SUBMITTED, evidence: ['declaration'], interpretations: [] });
  });
});

describe('R4: the fever clinic (I-14, I-17)', () => {
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

  it('R4: a declared fever-clinic observation has the declaration as its evidence and cites nothing (I-15 is for events)', () => {
    const a = evaluate(minimalDeclaration({ feverClinicObservation: true }), [], t('02-02'));
    expect(reasonOf(a, 'R4')).toMatchObject({ phase: 'treatment', evidence: ['declaration'], interpretations: [] });
    expect(a.trail[1]).toEqual({ transition: 'T-R4-on', at: SUBMITTED, evidence: ['declaration'], colour: 'red', rule: 'R4' });
  });
});

describe('R2: re-triggers (I-17) and resets (I-7)', () => {
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

describe('I-3: where the isolation observation starts', () => {
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

describe('T-3, T-6, T-7: releases', () => {
  it('T-6: releases due before an event are written one instant at a time, the earliest first, with one T-colour at the last', () => {
    const history = [event('k1', 'key-area-visit', t('02-05'), { area: '420100', from: '2020-02-03', to: '2020-02-04' })];
    const during = evaluate(minimalDeclaration({ closeContactOfCase: true }), history, t('02-10'));
    expect(reasonOf(during, 'R3')).toMatchObject({ releaseAt: t('02-20', '00:00'), evidence: ['k1'], interpretations: ['I-1', 'I-5', 'I-15'] });
    expect(reasonOf(during, 'R3').message.en).toContain('in or in contact with a key area (Wuhan 420100) within 14 days (evidence: k1)');
    const after = evaluate(minimalDeclaration({ closeContactOfCase: true }), history, t('02-21'));
    expect(after.trail.slice(-3)).toEqual([
      { transition: 'T-R2-off', at: t('02-16', '00:00'), evidence: ['declaration'], colour: 'red', rule: 'R2' },
      { transition: 'T-R3-off', at: t('02-20', '00:00'), evidence: ['k1'], colour: 'green', rule: 'R3' },
      { transition: 'T-colour', at: t('02-20', '00:00'), evidence: ['k1'], colour: 'green', from: 'red' },
    ]);
    expect(after.colour).toBe('green');
    expect(after.since).toBe(t('02-20', '00:00'));
  });

  it('T-7: a declared count already over at the submission instant is released at its start: -on and -off, no T-colour', () => {
    const midnight = t('02-01', '00:00');
    const a = evaluate(minimalDeclaration({ submittedAt: midnight, closeContactOfCase: true, isolationStartedAt: t('01-17') }), [], t('02-02'));
    expect(a.colour).toBe('green');
    expect(a.reasons).toEqual([]);
    expect(a.trail).toEqual([
      { transition: 'T-app-submitted', at: midnight, evidence: ['declaration'], colour: 'green' },
      { transition: 'T-R2-on', at: midnight, evidence: ['declaration'], colour: 'green', rule: 'R2' },
      { transition: 'T-R2-off', at: midnight, evidence: ['declaration'], colour: 'green', rule: 'R2' },
    ]);
  });

  it('T-6: an event at the submission instant is applied after the declaration; its T-colour cites the event', () => {
    const a = evaluate(minimalDeclaration(), [event('c1', 'close-contact', SUBMITTED, { of: 'case' })], t('02-02'));
    expect(a.trail).toEqual([
      submitted,
      { transition: 'T-R2-on', at: SUBMITTED, evidence: ['c1'], colour: 'red', rule: 'R2' },
      { transition: 'T-colour', at: SUBMITTED, evidence: ['c1'], colour: 'red', from: 'green' },
    ]);
    expect(reasonOf(a, 'R2').interpretations).toEqual(['I-2', 'I-15']);
  });
});

describe('I-8: occurrences count only since the subject last turned green', () => {
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

describe('I-5: the areas an R3 message names', () => {
  const policy = { ...lianyungang2020, keyAreas: [...lianyungang2020.keyAreas, { area: '310000', from: '2020-01-01', to: null }] };
  const twoAreas = createEngine(policy);

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

describe('I-16: Y1 and Y2 at the declaration', () => {
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

describe('R5 and the review (I-6, I-12, I-18)', () => {
  const designation = (id: string, at: string): Record<string, unknown> =>
    event(id, 'high-risk-designation', at, { authority: 'District CDC', reason: `reason ${id}`, basis: `basis ${id}` });

  it('I-6, I-15: a designation by an event cites I-15; a second one joins the evidence; the release entry cites all of them and itself', () => {
    const history = [designation('h1', t('02-03')), designation('h2', t('02-04')), event('rel', 'authority-release', t('02-10'), { authority: 'District CDC', reason: 'cleared' })];
    const during = evaluate(minimalDeclaration(), history, t('02-09'));
    expect(reasonOf(during, 'R5')).toMatchObject({ startedAt: t('02-03'), evidence: ['h1', 'h2'], interpretations: ['I-6', 'I-15'] });
    expect(reasonOf(during, 'R5').message.en).toContain('District CDC: reason "reason h1", basis "basis h1"; District CDC: reason "reason h2", basis "basis h2"');
    const after = evaluate(minimalDeclaration(), history, t('02-11'));
    expect(after.trail.slice(-2)).toEqual([
      { transition: 'T-R5-off', at: t('02-10'), evidence: ['h1', 'h2', 'rel'], colour: 'green', rule: 'R5', authority: 'District CDC', reason: 'cleared' },
      { transition: 'T-colour', at: t('02-10'), evidence: ['rel'], colour: 'green', from: 'red' },
    ]);
    // Issue 14: the entry names who designated, why and on what basis (I-6); only the first designation starts R5.
    expect(after.trail.filter((x) => x.transition === 'T-R5-on')).toEqual([
      { transition: 'T-R5-on', at: t('02-03'), evidence: ['h1'], colour: 'red', rule: 'R5', authority: 'District CDC', reason: 'reason h1', basis: 'basis h1' },
    ]);
  });

  it('I-18: approval and rejection are written with the review event as evidence', () => {
    const a = evaluate(
      minimalDeclaration(),
      [event('ok', 'review-approved', t('02-01', '11:00'), { credential: 'app-code' }), event('no', 'review-rejected', t('02-02'), { reason: 'mismatch' })],
      t('02-03'),
    );
    expect(a.trail).toEqual([
      submitted,
      { transition: 'T-app-approved', at: t('02-01', '11:00'), evidence: ['ok'], colour: 'green' },
      { transition: 'T-app-rejected', at: t('02-02'), evidence: ['no'], colour: 'green', reason: 'mismatch' },
    ]);
    expect(a.issued).toBe(false);
  });

  it('I-13: a T-void entry names the authority that corrected and its reason', () => {
    const a = evaluate(
      minimalDeclaration(),
      [event('cc', 'close-contact', t('02-03'), { of: 'case' }), event('fix', 'correction', t('02-04'), { voids: 'cc', authority: 'Haizhou CDC', reason: 'wrong person' })],
      t('02-05'),
    );
    expect(a.trail.find((x) => x.transition === 'T-void')).toEqual({
      transition: 'T-void',
      at: t('02-04'),
      evidence: ['fix', 'cc'],
      colour: 'green',
      authority: 'Haizhou CDC',
      reason: 'wrong person',
    });
    // Entries no authority decided carry no attribution.
    expect(a.trail.filter((x) => x.transition !== 'T-void').some((x) => 'authority' in x || 'reason' in x || 'basis' in x)).toBe(false);
  });
});

describe('T-2, T-3: instants at the start of 1970', () => {
  it('T-3: a count anchored before the epoch (1970-01-01 01:00 in Beijing is 1969 in UTC) ends at 00:00 of its day + 15 like any other', () => {
    const a = evaluate(
      minimalDeclaration({ submittedAt: '1970-01-01T01:00:00+08:00', closeContactOfCase: true }),
      [],
      '1970-01-02T10:00:00+08:00',
    );
    expect(Date.parse('1970-01-01T01:00:00+08:00')).toBeLessThan(0);
    const r2 = reasonOf(a, 'R2');
    expect(r2.count?.anchor).toBe('1970-01-01T01:00:00+08:00');
    expect(r2.releaseAt).toBe('1970-01-16T00:00:00+08:00');
  });

  it('T-2: a declaration submitted in 1969 in the policy zone is out_of_range, not counted', () => {
    const result = safeEvaluate(minimalDeclaration({ submittedAt: '1969-12-31T23:59:59.999+08:00' }), [], '1970-01-02T10:00:00+08:00');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues).toEqual([expect.objectContaining({ path: ['declaration', 'submittedAt'], code: 'out_of_range' })]);
  });
});
