import { describe, expect, it } from 'vitest';
import { approved, decl, ev, rules, run, transitionIds } from '../support/engine.js';

describe('RULES §10 worked examples', () => {
  it('example 1: a resident declaring no facts, approved, is green with no release date', () => {
    const a = run(decl(), [approved], '2020-02-10T12:00:00+08:00');
    expect(a.colour).toBe('green');
    expect(a.releaseAt).toBeNull();
    expect(a.issued).toBe(true);
    expect(a.reasons).toEqual([]);
    expect(transitionIds(a)).toEqual(['T-app-submitted', 'T-app-approved']);
  });

  it('example 2 (Y1, T-Y1-reset): a declared dry cough is yellow until 02-16; a dry cough on 02-05 moves it to 02-20', () => {
    const before = run(decl({ symptoms: ['dry-cough'] }), [approved], '2020-02-03T12:00:00+08:00');
    expect(before.colour).toBe('yellow');
    expect(rules(before)).toEqual(['Y1']);
    expect(before.releaseAt).toBe('2020-02-16T00:00:00+08:00');
    const cough = ev('symptoms', '2020-02-05T08:00:00+08:00', { symptoms: ['dry-cough'], source: 'self' });
    const after = run(decl({ symptoms: ['dry-cough'] }), [approved, cough], '2020-02-06T12:00:00+08:00');
    expect(after.releaseAt).toBe('2020-02-20T00:00:00+08:00');
    expect(after.reasons[0]?.count).toEqual({ anchor: '2020-02-05T08:00:00+08:00', days: 14, convention: 'civil-code' });
    expect(transitionIds(after)).toContain('T-Y1-reset');
  });

  it('example 3 (R3, I-5, T-4): a key-area visit 01-20..01-22 declared on 02-01 is red R3 until 02-16; one ending 01-17 does not count', () => {
    const visit = (from: string, to: string) => decl({ keyAreaVisits: [{ area: '420100', from, to }] });
    const inside = run(visit('2020-01-20', '2020-01-22'), [approved], '2020-02-10T12:00:00+08:00');
    expect(inside.colour).toBe('red');
    expect(rules(inside)).toEqual(['R3']);
    expect(inside.releaseAt).toBe('2020-02-16T00:00:00+08:00');
    expect(inside.reasons[0]?.interpretations).toContain('I-5');
    const outside = run(visit('2020-01-10', '2020-01-17'), [approved], '2020-02-10T12:00:00+08:00');
    expect(outside.colour).toBe('green');
    const edge = run(visit('2020-01-10', '2020-01-18'), [approved], '2020-02-10T12:00:00+08:00');
    expect(edge.colour).toBe('red');
  });

  it('example 4 (R1, T-R1-discharge): a positive test awaits discharge; discharge on 02-20 15:00 releases on 03-06 (leap year)', () => {
    const positive = ev('test-result', '2020-02-03T09:00:00+08:00', { result: 'positive' });
    const treating = run(decl(), [approved, positive], '2020-02-10T12:00:00+08:00');
    expect(treating.colour).toBe('red');
    expect(rules(treating)).toEqual(['R1']);
    expect(treating.releaseAt).toBeNull();
    expect(treating.awaiting).toEqual(['hospital-discharge']);
    const discharge = ev('hospital-discharge', '2020-02-20T15:00:00+08:00');
    const observing = run(decl(), [approved, positive, discharge], '2020-02-21T12:00:00+08:00');
    expect(observing.releaseAt).toBe('2020-03-06T00:00:00+08:00');
    expect(observing.awaiting).toEqual([]);
    expect(transitionIds(observing)).toContain('T-R1-discharge');
    expect(run(decl(), [approved, positive, discharge], '2020-03-06T00:00:00+08:00').colour).toBe('green');
  });

  it('example 5 (GY, T-GY-first, T-GY-on, I-8): 37.6 then 37.5 three days apart turns a green code yellow until 03-19; fever plus dry cough stays green', () => {
    const mall = ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 37.6, venue: 'public-place' });
    const bus = ev('temperature', '2020-03-04T08:00:00+08:00', { celsius: 37.5, venue: 'public-transport' });
    const once = run(decl(), [approved, mall], '2020-03-02T12:00:00+08:00');
    expect(once.colour).toBe('green');
    expect(transitionIds(once)).toContain('T-GY-first');
    const twice = run(decl(), [approved, mall, bus], '2020-03-05T12:00:00+08:00');
    expect(twice.colour).toBe('yellow');
    expect(rules(twice)).toEqual(['GY']);
    expect(twice.releaseAt).toBe('2020-03-19T00:00:00+08:00');
    expect(twice.obligations).toContain('daily-self-report');
    const cough = ev('symptoms', '2020-03-04T08:00:00+08:00', { symptoms: ['dry-cough'], source: 'self' });
    expect(run(decl(), [approved, mall, cough], '2020-03-05T12:00:00+08:00').colour).toBe('green');
  });

  it('example 6 (R2, Y2, I-1): R2 releases on 02-16 into yellow Y2, announced by nextChangeAt; green on 02-25', () => {
    const notice = ev('close-contact', '2020-02-10T12:00:00+08:00', { of: 'fever-clinic-observee' });
    const history = [approved, notice];
    const red = run(decl({ closeContactOfCase: true }), history, '2020-02-12T12:00:00+08:00');
    expect(red.colour).toBe('red');
    expect(rules(red)).toEqual(['R2', 'Y2']);
    expect(red.nextChangeAt).toBe('2020-02-16T00:00:00+08:00');
    expect(red.releaseAt).toBe('2020-02-25T00:00:00+08:00');
    const yellow = run(decl({ closeContactOfCase: true }), history, '2020-02-16T00:00:00+08:00');
    expect(yellow.colour).toBe('yellow');
    expect(yellow.since).toBe('2020-02-16T00:00:00+08:00');
    expect(yellow.nextChangeAt).toBe('2020-02-25T00:00:00+08:00');
    expect(run(decl({ closeContactOfCase: true }), history, '2020-02-24T23:59:59.999+08:00').colour).toBe('yellow');
    expect(run(decl({ closeContactOfCase: true }), history, '2020-02-25T00:00:00+08:00').colour).toBe('green');
  });
});
