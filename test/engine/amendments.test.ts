import { describe, expect, it } from 'vitest';
import { evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/** The rule book's amendments (RULES I-4, I-8, I-16, I-17, §5's order of entries), each by its id. */

const SUBMITTED = '2020-02-01T10:00:00+08:00';
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
// The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
const declaration = minimalDeclaration;
const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

describe('I-17: R1 and R4 are never active at once', () => {
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

describe('I-4: a declared R1 already discharged before the submission', () => {
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

describe('I-8: an occurrence is an instant', () => {
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

describe('§5: the order of several entries from one event', () => {
  it('§5, I-17: T-R4-confirmed comes immediately before the T-R1-on it causes, at the submission too', () => {
    const clinic = { id: 'fc', at: '2020-01-30T09:00:00+08:00', kind: 'fever-clinic-observation' };
    const a = evaluate(declaration({ clinical: 'suspected', closeContactOfCase: true }), [approved, clinic], '2020-02-02T12:00:00+08:00');
    expect(ids(a).slice(0, 5)).toEqual(['T-app-submitted', 'T-R4-confirmed', 'T-R1-on', 'T-R2-on', 'T-colour']);
  });

  it('§5: entries at the submission are in rule order, whatever started each condition', () => {
    const visit = { id: 'kv', at: '2020-01-31T09:00:00+08:00', kind: 'key-area-visit', area: '420100', from: '2020-01-20', to: '2020-01-22' };
    const a = evaluate(declaration({ clinical: 'confirmed', closeContactOfCase: true }), [approved, visit], '2020-02-02T12:00:00+08:00');
    expect(ids(a).slice(0, 5)).toEqual(['T-app-submitted', 'T-R1-on', 'T-R2-on', 'T-R3-on', 'T-colour']);
  });

  it('§5, T-7: an -off at a condition\'s start comes right after its -on', () => {
    const a = evaluate(
      declaration({ closeContactOfCase: true, symptoms: ['fatigue'], isolationStartedAt: '2020-01-10T09:00:00+08:00' }),
      [approved],
      '2020-02-02T12:00:00+08:00',
    );
    expect(ids(a).slice(0, 4)).toEqual(['T-app-submitted', 'T-R2-on', 'T-R2-off', 'T-Y1-on']);
  });
});
