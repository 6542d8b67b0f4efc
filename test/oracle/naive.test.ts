import { describe, expect, it } from 'vitest';
import { naiveEvaluate } from './naive.js';

// The Lianyungang 2020 policy of FORMAT.md, written inline.
const policy = {
  id: 'lianyungang-2020', version: '1.0.0',
  timeZone: 'Asia/Shanghai', dayCounting: 'civil-code',
  observationDays: 14, lookbackDays: 14,
  feverThresholdCelsius: 37.3,
  greenToYellow: { occurrences: 2, windowDays: 14, symptoms: ['fever', 'dry-cough', 'shortness-of-breath'] },
  keyAreas: [{ area: '420100', name: 'Wuhan', from: '2020-01-01', to: null }],
  resetSymptoms: {
    R2: ['fever', 'dry-cough', 'shortness-of-breath'], R3: ['fever', 'dry-cough', 'shortness-of-breath'],
    R4: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
    Y1: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'], Y2: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
    GY: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
  },
  limits: { maxEvents: 100000, maxStringLength: 1000 },
};

const decl = (over: Record<string, unknown> = {}) => ({
  id: 'app-0001', subjectId: 's-7f3a', submittedAt: '2020-02-01T10:00:00+08:00',
  category: 'resident', channel: 'self', attestation: true, clinical: 'none',
  feverClinicObservation: false, closeContactOfCase: false, closeContactOfFeverClinicObservee: false,
  isolationStartedAt: null, keyAreaVisits: [], keyAreaContacts: [], symptoms: [], ...over,
});
const approved = { id: 'rv1', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' };

describe('naive oracle vs RULES.md §10 worked examples', () => {
  it('example 1: no facts, approved → green, releaseAt null (I-1, I-12)', () => {
    expect(naiveEvaluate(decl(), [approved], '2020-02-02T09:00:00+08:00', policy)).toEqual({
      colour: 'green', rules: [], releaseAt: null, issued: true, missedDailyReports: [],
    });
    // before the approval, the code is not issued (I-12)
    expect(naiveEvaluate(decl(), [approved], '2020-02-01T10:30:00+08:00', policy).issued).toBe(false);
  });

  it('example 2: declared dry cough → Y1 until 02-16; a dry-cough report on 02-05 moves it to 02-20 (Y1, T-3, I-7, T-Y1-reset)', () => {
    const d = decl({ symptoms: ['dry-cough'] });
    const r = naiveEvaluate(d, [approved], '2020-02-03T09:00:00+08:00', policy);
    expect(r).toMatchObject({ colour: 'yellow', rules: ['Y1'], releaseAt: '2020-02-16T00:00:00+08:00' });
    expect(naiveEvaluate(d, [approved], '2020-02-15T23:59:59+08:00', policy).colour).toBe('yellow');
    expect(naiveEvaluate(d, [approved], '2020-02-16T00:00:00+08:00', policy).colour).toBe('green');
    const h = [approved, { id: 'e1', at: '2020-02-05T08:00:00+08:00', kind: 'symptoms', symptoms: ['dry-cough'], source: 'self' }];
    expect(naiveEvaluate(d, h, '2020-02-06T09:00:00+08:00', policy)).toMatchObject({
      colour: 'yellow', rules: ['Y1'], releaseAt: '2020-02-20T00:00:00+08:00',
    });
    expect(naiveEvaluate(d, h, '2020-02-16T00:00:00+08:00', policy).colour).toBe('yellow');
    expect(naiveEvaluate(d, h, '2020-02-20T00:00:00+08:00', policy).colour).toBe('green');
  });

  it('example 3: key-area visit 01-20..01-22 → R3 until 02-16; a visit ending 01-17 does not count (R3, I-5, T-4, T-3)', () => {
    const r = naiveEvaluate(decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }), [approved], '2020-02-02T09:00:00+08:00', policy);
    expect(r).toMatchObject({ colour: 'red', rules: ['R3'], releaseAt: '2020-02-16T00:00:00+08:00' });
    const late = naiveEvaluate(decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-15', to: '2020-01-17' }] }), [approved], '2020-02-02T09:00:00+08:00', policy);
    expect(late).toMatchObject({ colour: 'green', rules: [], releaseAt: null });
    const edge = naiveEvaluate(decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-15', to: '2020-01-18' }] }), [approved], '2020-02-02T09:00:00+08:00', policy);
    expect(edge.rules).toEqual(['R3']);
  });

  it('example 4: positive test → R1 awaiting discharge; discharge 02-20 → release 03-06 (R1, I-4, T-R1-discharge, T-3 leap year)', () => {
    const positive = { id: 't1', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const r = naiveEvaluate(decl(), [approved, positive], '2020-02-10T09:00:00+08:00', policy);
    expect(r).toMatchObject({ colour: 'red', rules: ['R1'], releaseAt: null });
    const h = [approved, positive, { id: 'd1', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' }];
    expect(naiveEvaluate(decl(), h, '2020-02-21T09:00:00+08:00', policy)).toMatchObject({
      colour: 'red', rules: ['R1'], releaseAt: '2020-03-06T00:00:00+08:00',
    });
    // I-4: a symptom after discharge does not reset R1
    const h2 = [...h, { id: 's1', at: '2020-02-25T09:00:00+08:00', kind: 'symptoms', symptoms: ['fever'], source: 'self' }];
    expect(naiveEvaluate(decl(), h2, '2020-03-05T23:59:59+08:00', policy).colour).toBe('red');
    expect(naiveEvaluate(decl(), h2, '2020-03-06T00:00:00+08:00', policy).colour).toBe('green');
  });

  it('example 5: fever at a mall then at a bus → GY until 03-19 with daily reports; fever + dry cough once each stays green (I-8, I-9, I-10, GY)', () => {
    const t1 = { id: 'c1', at: '2020-03-01T09:00:00+08:00', kind: 'temperature', celsius: 37.6, venue: 'public-place' };
    const t2 = { id: 'c2', at: '2020-03-04T08:00:00+08:00', kind: 'temperature', celsius: 37.5, venue: 'public-transport' };
    expect(naiveEvaluate(decl(), [approved, t1], '2020-03-02T09:00:00+08:00', policy)).toMatchObject({ colour: 'green', rules: [] });
    const r = naiveEvaluate(decl(), [approved, t1, t2], '2020-03-04T09:00:00+08:00', policy);
    expect(r).toEqual({ colour: 'yellow', rules: ['GY'], releaseAt: '2020-03-19T00:00:00+08:00', issued: true, missedDailyReports: [] });
    // I-10: 03-05 reported, 03-06 missed, today (03-07) not yet
    const dr = { id: 'dr1', at: '2020-03-05T20:00:00+08:00', kind: 'daily-report', symptoms: [] };
    expect(naiveEvaluate(decl(), [approved, t1, t2, dr], '2020-03-07T12:00:00+08:00', policy).missedDailyReports).toEqual(['2020-03-06']);
    expect(naiveEvaluate(decl(), [approved, t1, t2], '2020-03-19T00:00:00+08:00', policy).colour).toBe('green');
    const cough = { id: 'c3', at: '2020-03-04T08:00:00+08:00', kind: 'symptoms', symptoms: ['dry-cough'], source: 'self' };
    expect(naiveEvaluate(decl(), [approved, t1, cough], '2020-03-05T09:00:00+08:00', policy)).toMatchObject({ colour: 'green', rules: [], releaseAt: null });
  });

  it('example 6: R2 declared, then a fever-clinic-observee contact → yellow Y2 at 02-16, green at 02-25 (R2, Y2, I-1, I-15)', () => {
    const d = decl({ closeContactOfCase: true });
    const y2 = { id: 'n1', at: '2020-02-10T12:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' };
    expect(naiveEvaluate(d, [approved, y2], '2020-02-12T09:00:00+08:00', policy)).toMatchObject({
      colour: 'red', rules: ['R2', 'Y2'], releaseAt: '2020-02-25T00:00:00+08:00',
    });
    expect(naiveEvaluate(d, [approved, y2], '2020-02-15T23:59:59+08:00', policy).colour).toBe('red');
    expect(naiveEvaluate(d, [approved, y2], '2020-02-16T00:00:00+08:00', policy)).toMatchObject({
      colour: 'yellow', rules: ['Y2'], releaseAt: '2020-02-25T00:00:00+08:00',
    });
    expect(naiveEvaluate(d, [approved, y2], '2020-02-25T00:00:00+08:00', policy)).toMatchObject({ colour: 'green', rules: [], releaseAt: null });
  });
});

describe('naive oracle: scope', () => {
  it('T-3: rolling day counting is not supported', () => {
    expect(() => naiveEvaluate(decl(), [], '2020-02-02T00:00:00+08:00', { ...policy, dayCounting: 'rolling' })).toThrow('rolling not supported by the oracle');
  });
  it('T-3 inclusive-start: the start day is day 1', () => {
    const r = naiveEvaluate(decl({ symptoms: ['fever'] }), [], '2020-02-02T00:00:00+08:00', { ...policy, dayCounting: 'inclusive-start' });
    expect(r.releaseAt).toBe('2020-02-15T00:00:00+08:00');
  });
  it('I-13, I-18, T-5: corrections of corrections, latest review, future events', () => {
    const pos = { id: 't1', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const c1 = { id: 'x1', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 't1', authority: 'CDC', reason: 'lab error' };
    const c2 = { id: 'x2', at: '2020-02-05T09:00:00+08:00', kind: 'correction', voids: 'x1', authority: 'CDC', reason: 'wrong' };
    const rej = { id: 'rv2', at: '2020-02-06T09:00:00+08:00', kind: 'review-rejected', reason: 'x' };
    expect(naiveEvaluate(decl(), [approved, pos, c1], '2020-02-04T10:00:00+08:00', policy).colour).toBe('green');
    expect(naiveEvaluate(decl(), [approved, pos, c1], '2020-02-04T08:00:00+08:00', policy).colour).toBe('red');
    expect(naiveEvaluate(decl(), [c2, approved, pos, c1, pos], '2020-02-05T10:00:00+08:00', policy).colour).toBe('red');
    expect(naiveEvaluate(decl(), [approved, rej], '2020-02-06T10:00:00+08:00', policy).issued).toBe(false);
    expect(naiveEvaluate(decl(), [approved, rej], '2020-02-06T08:00:00+08:00', policy).issued).toBe(true);
  });
});
