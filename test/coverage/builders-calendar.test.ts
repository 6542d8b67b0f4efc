import { describe, expect, it } from 'vitest';
import { createZone } from '../../src/calendar.js';
import { formatDay } from '../../src/internal/iso.js';
import { evaluate } from '../../src/index.js';
import { declaration, event, scenario } from '../../src/testing/index.js';

describe('builders: the instant forms an event builder takes (T-2)', () => {
  it('T-2, GY: events built from a Date and from a scenario-like moment give worked example 5 (yellow GY until 2020-03-19)', () => {
    // RULES §10 example 5: 37.6 on 2020-03-01T09:00+08:00, 37.5 on 2020-03-04T08:00+08:00 → GY,
    // anchored at the second occurrence (I-9), civil-code: startOfDay(03-04 + 14 + 1) = 03-19.
    const first = event.temperature(new Date('2020-03-01T01:00:00Z'), 37.6);
    const second = event.temperature({ instant: '2020-03-04T08:00:00+08:00' }, 37.5);
    expect(Date.parse(first.at)).toBe(Date.parse('2020-03-01T09:00:00+08:00'));
    expect(second.at).toBe('2020-03-04T08:00:00+08:00');
    const result = evaluate(declaration({ submittedAt: '2020-03-01T08:00:00+08:00' }), [first, second], '2020-03-04T12:00:00+08:00');
    expect(result.colour).toBe('yellow');
    expect(result.reasons.map((r) => r.rule)).toEqual(['GY']);
    expect(result.releaseAt).toBe('2020-03-19T00:00:00+08:00');
  });

  it('R5, I-6: a designation built with its own obligations imposes those, not the default isolation-observation', () => {
    const designation = event.highRiskDesignation('2020-02-02T09:00:00+08:00', { obligations: ['hospital-isolation'] });
    expect(designation.obligations).toEqual(['hospital-isolation']);
    const result = evaluate(declaration(), [designation], '2020-02-03T09:00:00+08:00');
    expect(result.colour).toBe('red');
    expect(result.obligations).toEqual(['hospital-isolation']);
  });

  it('T-1: a scenario moment written HH:mm:ss keeps its seconds, in the policy zone', () => {
    // Default declaration submitted 2020-02-01T10:00+08:00: day(1) is 2020-02-02 in Asia/Shanghai.
    const moment = scenario().day(1).at('09:30:15');
    expect(moment.instant).toBe('2020-02-02T09:30:15+08:00');
    expect(() => scenario().day(1).at('09:30:60')).toThrow(RangeError);
  });
});

describe('calendar: offsets around a change that is not on a quarter hour (T-1)', () => {
  // tzdata: America/Sao_Paulo kept local mean time −3:06:28 until 1914-01-01 00:00 local, i.e.
  // 1914-01-01T03:06:28Z, then −3:00. The quarter hour 03:00–03:15Z holds the change.
  const saoPaulo = createZone('America/Sao_Paulo');
  const before = Date.parse('1914-01-01T03:05:00Z');
  const after = Date.parse('1914-01-01T03:10:00Z');

  it('T-1: each instant of the quarter hour holding a change gets its own offset, on the first call and on later ones', () => {
    const lmt = -(3 * 60 + 6 + 28 / 60);
    for (let round = 0; round < 2; round++) {
      expect(saoPaulo.offsetAt(before)).toBeCloseTo(lmt, 9);
      expect(saoPaulo.offsetAt(after)).toBe(-180);
    }
  });

  it('T-1: the local day flips at the change: 03:05Z is 1913-12-31T23:58:32 local, 03:10Z is 1914-01-01T00:10 local', () => {
    expect(formatDay(saoPaulo.dayOf(before))).toBe('1913-12-31');
    expect(formatDay(saoPaulo.dayOf(after))).toBe('1914-01-01');
    expect(formatDay(saoPaulo.dayOf(before))).toBe('1913-12-31');
  });
});
