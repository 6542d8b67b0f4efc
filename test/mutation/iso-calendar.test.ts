import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFullDays, createZone, isTimeZone, overlapsWindow } from '../../src/calendar.js';
import { formatDay, formatInstant, parseDay, parseInstant } from '../../src/internal/iso.js';
import { check } from '../support/seed.js';

/**
 * T-1 … T-4 against independent references: ISO-8601 instants and days are read and written as a
 * regular expression and `Date.UTC` read and write them; a zone's offsets, local days and day
 * starts agree with `Intl.DateTimeFormat`.
 */

const MS_PER_DAY = 86_400_000;

/** The reference reader: the grammar of T-2 as a regular expression, arithmetic by `Date`. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
function referenceInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year as number, (month as number) - 1, day);
  if (year === 0 || date.getUTCFullYear() !== year || date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day) return undefined;
  if ((hour as number) > 23 || (minute as number) > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  date.setUTCHours(hour as number, (minute as number) - offset, second, millis);
  return date.getTime();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function referenceDay(text: string): number | undefined {
  const m = DAY.exec(text);
  if (m === null) return undefined;
  const ms = referenceInstant(`${text}T00:00Z`);
  return ms === undefined ? undefined : ms / MS_PER_DAY;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Strings that are instants, nearly instants, or neither. */
const instantText: fc.Arbitrary<string> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2020, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    fraction: fc.option(fc.stringMatching(/^\d{0,11}$/)),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 20 }), m: fc.integer({ min: 0, max: 61 }) }).map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
      fc.constantFrom('', 'z', '+0800', '+08', ' Z', 'Z ', '+08:00:00'),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
    const time = `${pad(hour)}:${pad(minute)}${second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`}`;
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}${zone}`;
  });

/** A string with one character replaced, removed or inserted. */
const damaged = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(base, fc.nat(), fc.constantFrom('replace', 'remove', 'insert'), fc.constantFrom('0', '9', '-', ':', 'T', '.', 'Z', '+', ' ', 'x', '/', '٣')).map(([text, n, how, ch]) => {
    const i = text.length === 0 ? 0 : n % text.length;
    if (how === 'replace') return text.slice(0, i) + ch + text.slice(i + 1);
    if (how === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i);
  });

describe('T-2: reading and writing instants and days', () => {
  it('T-2: parseInstant reads exactly what the grammar and the calendar allow, to the millisecond', () => {
    check(
      fc.property(fc.oneof(instantText, damaged(instantText), fc.string({ maxLength: 30 })), (text) => {
        expect(parseInstant(text)).toBe(referenceInstant(text));
      }),
      'fuzz',
    );
  });

  it('T-2: parseDay reads exactly the days that exist', () => {
    const dayText = fc
      .record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }) })
      .map(({ year, month, day }) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`);
    check(
      fc.property(fc.oneof(dayText, damaged(dayText)), (text) => {
        expect(parseDay(text)).toBe(referenceDay(text));
      }),
      'fuzz',
    );
  });

  it('T-2: formatInstant writes the local time of an offset, milliseconds only when not zero, and reads back', () => {
    const ms = fc.integer({ min: Date.UTC(1, 0, 2), max: Date.UTC(9999, 11, 30) });
    const offset = fc.oneof(fc.integer({ min: -18 * 60, max: 18 * 60 }), fc.constantFrom(0, 480, -300, 345, -570, 765));
    check(
      fc.property(fc.oneof(ms, ms.map((x) => x - (x % 1000))), offset, (instant, off) => {
        const text = formatInstant(instant, off);
        const local = new Date(instant + off * 60_000);
        const iso = local.toISOString();
        const date = `${pad(local.getUTCFullYear(), 4)}-${iso.slice(5, 10)}`;
        const millis = instant - Math.floor(instant / 1000) * 1000;
        const sign = off < 0 ? '-' : '+';
        const abs = Math.abs(off);
        expect(text).toBe(`${date}T${iso.slice(11, 19)}${millis === 0 ? '' : `.${pad(millis, 3)}`}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`);
        expect(parseInstant(text)).toBe(instant);
      }),
      'invariant',
    );
  });

  it('T-2: a fraction beyond milliseconds is truncated, even .999999999', () => {
    expect(parseInstant('2020-02-10T12:00:00.999999999Z')).toBe(Date.UTC(2020, 1, 10, 12, 0, 0, 999));
  });

  it('T-2: formatDay writes a day number as YYYY-MM-DD and reads back', () => {
    check(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const text = formatDay(day);
        expect(text).toBe(`${pad(new Date(day * MS_PER_DAY).getUTCFullYear(), 4)}-${new Date(day * MS_PER_DAY).toISOString().slice(5, 10)}`);
        expect(parseDay(text)).toBe(day);
      }),
      'invariant',
    );
  });

  it('T-2: the edges of the grammar', () => {
    expect(parseInstant('2020-02-10T12:00Z')).toBe(Date.UTC(2020, 1, 10, 12));
    expect(parseInstant('2020-02-10T12:00:00.5+08:00')).toBe(Date.UTC(2020, 1, 10, 4, 0, 0, 500));
    expect(parseInstant('2020-02-10T12:00:00.9999Z')).toBe(Date.UTC(2020, 1, 10, 12, 0, 0, 999));
    expect(parseInstant('2020-02-10T12:00:00.123456789Z')).toBe(Date.UTC(2020, 1, 10, 12, 0, 0, 123));
    expect(parseInstant('2020-02-10T12:00:00.0000000001Z')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:00.Z')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:00+18:00')).toBe(Date.UTC(2020, 1, 9, 18));
    expect(parseInstant('2020-02-10T12:00:00-18:00')).toBe(Date.UTC(2020, 1, 11, 6));
    expect(parseInstant('2020-02-10T12:00:00+19:00')).toBeUndefined();
    expect(parseInstant('2020-02-10T12:00:00+08:59')).toBe(Date.UTC(2020, 1, 10, 3, 1));
    expect(parseInstant('2020-02-10T23:59:59Z')).toBe(Date.UTC(2020, 1, 10, 23, 59, 59));
    expect(parseInstant('0001-01-01T00:00Z')).toBe(Date.UTC(2000, 0, 1) - 730_119 * MS_PER_DAY);
    expect(parseInstant('2020-12-31T00:00Z')).toBe(Date.UTC(2020, 11, 31));
    expect(parseInstant('2021-02-28T00:00Z')).toBe(Date.UTC(2021, 1, 28));
    expect(parseInstant('2021-02-29T00:00Z')).toBeUndefined();
    expect(parseInstant('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant('2100-02-29T00:00Z')).toBeUndefined();
    expect(parseInstant('2400-02-29T00:00Z')).toBe(Date.UTC(2400, 1, 29));
    for (const month of [4, 6, 9, 11]) expect(parseInstant(`2020-${pad(month)}-31T00:00Z`)).toBeUndefined();
    for (const month of [1, 3, 5, 7, 8, 10, 12]) expect(parseInstant(`2020-${pad(month)}-31T00:00Z`)).toBe(Date.UTC(2020, month - 1, 31));
  });
});

describe('T-1, T-3: zones', () => {
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'America/Sao_Paulo'];

  /** The offset (minutes) and the local date of an instant, from Intl. */
  function reference(zone: string, ms: number): { offset: number; day: number } {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(ms));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    const offset = Math.round((local - (ms - (ms % 1000 + 1000) % 1000)) / 60_000);
    return { offset, day: Math.floor(Date.UTC(get('year'), get('month') - 1, get('day')) / MS_PER_DAY) };
  }

  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) });

  it('T-1: offsetAt, dayOf and format agree with Intl in zones with daylight saving and odd offsets', () => {
    check(
      fc.property(fc.constantFrom(...zones), fc.array(instant, { minLength: 1, maxLength: 20 }), (name, list) => {
        const zone = createZone(name);
        for (const ms of [...list, ...list]) {
          const { offset, day } = reference(name, ms);
          expect(zone.offsetAt(ms)).toBe(offset);
          expect(zone.dayOf(ms)).toBe(day);
          expect(zone.format(ms)).toBe(formatInstant(ms, offset));
          expect(parseInstant(zone.format(ms))).toBe(ms);
        }
      }),
      'invariant',
    );
  });

  it('T-3: startOfDay is the first instant of a local day (or of the next one when the date is skipped)', () => {
    check(
      fc.property(fc.constantFrom(...zones), instant, (name, ms) => {
        const zone = createZone(name);
        const day = zone.dayOf(ms);
        const start = zone.startOfDay(day);
        expect(zone.dayOf(start)).toBeGreaterThanOrEqual(day);
        expect(zone.dayOf(start - 1)).toBeLessThan(day);
        expect(start).toBeLessThanOrEqual(ms);
        expect(zone.startOfDay(day + 1)).toBeGreaterThan(ms);
      }),
      'invariant',
    );
  });

  it('T-3: Samoa skipped 2011-12-30: that day starts when 2011-12-31 does', () => {
    const apia = createZone('Pacific/Apia');
    const d30 = (parseDay('2011-12-30') as number);
    expect(apia.startOfDay(d30)).toBe(apia.startOfDay(d30 + 1));
    expect(apia.format(apia.startOfDay(d30 + 1))).toBe('2011-12-31T00:00:00+14:00');
    expect(apia.format(apia.startOfDay(d30 - 1))).toBe('2011-12-29T00:00:00-10:00');
  });

  it('T-3: wall-clock times in a spring-forward gap move forward; in a repeat the earlier is taken', () => {
    const ny = createZone('America/New_York');
    const march8 = parseDay('2020-03-08') as number;
    expect(ny.format(ny.wallTime(march8, 2.5 * 3_600_000))).toBe('2020-03-08T03:30:00-04:00');
    expect(ny.format(ny.wallTime(march8, 1.5 * 3_600_000))).toBe('2020-03-08T01:30:00-05:00');
    const nov1 = parseDay('2020-11-01') as number;
    expect(ny.format(ny.wallTime(nov1, 1.5 * 3_600_000))).toBe('2020-11-01T01:30:00-04:00');
    expect(ny.format(ny.wallTime(nov1, 9 * 3_600_000))).toBe('2020-11-01T09:00:00-05:00');
    // São Paulo 2018-11-04: midnight did not exist; the day started at 01:00.
    const sp = createZone('America/Sao_Paulo');
    expect(sp.format(sp.startOfDay(parseDay('2018-11-04') as number))).toBe('2018-11-04T01:00:00-02:00');
  });

  it('T-3: the three conventions of a count of full days', () => {
    const sh = createZone('Asia/Shanghai');
    const anchor = parseInstant('2020-02-02T15:30:00+08:00') as number;
    expect(sh.format(countFullDays(sh, anchor, 14, 'civil-code'))).toBe('2020-02-17T00:00:00+08:00');
    expect(sh.format(countFullDays(sh, anchor, 14, 'inclusive-start'))).toBe('2020-02-16T00:00:00+08:00');
    expect(sh.format(countFullDays(sh, anchor, 14, 'rolling'))).toBe('2020-02-16T15:30:00+08:00');
    const ny = createZone('America/New_York');
    const before = parseInstant('2020-03-01T02:30:00-05:00') as number;
    expect(ny.format(countFullDays(ny, before, 7, 'rolling'))).toBe('2020-03-08T03:30:00-04:00');
    expect(ny.format(countFullDays(ny, before, 7, 'civil-code'))).toBe('2020-03-09T00:00:00-04:00');
  });

  it('T-4: a window of N days before a day includes both ends', () => {
    expect(overlapsWindow(10, 10, 24, 14)).toBe(true);
    expect(overlapsWindow(9, 9, 24, 14)).toBe(false);
    expect(overlapsWindow(24, 30, 24, 14)).toBe(true);
    expect(overlapsWindow(25, 30, 24, 14)).toBe(false);
    expect(overlapsWindow(0, 100, 24, 0)).toBe(true);
  });

  it('T-1: isTimeZone knows IANA names and nothing else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('T-1: a zone answers the same for instants on both sides of a transition, before and after filling its cache', () => {
    const zone = createZone('Europe/London');
    const sample = [Date.UTC(2020, 2, 29, 0, 59, 59, 999), Date.UTC(2020, 2, 29, 1), Date.UTC(2020, 9, 25, 0, 59, 59, 999), Date.UTC(2020, 9, 25, 1)];
    const first = sample.map((ms) => [zone.offsetAt(ms), zone.format(ms)]);
    for (let i = 0; i < 2_000; i++) zone.dayOf(Date.UTC(2020, 0, 1) + i * 15 * 60_000);
    expect(sample.map((ms) => [zone.offsetAt(ms), zone.format(ms)])).toEqual(first);
    expect(first.map((x) => x[0])).toEqual([0, 60, 60, 0]);
    // An instant that is not a whole millisecond is written as formatInstant writes it.
    expect(zone.format(1.5)).toBe(formatInstant(1.5, zone.offsetAt(1.5)));
  });
});
