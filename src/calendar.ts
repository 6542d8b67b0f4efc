import { tzOffset } from '@date-fns/tz';
import { MS_PER_DAY, MS_PER_MINUTE, formatDay, formatOffset, formatTimeOfDay } from './internal/iso.js';

/**
 * The one module that does zone-aware day arithmetic (T-1 … T-4). Every calendar question the
 * engine asks (which local day an instant falls on, when a local day starts, when a count of full
 * days ends) is answered here, in the policy's time zone and never the host's.
 */

/** How "a full N days" is counted (T-3). */
export type DayCounting = 'civil-code' | 'inclusive-start' | 'rolling';

/** A time zone compiled once per engine, with a cache of its offsets. */
export interface Zone {
  readonly name: string;
  /** Minutes east of UTC at an instant. */
  offsetAt(ms: number): number;
  /** The local calendar day (day number) of an instant. */
  dayOf(ms: number): number;
  /** The first instant whose local date is `day`; a skipped date starts with the next date (T-3). */
  startOfDay(day: number): number;
  /** The instant of a local wall-clock time, moved forward past a gap, earlier of two repeats (T-3). */
  wallTime(day: number, msOfDay: number): number;
  /** An instant written with this zone's offset at that instant. */
  format(ms: number): string;
}

const BUCKET_MS = 15 * MS_PER_MINUTE;
const CACHE_LIMIT = 200_000;

/** Whether the runtime knows an IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The offset (minutes) of zone `name` at an instant, cached per quarter hour (T-1). */
function zoneOffsets(name: string): (ms: number) => number {
  const cache = new Map<number, number>();
  // `tzOffset` (@date-fns/tz 1.5) drops the sign of an offset between −01:00 and 00:00, such as
  // Monrovia's −00:44:30 before 1972: such an offset is checked against the zone's own name for it.
  let longOffset: Intl.DateTimeFormat | undefined;
  const exact = (ms: number): number => {
    const offset = tzOffset(name, new Date(ms));
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a fast path; the name below gives these offsets the same sign
    if (offset === 0 || Math.abs(offset) >= 60) return offset;
    longOffset ??= new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
    // Written as e.g. "1/6/1972, GMT-00:44:30": only the offset's name can hold "GMT-".
    return longOffset.format(ms).includes('GMT-') ? -Math.abs(offset) : Math.abs(offset);
  };

  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / BUCKET_MS);
    let cached = cache.get(bucket);
    // Stryker disable next-line ConditionalExpression: a cache; computing a held quarter hour again gives the same value
    if (cached === undefined) {
      const start = exact(bucket * BUCKET_MS);
      cached = start === exact(bucket * BUCKET_MS + BUCKET_MS - 1) ? start : Number.NaN;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the size limit bounds memory only; a cleared cache is refilled with the same values
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(bucket, cached);
    }
    return Number.isNaN(cached) ? exact(ms) : cached;
  };
  return offsetAt;
}

/** Writes an instant in a zone as `formatInstant` does, the date part and the offset cached (T-2). */
function zoneFormatter(offsetAt: (ms: number) => number): (ms: number) => string {
  // Every result writes several instants: the date part and the offset are looked up per day and
  // per offset. Writes exactly what `formatInstant` writes (the same three writers, any number).
  const dates = new Map<number, string>();
  const offsets = new Map<number, string>();
  // The last instant written: a trail writes one instant many times in a row (resets at one instant).
  let lastMs = Number.NaN;
  let lastText = '';
  const format = (ms: number): string => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a cache; writing the instant again gives the same text
    if (ms === lastMs) return lastText;
    lastText = formatUncached(ms);
    lastMs = ms;
    return lastText;
  };
  const formatUncached = (ms: number): string => {
    // An offset with seconds (local mean time, before about 1900; Monrovia until 1972) is written
    // rounded to the minute, and the time of day is written in that same offset, so that the text
    // reads back as exactly this instant (T-2).
    const offset = Math.round(offsetAt(ms));
    const local = ms + offset * MS_PER_MINUTE;
    const day = Math.floor(local / MS_PER_DAY);
    let date = dates.get(day);
    // Stryker disable next-line ConditionalExpression: a cache; writing a held day again gives the same text
    if (date === undefined) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the size limit bounds memory only
      if (dates.size >= CACHE_LIMIT) dates.clear();
      date = formatDay(day);
      dates.set(day, date);
    }
    let suffix = offsets.get(offset);
    // Stryker disable next-line ConditionalExpression: a cache; writing a held offset again gives the same text
    if (suffix === undefined) {
      suffix = formatOffset(offset);
      offsets.set(offset, suffix);
    }
    return `${date}T${formatTimeOfDay(local - day * MS_PER_DAY)}${suffix}`;
  };
  return format;
}

/**
 * Compiles a time zone. Offsets are cached per quarter hour; a quarter hour whose two ends differ
 * holds a transition and is always computed exactly.
 */
export function createZone(name: string): Zone {
  const offsetAt = zoneOffsets(name);
  const localOf = (ms: number): number => ms + offsetAt(ms) * MS_PER_MINUTE;
  const dayOf = (ms: number): number => Math.floor(localOf(ms) / MS_PER_DAY);

  // The instants whose local wall time is `local` (ms of the local time line): none (a gap),
  // one, or two (a repeat; the same instant twice when the offsets a day before and after agree).
  const candidates = (local: number): number[] => {
    const found: number[] = [];
    for (const offset of [offsetAt(local - MS_PER_DAY), offsetAt(local + MS_PER_DAY)]) {
      const ms = local - offset * MS_PER_MINUTE;
      if (localOf(ms) === local) found.push(ms);
    }
    return found;
  };

  const wallTime = (day: number, msOfDay: number): number => {
    const local = day * MS_PER_DAY + msOfDay;
    const found = candidates(local);
    // Of two repeated times, the earlier.
    if (found.length > 0) return Math.min(...found);
    // In a gap: read with the offset in force before it, which moves the time forward by the
    // gap's length (02:30 in a one-hour gap becomes 03:30).
    return local - offsetAt(local - MS_PER_DAY) * MS_PER_MINUTE;
  };

  const startOfDay = (day: number): number => {
    const local = day * MS_PER_DAY;
    const found = candidates(local);
    if (found.length > 0) return Math.min(...found);
    // Midnight falls in a gap: the day starts at the gap's end, the first instant whose local
    // date is not earlier than `day` (a skipped date starts with the next date).
    let lo = local - offsetAt(local + MS_PER_DAY) * MS_PER_MINUTE;
    let hi = local - offsetAt(local - MS_PER_DAY) * MS_PER_MINUTE;
    if (lo > hi) [lo, hi] = [hi, lo];
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (dayOf(mid) >= day) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const format = zoneFormatter(offsetAt);
  return { name, offsetAt, dayOf, startOfDay, wallTime, format };
}

/**
 * The instant at which a count of `days` full days that started at `anchor` is over (T-3): with
 * `civil-code` the start day is not counted and the period ends at 24:00 of day N, i.e. at the
 * start of local day `day(anchor) + N + 1`; with `inclusive-start` the start day is day 1; with
 * `rolling` it is the same wall-clock time N local days later.
 */
export function countFullDays(zone: Zone, anchor: number, days: number, convention: DayCounting): number {
  const startDay = zone.dayOf(anchor);
  switch (convention) {
    case 'civil-code':
      return zone.startOfDay(startDay + days + 1);
    case 'inclusive-start':
      return zone.startOfDay(startDay + days);
    case 'rolling': {
      const msOfDay = zone.offsetAt(anchor) * MS_PER_MINUTE + anchor - startDay * MS_PER_DAY;
      return zone.wallTime(startDay + days, msOfDay);
    }
  }
}

/**
 * Whether the calendar days `from`…`to` (day numbers, inclusive) meet the window "within N days"
 * before the local day `day` (T-4): the days `day − N` to `day`, inclusive.
 */
export function overlapsWindow(from: number, to: number, day: number, windowDays: number): boolean {
  return from <= day && to >= day - windowDays;
}
