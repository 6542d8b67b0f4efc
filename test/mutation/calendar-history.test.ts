import { describe, expect, it } from 'vitest';
import { countFullDays, createZone } from '../../src/calendar.js';
import { formatInstant, parseDay, parseInstant } from '../../src/internal/iso.js';

/**
 * T-1 and T-3 on the odd corners of real time-zone history, each worked by hand from the tz
 * database's rules: offsets in seconds (local mean time), a clock change that does not fall on a
 * quarter hour of UTC (the zone's offset cache works per quarter hour), a spring-forward gap that
 * spans midnight, a fall-back that repeats midnight, and a repeat before 1970 (negative instants).
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const at = (text: string): number => {
  const ms = parseInstant(text);
  if (ms === undefined) throw new Error(`not an instant: ${text}`);
  return ms;
};
const day = (text: string): number => {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`not a day: ${text}`);
  return d;
};

describe('T-1: offsets of a zone, instant by instant, before and after its cache holds them', () => {
  it('T-1: London kept +01:00 all year from 1968 to 1971, so every millisecond around the 1970 epoch is 01:00 +01:00', () => {
    // British Standard Time: GMT+1 from 1968-10-27 to 1971-10-31, winter included.
    const london = createZone('Europe/London');
    for (let ms = -1_000; ms < 1_000; ms++) {
      expect(london.offsetAt(ms), String(ms)).toBe(60);
    }
    expect(london.format(0)).toBe('1970-01-01T01:00:00+01:00');
    expect(london.format(-1)).toBe('1970-01-01T00:59:59.999+01:00');
    expect(london.dayOf(-HOUR)).toBe(0);
    expect(london.dayOf(-HOUR - 1)).toBe(-1);
  });

  it('T-1: Shanghai kept local mean time (+08:05:43) until 1901-01-01 00:00, 15:54:17 UTC; the clock change is not on a quarter hour', () => {
    // At 1900-12-31T15:54:17Z the local mean time reached 24:00 and clocks went back to 23:54:17 CST.
    const change = Date.UTC(1900, 11, 31, 15, 54, 17);
    const lmt = 480 + 5 + 43 / 60;
    // Asked first after the change, then again, then before it: each answer is the instant's own.
    const first = createZone('Asia/Shanghai');
    expect(first.offsetAt(change + 3 * MINUTE)).toBe(480);
    expect(first.offsetAt(change + 4 * MINUTE)).toBe(480);
    expect(first.offsetAt(change)).toBe(480);
    expect(first.offsetAt(change - 1)).toBeCloseTo(lmt, 9);
    expect(first.offsetAt(change - 9 * MINUTE)).toBeCloseTo(lmt, 9);
    // Asked first before the change, then after it, in the same quarter hour (15:45–16:00 UTC).
    const second = createZone('Asia/Shanghai');
    expect(second.offsetAt(change - 1)).toBeCloseTo(lmt, 9);
    expect(second.offsetAt(change + 5 * MINUTE)).toBe(480);
    expect(second.offsetAt(change - 1)).toBeCloseTo(lmt, 9);
    // The neighbouring quarter hours hold one offset each.
    expect(second.offsetAt(Date.UTC(1900, 11, 31, 15, 40))).toBeCloseTo(lmt, 9);
    expect(second.offsetAt(Date.UTC(1900, 11, 31, 16, 0))).toBe(480);
    // 1901-01-01 starts at 00:00 CST; the repeated 23:54:17–24:00 still belongs to 1900-12-31.
    expect(second.dayOf(change + 5 * MINUTE)).toBe(day('1900-12-31'));
    expect(second.startOfDay(day('1901-01-01'))).toBe(Date.UTC(1900, 11, 31, 16));
  });

  it('T-1: Monrovia moved from −00:44:30 to GMT at 1972-01-07 00:00 local, 00:44:30 UTC, and the offset keeps its sign', () => {
    const change = Date.UTC(1972, 0, 7, 0, 44, 30);
    const after = createZone('Africa/Monrovia');
    expect(after.offsetAt(change + 10_000)).toBe(0);
    expect(after.offsetAt(change)).toBe(0);
    expect(after.offsetAt(change - 1)).toBe(-44.5);
    expect(after.offsetAt(Date.UTC(1972, 0, 7, 0, 30))).toBe(-44.5);
    const before = createZone('Africa/Monrovia');
    expect(before.offsetAt(change - 1)).toBe(-44.5);
    expect(before.offsetAt(change)).toBe(0);
    // 00:00–00:44:30 of 1972-01-07 never happened there: the day starts at 00:44:30 GMT (T-3).
    expect(before.dayOf(change - 1)).toBe(day('1972-01-06'));
    expect(before.dayOf(change)).toBe(day('1972-01-07'));
    expect(before.startOfDay(day('1972-01-07'))).toBe(change);
    expect(before.format(before.startOfDay(day('1972-01-07')))).toBe('1972-01-07T00:44:30+00:00');
  });
});

describe('T-1: an offset under an hour keeps its own sign, east or west', () => {
  it('T-1: Paris mean time was +00:09:21 until 1911: 23:55 UTC on 1900-06-01 is already 1900-06-02 there', () => {
    const paris = createZone('Europe/Paris');
    const late = Date.UTC(1900, 5, 1, 23, 55);
    expect(paris.offsetAt(late)).toBeCloseTo(9 + 21 / 60, 9);
    expect(paris.dayOf(late)).toBe(day('1900-06-02'));
    expect(paris.dayOf(late - 10 * MINUTE)).toBe(day('1900-06-01'));
  });

  it('T-1: Dublin mean time was −00:25:21 until 1916: 00:10 UTC on 1900-06-02 is still 1900-06-01 there', () => {
    const dublin = createZone('Europe/Dublin');
    const early = Date.UTC(1900, 5, 2, 0, 10);
    expect(dublin.offsetAt(early)).toBeCloseTo(-(25 + 21 / 60), 9);
    expect(dublin.dayOf(early)).toBe(day('1900-06-01'));
    expect(dublin.dayOf(early + 20 * MINUTE)).toBe(day('1900-06-02'));
  });
});

describe('T-3: day starts and wall-clock times across unusual clock changes', () => {
  it('T-3: Toronto sprang forward from 23:30 on 1919-03-30 to 00:30 on 03-31, so 1919-03-31 starts at 00:30 −04:00', () => {
    const toronto = createZone('America/Toronto');
    const start = toronto.startOfDay(day('1919-03-31'));
    expect(start).toBe(at('1919-03-31T04:30:00Z'));
    expect(toronto.format(start)).toBe('1919-03-31T00:30:00-04:00');
    expect(toronto.format(start - 1)).toBe('1919-03-30T23:29:59.999-05:00');
    // A wall time in the gap moves forward by the gap's length: 23:45 becomes 00:45 the next day.
    expect(toronto.format(toronto.wallTime(day('1919-03-30'), 23.75 * HOUR))).toBe('1919-03-31T00:45:00-04:00');
    // A count of 14 full days from 1919-03-16 ends when 1919-03-31 starts.
    const anchor = at('1919-03-16T12:00:00-05:00');
    expect(toronto.format(countFullDays(toronto, anchor, 14, 'civil-code'))).toBe('1919-03-31T00:30:00-04:00');
    expect(toronto.format(countFullDays(toronto, anchor, 15, 'inclusive-start'))).toBe('1919-03-31T00:30:00-04:00');
  });

  it('T-3: St. John’s fell back from 00:01 NDT to 23:01 NST on 2010-11-07, so that date starts at its first midnight', () => {
    // Midnight of 2010-11-07 happened at 00:00 −02:30 (02:30 UTC) and again at 00:00 −03:30 (03:30 UTC);
    // in between (02:31–03:30 UTC) the local date was 2010-11-06 again.
    const stJohns = createZone('America/St_Johns');
    const start = stJohns.startOfDay(day('2010-11-07'));
    expect(start).toBe(at('2010-11-07T02:30:00Z'));
    expect(stJohns.format(start)).toBe('2010-11-07T00:00:00-02:30');
    expect(stJohns.dayOf(at('2010-11-07T03:00:00Z'))).toBe(day('2010-11-06'));
    // The repeated wall times (23:01–00:01) take the earlier instant, on both dates of the repeat;
    // 00:30 of 2010-11-07 happened once, after the repeat.
    expect(stJohns.format(stJohns.wallTime(day('2010-11-07'), 30_000))).toBe('2010-11-07T00:00:30-02:30');
    expect(stJohns.format(stJohns.wallTime(day('2010-11-07'), 0.5 * HOUR))).toBe('2010-11-07T00:30:00-03:30');
    expect(stJohns.format(stJohns.wallTime(day('2010-11-06'), 23.5 * HOUR))).toBe('2010-11-06T23:30:00-02:30');
    // 14 full days from 2010-10-23 end at the first midnight of 2010-11-07.
    const anchor = at('2010-10-23T10:00:00-02:30');
    expect(stJohns.format(countFullDays(stJohns, anchor, 14, 'civil-code'))).toBe('2010-11-07T00:00:00-02:30');
  });

  it('T-3: New York fell back at 02:00 EDT on 1969-10-26; the repeated 01:30 before 1970 is the earlier one', () => {
    const ny = createZone('America/New_York');
    const earlier = ny.wallTime(day('1969-10-26'), 1.5 * HOUR);
    expect(earlier).toBe(at('1969-10-26T05:30:00Z'));
    expect(ny.format(earlier)).toBe('1969-10-26T01:30:00-04:00');
    expect(ny.format(earlier + HOUR)).toBe('1969-10-26T01:30:00-05:00');
    const anchor = at('1969-10-19T01:30:00-04:00');
    expect(ny.format(countFullDays(ny, anchor, 7, 'rolling'))).toBe('1969-10-26T01:30:00-04:00');
  });
});

describe('T-2: an instant written in an offset with seconds reads back as the same instant', () => {
  it('T-2: Monrovia (−00:44:30) and Shanghai (+08:05:43) are written with the offset rounded to the minute, the time of day in that offset', () => {
    const monrovia = createZone('Africa/Monrovia');
    const justBefore = parseInstant('1972-01-07T00:44:29Z') as number;
    // −00:44:30 rounds to −00:44; 00:44:29Z is 00:00:29 at −00:44.
    expect(monrovia.format(justBefore)).toBe('1972-01-07T00:00:29-00:44');
    expect(parseInstant(monrovia.format(justBefore))).toBe(justBefore);
    const shanghai = createZone('Asia/Shanghai');
    const lmt = parseInstant('1900-06-01T00:00:00Z') as number;
    // +08:05:43 rounds to +08:06.
    expect(shanghai.format(lmt)).toBe('1900-06-01T08:06:00+08:06');
    expect(parseInstant(shanghai.format(lmt))).toBe(lmt);
    expect(formatInstant(lmt, 8 * 60 + 5 + 43 / 60)).toBe('1900-06-01T08:06:00+08:06');
    expect(formatInstant(justBefore, -(44 + 30 / 60))).toBe('1972-01-07T00:00:29-00:44');
  });
});
