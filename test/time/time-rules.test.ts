import { describe, expect, it } from 'vitest';
import { lianyungang2020 } from '../../src/index.js';
import { createEngine } from '../support/untyped.js';
import { approved, decl, ev, rules, run, transitionIds } from '../support/engine.js';

describe('RULES §2 time rules', () => {
  it('T-2: an instant in any offset is the same instant; results carry the policy zone offset', () => {
    const a = run(decl({ submittedAt: '2020-02-01T02:00:00Z', symptoms: ['fatigue'] }), [], '2020-02-01T04:00:00Z');
    expect(a.since).toBe('2020-02-01T10:00:00+08:00');
    expect(a.releaseAt).toBe('2020-02-16T00:00:00+08:00');
    expect(run(decl({ submittedAt: '2020-01-31T21:00:00-05:00', symptoms: ['fatigue'] }), [], '2020-02-02T00:00:00Z').releaseAt).toBe(
      '2020-02-16T00:00:00+08:00',
    );
  });

  it('T-2: now may be a Date', () => {
    expect(run(decl(), [], new Date('2020-02-02T00:00:00Z') as unknown as string).evaluatedAt).toBe('2020-02-02T08:00:00+08:00');
  });

  describe('T-3: a full N days (civil code)', () => {
    const start = decl({ submittedAt: '2020-02-11T09:30:00+08:00', closeContactOfCase: true });
    it('T-3: a start at 02-11 09:30 with N = 14 releases at 02-26 00:00', () => {
      expect(run(start, [], '2020-02-12T00:00:00+08:00').releaseAt).toBe('2020-02-26T00:00:00+08:00');
    });
    it('T-3: one millisecond before the release instant the code is still red', () => {
      expect(run(start, [], '2020-02-25T23:59:59.999+08:00').colour).toBe('red');
    });
    it('T-3: at the release instant the code is green', () => {
      const a = run(start, [], '2020-02-26T00:00:00+08:00');
      expect(a.colour).toBe('green');
      expect(a.since).toBe('2020-02-26T00:00:00+08:00');
      expect(transitionIds(a).slice(-2)).toEqual(['T-R2-off', 'T-colour']);
    });
    it('T-3: one millisecond after the release instant the code is green', () => {
      expect(run(start, [], '2020-02-26T00:00:00.001+08:00').colour).toBe('green');
    });
    it('T-3: a start a millisecond before midnight counts from that day; a start at midnight from the next', () => {
      expect(run(decl({ submittedAt: '2020-02-11T23:59:59.999+08:00', closeContactOfCase: true }), [], '2020-02-12T00:00:00+08:00').releaseAt).toBe(
        '2020-02-26T00:00:00+08:00',
      );
      expect(run(decl({ submittedAt: '2020-02-12T00:00:00+08:00', closeContactOfCase: true }), [], '2020-02-12T00:00:00+08:00').releaseAt).toBe(
        '2020-02-27T00:00:00+08:00',
      );
    });
    it('T-3: no extension for a legal holiday (a count ending on Spring Festival ends on time)', () => {
      expect(run(decl({ submittedAt: '2021-01-28T09:00:00+08:00', closeContactOfCase: true }), [], '2021-01-29T00:00:00+08:00').releaseAt).toBe(
        '2021-02-12T00:00:00+08:00',
      );
    });
  });

  it('T-3: the inclusive-start convention counts the start day as day 1', () => {
    const engine = createEngine({ ...lianyungang2020, dayCounting: 'inclusive-start' });
    const a = engine.evaluate(decl({ submittedAt: '2020-02-11T09:30:00+08:00', closeContactOfCase: true }), [], '2020-02-12T00:00:00+08:00');
    expect(a.releaseAt).toBe('2020-02-25T00:00:00+08:00');
    expect(a.reasons[0]?.count?.convention).toBe('inclusive-start');
  });

  it('T-3: the rolling convention keeps the wall-clock time', () => {
    const engine = createEngine({ ...lianyungang2020, dayCounting: 'rolling' });
    const a = engine.evaluate(decl({ submittedAt: '2020-02-11T09:30:00+08:00', closeContactOfCase: true }), [], '2020-02-12T00:00:00+08:00');
    expect(a.releaseAt).toBe('2020-02-25T09:30:00+08:00');
    expect(engine.evaluate(decl({ submittedAt: '2020-02-11T09:30:00+08:00', closeContactOfCase: true }), [], '2020-02-25T09:29:59.999+08:00').colour).toBe('red');
  });

  it('T-3: in a zone with daylight saving, a civil-code count ends at the first instant of the local day', () => {
    // São Paulo, 2018-11-04: clocks went from 00:00 to 01:00, so that day began at 01:00 -02:00.
    const engine = createEngine({ ...lianyungang2020, timeZone: 'America/Sao_Paulo' });
    const a = engine.evaluate(decl({ submittedAt: '2018-10-20T10:00:00-03:00', closeContactOfCase: true }), [], '2018-10-21T00:00:00-03:00');
    expect(a.releaseAt).toBe('2018-11-04T01:00:00-02:00');
    expect(a.since).toBe('2018-10-20T10:00:00-03:00');
  });

  it('T-4: within 14 days of the declaration covers day(a) − 14 to day(a) in the policy zone', () => {
    const late = decl({ submittedAt: '2020-02-01T23:30:00+08:00', keyAreaContacts: [{ on: '2020-01-18' }] });
    expect(rules(run(late, [], '2020-02-02T00:00:00+08:00'))).toEqual(['R3']);
    // 2020-02-01T15:30Z is already 02-01 23:30 in Shanghai, whatever the day in UTC.
    const utc = decl({ submittedAt: '2020-02-01T15:30:00Z', keyAreaContacts: [{ on: '2020-01-18' }] });
    expect(rules(run(utc, [], '2020-02-02T00:00:00+08:00'))).toEqual(['R3']);
  });

  it('T-5: events after now are not applied and are listed as future', () => {
    const positive = { id: 'p', at: '2020-02-10T12:00:00.001+08:00', kind: 'test-result', result: 'positive' };
    const a = run(decl(), [approved, positive], '2020-02-10T12:00:00+08:00');
    expect(a.colour).toBe('green');
    expect(a.ignored).toEqual([{ id: 'p', why: 'future' }]);
    expect(run(decl(), [approved, positive], '2020-02-10T12:00:00.001+08:00').colour).toBe('red');
  });

  it('T-6: the input order of history never changes a result', () => {
    const history = [
      approved,
      ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 38 }),
      ev('close-contact', '2020-02-05T09:00:00+08:00', { of: 'case' }),
      ev('symptoms', '2020-02-07T09:00:00+08:00', { symptoms: ['fever'], source: 'self' }),
      ev('temperature', '2020-03-04T09:00:00+08:00', { celsius: 38 }),
    ];
    const forward = run(decl(), history, '2020-03-05T00:00:00+08:00');
    expect(run(decl(), [...history].reverse(), '2020-03-05T00:00:00+08:00')).toEqual(forward);
  });

  it('T-6: a release due at an instant happens before the events at that instant', () => {
    // R2 from the declaration ends at 02-16 00:00; a fever at that very instant finds the code green.
    const fever = ev('temperature', '2020-02-16T00:00:00+08:00', { celsius: 38 });
    const a = run(decl({ closeContactOfCase: true }), [fever], '2020-02-16T00:00:00+08:00');
    expect(a.colour).toBe('green');
    expect(transitionIds(a).slice(-3)).toEqual(['T-R2-off', 'T-colour', 'T-GY-first']);
  });

  it('T-6: at one instant a correction (rank 0) comes before the event it voids, whatever the ids', () => {
    const positive = { id: 'a', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const fix = { id: 'z', at: '2020-02-03T09:00:00+08:00', kind: 'correction', voids: 'a', authority: 'lab', reason: 'mix-up' };
    const a = run(decl(), [positive, fix], '2020-02-04T00:00:00+08:00');
    expect(a.colour).toBe('green');
    expect(transitionIds(a)).toEqual(['T-app-submitted', 'T-void']);
  });

  describe('T-7: events before the declaration', () => {
    it('T-7: a close contact notified on 01-30 is counted from 01-30; the trail starts at the submission', () => {
      const notice = ev('close-contact', '2020-01-30T09:00:00+08:00', { of: 'case' });
      const a = run(decl(), [notice], '2020-02-02T00:00:00+08:00');
      expect(a.releaseAt).toBe('2020-02-14T00:00:00+08:00');
      expect(a.reasons[0]?.startedAt).toBe('2020-01-30T09:00:00+08:00');
      expect(a.since).toBe('2020-02-01T10:00:00+08:00');
      expect(a.trail.map((t) => [t.transition, t.at, t.colour])).toEqual([
        ['T-app-submitted', '2020-02-01T10:00:00+08:00', 'red'],
        ['T-R2-on', '2020-02-01T10:00:00+08:00', 'red'],
        ['T-colour', '2020-02-01T10:00:00+08:00', 'red'],
      ]);
    });
    it('T-7: an isolation that began more than 14 days earlier is released at its start (-on and -off together)', () => {
      const a = run(decl({ closeContactOfCase: true, isolationStartedAt: '2020-01-10T09:00:00+08:00' }), [], '2020-02-02T00:00:00+08:00');
      expect(a.colour).toBe('green');
      expect(transitionIds(a)).toEqual(['T-app-submitted', 'T-R2-on', 'T-R2-off']);
    });
  });
});
