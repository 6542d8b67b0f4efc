import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lianyungang2020, type ValidPolicy } from '../../src/index.js';
import { check } from '../support/seed.js';
import { DAY, HOUR, engineOf, msOf } from '../support/scenario.js';

/**
 * T-3 in zones whose offset changes (daylight saving, skipped dates): the release instant of a
 * count, computed here from the rule book's words with `Intl.DateTimeFormat` (not the engine's
 * zone code): civil-code ends at the start of local day D + N + 1, inclusive-start at D + N, the
 * start of a day being the first instant whose local date is that day (a skipped date starts with
 * the next date); rolling keeps the wall-clock time, moved forward past a gap by the gap's length,
 * the earlier of two repeated times.
 */

const ZONES = ['America/New_York', 'America/Sao_Paulo', 'Europe/London', 'Pacific/Apia', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Shanghai'] as const;
const MINUTE = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
/** The local wall time of an instant in a zone, as milliseconds of a UTC calendar (day * DAY + time). */
function wall(zone: string, ms: number): number {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const whole = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  return whole + (((ms % 1000) + 1000) % 1000);
}
const localDay = (zone: string, ms: number): number => Math.floor(wall(zone, ms) / DAY);

/** The first instant whose local date is `day` (or later, for a skipped date). */
function startOfDay(zone: string, day: number): number {
  let lo = day * DAY - 16 * HOUR;
  let hi = day * DAY + 16 * HOUR;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(zone, mid) >= day) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The instant of a local wall time: the earlier of two, or moved forward past a gap by its length. */
function wallTime(zone: string, local: number): number {
  const offsets = [...new Set([-1, 1].map((k) => wall(zone, local + k * DAY) - (local + k * DAY)))];
  const found = offsets.map((o) => local - o).filter((ms) => wall(zone, ms) === local).sort((a, b) => a - b);
  if (found[0] !== undefined) return found[0];
  const before = wall(zone, local - DAY) - (local - DAY);
  return local - before;
}

function expectedRelease(zone: string, anchor: number, days: number, convention: ValidPolicy['dayCounting']): number {
  const d = localDay(zone, anchor);
  if (convention === 'civil-code') return startOfDay(zone, d + days + 1);
  if (convention === 'inclusive-start') return startOfDay(zone, d + days);
  return wallTime(zone, (d + days) * DAY + (wall(zone, anchor) - d * DAY));
}

/** Instants within a day of an offset change of the zone (found by scanning), or of a local midnight. */
const transitionsOf = (zone: string): number[] => {
  const out: number[] = [];
  for (const year of [2011, 2018, 2020]) {
    const start = Date.UTC(year, 0, 1);
    let previous = wall(zone, start) - start;
    for (let ms = start; ms < Date.UTC(year + 1, 0, 1); ms += HOUR) {
      const offset = wall(zone, ms) - ms;
      if (offset !== previous) out.push(ms);
      previous = offset;
    }
  }
  return out.length > 0 ? out : [Date.UTC(2020, 5, 1)];
};
const known = new Map<string, number[]>(ZONES.map((z) => [z, transitionsOf(z)]));

describe('T-3 in zones with daylight saving and skipped dates', () => {
  it('T-3: a count that starts near or N days before an offset change ends where the rule book says, under each convention', () => {
    check(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom<ValidPolicy['dayCounting']>('civil-code', 'inclusive-start', 'rolling'),
        fc.integer({ min: 1, max: 21 }),
        fc.nat(),
        fc.oneof(fc.integer({ min: -2 * DAY, max: 2 * DAY }), fc.integer({ min: -2 * HOUR, max: 2 * HOUR })),
        fc.boolean(),
        (zone, convention, days, pick, delta, before) => {
          const list = known.get(zone) as number[];
          const change = list[pick % list.length] as number;
          // Either the count starts at the change, or it ends there (starts N days earlier).
          const anchor = Math.floor((change + delta - (before ? days * DAY : 0)) / MINUTE) * MINUTE + (pick % 3 === 0 ? 0 : pick % 1000);
          const policy: ValidPolicy = { ...lianyungang2020, timeZone: zone, dayCounting: convention, observationDays: days };
          const at = new Date(anchor).toISOString();
          const a = engineOf(policy).evaluate({ id: 'a', subjectId: 's', submittedAt: at, category: 'resident', channel: 'self', attestation: true, symptoms: ['fatigue'] }, [], at);
          const release = expectedRelease(zone, anchor, days, convention);
          const y1 = a.reasons.find((r) => r.rule === 'Y1');
          if (release <= anchor) expect(y1).toBeUndefined();
          else expect(msOf(y1?.releaseAt ?? '')).toBe(release);
        },
      ),
    );
  });
});
