import { describe, expect, it } from 'vitest';
import { countFullDays, createZone, overlapsWindow } from '../src/calendar.js';
import { formatDay, parseDay, parseInstant } from '../src/internal/iso.js';

const at = (text: string) => parseInstant(text) as number;
const day = (text: string) => parseDay(text) as number;

describe('calendar (T-1 … T-4)', () => {
  const shanghai = createZone('Asia/Shanghai');

  it('T-1: the local day of an instant is the policy zone day, not the host day', () => {
    expect(formatDay(shanghai.dayOf(at('2020-02-01T15:59:59.999Z')))).toBe('2020-02-01');
    expect(formatDay(shanghai.dayOf(at('2020-02-01T16:00:00Z')))).toBe('2020-02-02');
  });

  it('T-3: civil-code, inclusive-start and rolling counts of 14 days from 2020-02-11T09:30+08:00', () => {
    const start = at('2020-02-11T09:30:00+08:00');
    expect(shanghai.format(countFullDays(shanghai, start, 14, 'civil-code'))).toBe('2020-02-26T00:00:00+08:00');
    expect(shanghai.format(countFullDays(shanghai, start, 14, 'inclusive-start'))).toBe('2020-02-25T00:00:00+08:00');
    expect(shanghai.format(countFullDays(shanghai, start, 14, 'rolling'))).toBe('2020-02-25T09:30:00+08:00');
  });

  it('T-3: day arithmetic is on calendar dates across a leap day and a year end', () => {
    expect(shanghai.format(countFullDays(shanghai, at('2020-02-20T15:00:00+08:00'), 14, 'civil-code'))).toBe('2020-03-06T00:00:00+08:00');
    expect(shanghai.format(countFullDays(shanghai, at('2020-12-25T08:00:00+08:00'), 14, 'civil-code'))).toBe('2021-01-09T00:00:00+08:00');
  });

  describe('T-3 in zones with daylight saving', () => {
    const saoPaulo = createZone('America/Sao_Paulo');
    const newYork = createZone('America/New_York');
    const apia = createZone('Pacific/Apia');

    it('T-3: a local day that begins in a gap starts at the first instant whose date is that day', () => {
      // 2018-11-04: 00:00 -03:00 became 01:00 -02:00.
      expect(saoPaulo.format(saoPaulo.startOfDay(day('2018-11-04')))).toBe('2018-11-04T01:00:00-02:00');
    });

    it('T-3: rolling moves a time in a gap forward by the gap length', () => {
      // 2020-03-08 in New York: 02:00 -05:00 became 03:00 -04:00; 02:30 becomes 03:30.
      const start = at('2020-02-23T02:30:00-05:00');
      expect(newYork.format(countFullDays(newYork, start, 14, 'rolling'))).toBe('2020-03-08T03:30:00-04:00');
    });

    it('T-3: rolling takes the earlier of two repeated times', () => {
      // 2020-11-01 in New York: 01:30 happened at -04:00 and again at -05:00.
      const start = at('2020-10-18T01:30:00-04:00');
      expect(newYork.format(countFullDays(newYork, start, 14, 'rolling'))).toBe('2020-11-01T01:30:00-04:00');
    });

    it('T-1: an offset between −01:00 and 00:00 keeps its sign (Monrovia, −00:44:30 until 1972)', () => {
      const monrovia = createZone('Africa/Monrovia');
      // 1972-01-07T00:40Z is 1972-01-06T23:55:30 local, one day earlier than in UTC.
      expect(monrovia.offsetAt(at('1972-01-07T00:40:00Z'))).toBe(-44.5);
      expect(formatDay(monrovia.dayOf(at('1972-01-07T00:40:00Z')))).toBe('1972-01-06');
      // From 1972-01-07T00:44:30Z the zone is on UTC.
      expect(monrovia.offsetAt(at('1972-01-08T00:00:00Z'))).toBe(0);
    });

    it('T-3: a date the zone skipped starts with the next date', () => {
      // Samoa skipped 2011-12-30.
      expect(apia.format(apia.startOfDay(day('2011-12-30')))).toBe('2011-12-31T00:00:00+14:00');
      expect(apia.startOfDay(day('2011-12-30'))).toBe(apia.startOfDay(day('2011-12-31')));
    });
  });

  it('T-4: within N days before a day covers day − N to day inclusive', () => {
    expect(overlapsWindow(day('2020-01-17'), day('2020-01-17'), day('2020-02-01'), 14)).toBe(false);
    expect(overlapsWindow(day('2020-01-10'), day('2020-01-18'), day('2020-02-01'), 14)).toBe(true);
    expect(overlapsWindow(day('2020-02-01'), day('2020-02-05'), day('2020-02-01'), 14)).toBe(true);
    expect(overlapsWindow(day('2020-02-02'), day('2020-02-05'), day('2020-02-01'), 14)).toBe(false);
  });

  it('T-2: instants need an offset; leap seconds, hour 24 and non-existent days are rejected', () => {
    expect(parseInstant('2020-02-01T10:00+08:00')).toBe(at('2020-02-01T02:00:00Z'));
    for (const bad of ['2020-02-01T10:00:00', '2020-02-30T10:00:00Z', '2016-12-31T23:59:60Z', '2020-02-01T24:00:00Z', '10000-01-01T00:00:00Z', '2020-02-01 10:00:00Z', '2020-02-01T10:00:00+0800'])
      expect(parseInstant(bad)).toBeUndefined();
    expect(parseDay('2019-02-29')).toBeUndefined();
    expect(parseDay('2020-02-29')).toBeDefined();
  });
});
