import { describe, expect, it } from 'vitest';
import { lianyungang2020 } from '../../src/index.js';
import { createEngine } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/** RULES §12: the contested readings as policy options, each alternative with the rules it touches. */

const SUBMITTED = '2020-02-01T10:00:00+08:00';
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };

// The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
const declaration = minimalDeclaration;
const engine = (readings: Record<string, string>) => createEngine({ ...lianyungang2020, readings: { ...lianyungang2020.readings, ...readings } });
const standard = createEngine(lianyungang2020);
const literal = engine({ closeContact: 'literal' });
const atApplication = engine({ triggers: 'at-application' });
const admitHome = engine({ feverAtHome: 'admit-home' });
const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

describe('readings.triggers (§3 "at application"), rules R1, R2, R3, R5', () => {
  const later = [
    { id: 'pt', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' },
    { id: 'dx', at: '2020-02-03T10:00:00+08:00', kind: 'diagnosis', status: 'suspected' },
    { id: 'cc', at: '2020-02-04T09:00:00+08:00', kind: 'close-contact', of: 'case' },
    { id: 'kv', at: '2020-02-05T09:00:00+08:00', kind: 'key-area-visit', area: '420100', from: '2020-02-01', to: '2020-02-02' },
    { id: 'kc', at: '2020-02-05T10:00:00+08:00', kind: 'key-area-contact', on: '2020-02-04' },
    { id: 'hr', at: '2020-02-06T09:00:00+08:00', kind: 'high-risk-designation', authority: 'Haizhou HQ', reason: 'cluster', basis: 'notice 12' },
  ];

  it('readings.triggers "at-application", R1, R2, R3, R5: later triggers change nothing and write no entry, and are applied (I-19)', () => {
    const a = atApplication.evaluate(declaration(), [approved, ...later], '2020-02-07T12:00:00+08:00');
    expect([a.colour, a.reasons, ids(a)]).toEqual(['green', [], ['T-app-submitted', 'T-app-approved']]);
    expect(a.applied).toEqual(['rv', 'pt', 'dx', 'cc', 'kv', 'kc', 'hr']);
    expect(standard.evaluate(declaration(), [approved, ...later], '2020-02-07T12:00:00+08:00').reasons.map((r) => r.rule)).toEqual(['R1', 'R2', 'R3', 'R5']);
  });

  it('readings.triggers "at-application", T-7: events at or before submittedAt count as usual, and their reasons cite the reading', () => {
    const early = [{ id: 'cc', at: '2020-01-30T09:00:00+08:00', kind: 'close-contact', of: 'case' }, { id: 'pt', at: SUBMITTED, kind: 'test-result', result: 'positive' }];
    const a = atApplication.evaluate(declaration(), [approved, ...early], '2020-02-07T12:00:00+08:00');
    expect(a.reasons.map((r) => r.rule)).toEqual(['R1', 'R2']);
    for (const r of a.reasons) expect(r.interpretations).toContain('readings.triggers');
    const declared = atApplication.evaluate(declaration({ clinical: 'confirmed' }), [approved], '2020-02-07T12:00:00+08:00');
    expect(declared.reasons[0]?.interpretations).toContain('readings.triggers');
  });
});

describe('readings.feverAtHome (§7), checkpoint rows C6, C7, C8, C1', () => {
  const at = '2020-02-10T12:00:00+08:00';
  const entry = (role: string, venue = 'residential') => ({ venue, direction: 'in', role, celsius: 37.8, at });

  it('readings.feverAtHome "admit-home", C6, C1: a green resident with a fever enters home; the reading is recorded; the message says why', () => {
    const a = admitHome.evaluate(declaration(), [approved], at);
    const d = admitHome.check(a, entry('resident'));
    expect([d.rule, d.admit]).toEqual(['C1', true]);
    expect(d.record).toMatchObject({ kind: 'temperature', celsius: 37.8, venue: 'residential', at });
    expect(d.message.en).toContain('readings.feverAtHome');
    expect(d.message['zh-Hans']).toContain('readings.feverAtHome');
    expect(d.message['zh-Hant']).toContain('readings.feverAtHome');
    // The default reading refuses (C6 before C1).
    expect(standard.check(standard.evaluate(declaration(), [approved], at), entry('resident')).rule).toBe('C6');
  });

  it('readings.feverAtHome "admit-home", C6: a visitor, a public place and public transport are still refused for a fever', () => {
    const a = admitHome.evaluate(declaration(), [approved], at);
    expect(admitHome.check(a, entry('visitor')).rule).toBe('C6');
    expect(admitHome.check(a, entry('resident', 'public-place')).rule).toBe('C6');
    expect(admitHome.check(a, entry('resident', 'public-transport')).rule).toBe('C6');
  });

  it('readings.feverAtHome "admit-home", C7, C8: a red or unissued resident is still refused, with the reading recorded', () => {
    const red = admitHome.evaluate(declaration({ closeContactOfCase: true }), [approved], at);
    const r = admitHome.check(red, entry('resident'));
    expect([r.rule, r.admit, r.record?.kind]).toEqual(['C8', false, 'temperature']);
    const pending = admitHome.evaluate(declaration(), [], at);
    const p = admitHome.check(pending, entry('resident'));
    expect([p.rule, p.admit, p.record?.kind]).toEqual(['C7', false, 'temperature']);
    // No fever: no note and no record.
    const normal = admitHome.check(admitHome.evaluate(declaration(), [approved], at), { ...entry('resident'), celsius: 36.5 });
    expect([normal.rule, normal.record, normal.message.en.includes('readings')]).toEqual(['C1', null, false]);
  });
});

describe('RULES §12: each reading is part of the policy and its hash', () => {
  it('RULES §12: every alternative gives another hash; the defaults are the rule book\'s', () => {
    expect(lianyungang2020.readings).toEqual({ closeContact: 'descriptive', triggers: 'dynamic', feverAtHome: 'refuse' });
    const hashes = [standard, literal, atApplication, admitHome].map((e) => e.evaluate(declaration(), [], SUBMITTED).policy.hash);
    expect(new Set(hashes).size).toBe(4);
    expect(() => engine({ closeContact: 'lenient' })).toThrow(/readings\.closeContact/);
  });
});
