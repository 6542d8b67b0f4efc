import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatDay, formatInstant, formatOffset, formatTimeOfDay, parseDay, parseInstant } from '../../src/internal/iso.js';

/**
 * T-2 and RULES §9, one character at a time: every position of `YYYY-MM-DDTHH:mm(:ss(.f{1,9})?)?(Z|±HH:MM)`
 * that must hold a digit or a separator rejects anything else, and day numbers are right across
 * the centuries where the proleptic Gregorian calendar skips or keeps a leap day. Expected values
 * are worked by hand (days since 1970-01-01) and checked against `Date.UTC`.
 */

const MS_PER_DAY = 86_400_000;
const NOON = Date.UTC(2020, 1, 10, 12);

describe('T-2: the grammar of an instant, position by position', () => {
  it('T-2: the reference instant 2020-02-10T12:00Z is read in each of its written forms', () => {
    expect(parseInstant('2020-02-10T12:00Z')).toBe(NOON);
    expect(parseInstant('2020-02-10T12:00:00Z')).toBe(NOON);
    expect(parseInstant('2020-02-10T20:00+08:00')).toBe(NOON);
    expect(parseInstant('2020-02-10T12:00:00.000+00:00')).toBe(NOON);
  });

  it('RULES §9: a non-digit where the hour or the minute must be is invalid, not a negative time', () => {
    for (const text of ['2020-02-10Tx2:00Z', '2020-02-10T1x:00Z', '2020-02-10T-1:00Z', '2020-02-10T12:x0Z', '2020-02-10T12:0xZ', '2020-02-10T12:-1Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('RULES §9: a character just below "0" ("/") is not a digit in any field', () => {
    // '/' is U+002F, one below '0': read as a digit it would make "1/" the number 9.
    for (const text of ['2020-02-1/T12:00Z', '2020-0/-10T12:00Z', '202/-02-10T12:00Z', '2020-02-10T1/:00Z', '2020-02-10T12:0/Z', '2020-02-10T12:00:0/Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
    expect(parseDay('2020-02-1/')).toBeUndefined();
  });

  it('RULES §9: each separator must be the one the grammar names', () => {
    for (const text of ['2020/02-10T12:00Z', '2020-02/10T12:00Z', '2020-02-10 12:00Z', '2020-02-10T12.00Z', '2020-02-10T12/00Z', '2020x02-10T12:00Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('RULES §9: hour 24, minute 60 and second 60 (a leap second) do not exist', () => {
    for (const text of ['2020-02-10T24:00Z', '2020-02-10T12:60Z', '2020-02-10T12:00:60Z', '2020-02-10T23:59:60Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
    expect(parseInstant('2020-02-10T23:59:59Z')).toBe(NOON + (11 * 3600 + 59 * 60 + 59) * 1000);
  });

  it('RULES §9: only "Z" in upper case names UTC', () => {
    for (const text of ['2020-02-10T12:00z', '2020-02-10T12:00X', '2020-02-10T12:00:00U', '2020-02-10T12:00:00.5z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('RULES §9: seconds, when present, are two digits', () => {
    expect(parseInstant('2020-02-10T12:00:x0Z')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:0xZ')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:-1Z')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:59Z')).toBe(NOON + 59_000);
  });

  it('T-2: a fraction has one to nine digits and ends the seconds', () => {
    expect(parseInstant('2020-02-10T12:00:00.1Z')).toBe(NOON + 100);
    expect(parseInstant('2020-02-10T12:00:00.123456789+08:00')).toBe(NOON - 8 * 3_600_000 + 123);
    expect(parseInstant('2020-02-10T12:00:00.1234567890Z')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:00.12x Z')).toBeUndefined();
  });

  it('RULES §9: "Z" ends the string; an offset is a sign, two digits, ":" and two digits, nothing more', () => {
    for (const text of [
      '2020-02-10T12:00Z08:00',
      '2020-02-10T12:00 08:00',
      '2020-02-10T12:00*08:00',
      '2020-02-10T12:00+08000',
      '2020-02-10T12:00+08-00',
      '2020-02-10T12:00+08:000',
      '2020-02-10T12:00+08:0',
      '2020-02-10T12:00ZZ',
    ]) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('RULES §9: the hours and minutes of an offset are digits, at most 18 hours and 59 minutes', () => {
    for (const text of ['2020-02-10T12:00+x8:00', '2020-02-10T12:00+0x:00', '2020-02-10T12:00+08:x0', '2020-02-10T12:00+08:0x', '2020-02-10T12:00+/8:00', '2020-02-10T12:00+08:/0', '2020-02-10T12:00+19:00', '2020-02-10T12:00-19:00', '2020-02-10T12:00+08:60', '2020-02-10T12:00-00:60']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
    // The largest offsets the grammar allows: 12:00 at +18:00 is 18:00 the day before in UTC.
    expect(parseInstant('2020-02-10T12:00+18:00')).toBe(NOON - 18 * 3_600_000);
    expect(parseInstant('2020-02-10T12:00-18:00')).toBe(NOON + 18 * 3_600_000);
    expect(parseInstant('2020-02-10T12:00+17:59')).toBe(NOON - (17 * 60 + 59) * 60_000);
    expect(parseInstant('2020-02-10T12:00-00:59')).toBe(NOON + 59 * 60_000);
    expect(parseInstant('2020-02-10T12:00+05:45')).toBe(NOON - 345 * 60_000);
    expect(parseInstant('2020-02-10T12:00-03:30')).toBe(NOON + 210 * 60_000);
  });

  it('RULES §9: year 0000 does not exist (the years are 0001–9999); month 00 and day 00 neither', () => {
    for (const text of ['0000-01-01T00:00Z', '0000-12-31T23:59Z', '2020-00-10T12:00Z', '2020-02-00T12:00Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
    expect(parseDay('0000-12-31')).toBeUndefined();
    // 0001-01-01 is 719,162 days before 1970-01-01 (1969 years: 1969 × 365 + 477 leap days).
    expect(parseDay('0001-01-01')).toBe(-(1969 * 365 + 477));
    expect(parseInstant('0001-01-01T00:00Z')).toBe(-(1969 * 365 + 477) * MS_PER_DAY);
    expect(parseInstant('0001-01-02T00:00Z')).toBe(-(1969 * 365 + 476) * MS_PER_DAY);
  });

  it('RULES §9: April, June, September and November have 30 days; the other months 31', () => {
    for (const month of ['04', '06', '09', '11']) {
      expect(parseDay(`2021-${month}-31`), month).toBeUndefined();
      expect(parseDay(`2021-${month}-30`), month).toBe(Date.UTC(2021, Number(month) - 1, 30) / MS_PER_DAY);
    }
    for (const month of ['01', '03', '05', '07', '08', '10', '12']) {
      expect(parseDay(`2021-${month}-31`), month).toBe(Date.UTC(2021, Number(month) - 1, 31) / MS_PER_DAY);
    }
  });
});

describe('T-2: day numbers across the centuries (proleptic Gregorian)', () => {
  // Worked by hand from 2000-03-01 = day 11,017 (30 years of 365 days, 8 leap days, then 31 + 29).
  // A century from 1 March holds 36,524 days, or 36,525 when it contains the 29 February of a year
  // divisible by 400; 400 years hold 146,097 days. 1 March to 31 December is 305 days later.
  const cases: [string, number][] = [
    ['1970-01-01', 0],
    ['2000-02-29', 11_016],
    ['2000-03-01', 11_017],
    ['2100-02-28', 11_017 + 36_524 - 1],
    ['2100-03-01', 11_017 + 36_524],
    ['2120-03-01', 11_017 + 36_524 + 20 * 365 + 5],
    ['2200-03-01', 11_017 + 2 * 36_524],
    ['2399-12-31', 11_017 + 4 * 36_524 - 31 - 29],
    ['2400-02-29', 11_017 + 4 * 36_524],
    ['2400-03-01', 11_017 + 4 * 36_524 + 1],
    ['1900-02-28', 11_017 - 36_525 - 1],
    ['1900-03-01', 11_017 - 36_525],
    ['1800-03-01', 11_017 - 36_525 - 36_524],
    ['1700-12-31', 11_017 - 36_525 - 2 * 36_524 + 305],
    ['1600-02-29', 11_017 - 146_097 - 1],
  ];

  it('T-2: parseDay and daysFromCivil give each date its day number, formatDay and civilFromDays give it back', () => {
    for (const [text, day] of cases) {
      const [y, m, d] = text.split('-').map(Number) as [number, number, number];
      expect(Date.UTC(y, m - 1, d) / MS_PER_DAY, `reference ${text}`).toBe(day);
      expect(parseDay(text), text).toBe(day);
      expect(daysFromCivil(y, m, d), text).toBe(day);
      expect(formatDay(day), text).toBe(text);
      expect(civilFromDays(day), text).toEqual({ year: y, month: m, day: d });
    }
  });

  it('T-2: the last day of each month of 2100, 2120 and 1999 is written back as itself', () => {
    for (const year of [1999, 2100, 2120, 2399]) {
      for (let month = 1; month <= 12; month++) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const day = Date.UTC(year, month - 1, last) / MS_PER_DAY;
        const text = `${year}-${String(month).padStart(2, '0')}-${last}`;
        expect(formatDay(day), text).toBe(text);
        expect(formatDay(day + 1), `${text} + 1`).toBe(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`);
      }
    }
  });

  it('T-2: a year below 1000 is written with four digits', () => {
    expect(formatDay(-(1969 * 365 + 477))).toBe('0001-01-01');
    expect(formatInstant(Date.UTC(999, 11, 31, 23, 59, 59), 0)).toBe('0999-12-31T23:59:59+00:00');
  });

  it('T-2: times of day and offsets are written with two digits per field', () => {
    expect(formatTimeOfDay(0)).toBe('00:00:00');
    expect(formatTimeOfDay(((9 * 60 + 5) * 60 + 7) * 1000 + 5)).toBe('09:05:07.005');
    expect(formatTimeOfDay(((23 * 60 + 59) * 60 + 59) * 1000 + 999)).toBe('23:59:59.999');
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(345)).toBe('+05:45');
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(-18 * 60)).toBe('-18:00');
    expect(formatOffset(14 * 60)).toBe('+14:00');
  });
});
