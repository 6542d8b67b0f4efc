/**
 * ISO-8601 parsing and printing of instants and calendar days (T-2), with no zone arithmetic:
 * an instant's offset is written in the string itself. Calendar days are handled as day numbers
 * (days since 1970-01-01), so that "day + N" is integer addition (T-3, T-4).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest instant `parseInstant` accepts: a nine-digit fraction and an offset. */
const MAX_INSTANT_LENGTH = 35;
let lastText: string | undefined;
let lastMs: number | undefined;
let previousText: string | undefined;
let previousMs: number | undefined;

/** Milliseconds in a day of 24 hours (of the UTC time line, never of a local day). */
export const MS_PER_DAY = 86_400_000;
/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The value of the digits `text[from]`…`text[from + count − 1]`, or −1 if one is not `0`–`9`. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The value of the two digits `text[at]`, `text[at + 1]`, or −1 if one is not `0`–`9` (or is past the end). */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  // Past the end, charCodeAt gives NaN, which fails both comparisons.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

// The day number of the first day of the month last scanned (instants of one history share months).
let monthKey = -1;
let monthStart = 0;

/** The scanner behind `parseInstant`, without its memory of the last two strings. */
function scanInstant(text: string): number | undefined {
  const length = text.length;
  if (length < 17) return undefined;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (
    century < 0 || yearOfCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 ||
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58
  )
    return undefined;
  const year = century * 100 + yearOfCentury;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(at) === 58) {
    second = twoDigits(text, at + 1);
    if (second < 0) return undefined;
    at += 3;
    if (text.charCodeAt(at) === 46) {
      let end = at + 1;
      while (end < length && end - at <= 9 && digits(text, end, 1) >= 0) end++;
      if (end === at + 1) return undefined;
      // Truncated to milliseconds digit by digit: .999999999 stays in its second.
      millis = Number(text.slice(at + 1, Math.min(end, at + 4)).padEnd(3, '0'));
      at = end;
    }
  }
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if ((zone === 43 || zone === 45) && at + 6 === length && text.charCodeAt(at + 3) === 58) {
    const oh = twoDigits(text, at + 1);
    const om = twoDigits(text, at + 4);
    if (oh < 0 || om < 0 || oh > 18 || om > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
  } else if (zone !== 90 || at + 1 !== length) return undefined;
  const key = year * 16 + month;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a miss only recomputes the day number
  if (key !== monthKey) {
    monthKey = key;
    monthStart = daysFromCivil(year, month, 1);
  }
  return (
    (monthStart + day - 1) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

/**
 * Milliseconds since the epoch of an ISO-8601 instant with an explicit offset (`Z` or `±HH:MM`),
 * or `undefined` when the string is not one (T-2). Seconds and a fraction are optional; a fraction
 * beyond milliseconds is truncated. Leap seconds, hour 24, invalid calendar days and offsets
 * beyond ±18:00 are rejected.
 *
 * Every case and every event carries instants, so this is read by a scanner over character codes
 * rather than a regular expression with captures; it accepts exactly
 * `YYYY-MM-DDTHH:mm(:ss(.f{1,9})?)?(Z|±HH:MM)`.
 */
export function parseInstant(text: string): number | undefined {
  // Every instant of a case is read twice: once by its schema (is it an instant?) and once by
  // validation (which instant?), right after. The last two strings read are remembered, so the
  // second reading costs one comparison. Only strings as short as an instant can be are kept.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a miss only re-reads the string
  if (text === lastText) return lastMs;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a miss only re-reads the string
  if (text === previousText) return previousMs;
  const ms = scanInstant(text);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: remembering less only re-reads strings
  if (text.length <= MAX_INSTANT_LENGTH) {
    previousText = lastText;
    previousMs = lastMs;
    lastText = text;
    lastMs = ms;
  }
  return ms;
}

/** The day number of an ISO-8601 calendar day `YYYY-MM-DD`, or `undefined` if it does not exist. */
export function parseDay(text: string): number | undefined {
  const m = DAY.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isCalendarDate(year, month, day) ? daysFromCivil(year, month, day) : undefined;
}

function pad(n: number, width = 2): string {
  if (width === 2 && n >= 0 && n < 100) return n < 10 ? `0${n}` : `${n}`;
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `HH:mm:ss` of a time of day in milliseconds, with `.sss` only when the milliseconds are not zero. */
export function formatTimeOfDay(msOfDay: number): string {
  let rest = msOfDay;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}`;
}

/** `±HH:MM` of an offset in minutes east of UTC. */
export function formatOffset(offsetMinutes: number): string {
  const abs = Math.abs(Math.round(offsetMinutes));
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * An instant written with a given offset: `YYYY-MM-DDTHH:mm:ss±HH:MM`, with `.sss` only when the
 * milliseconds are not zero.
 */
export function formatInstant(ms: number, offsetMinutes: number): string {
  // The offset is written to the minute: the time of day is written in that same rounded offset.
  const offset = Math.round(offsetMinutes);
  const local = ms + offset * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  return `${formatDay(days)}T${formatTimeOfDay(local - days * MS_PER_DAY)}${formatOffset(offset)}`;
}
