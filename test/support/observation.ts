import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { Declaration, Event, ValidPolicy } from '../../src/index.js';
import { check } from './seed.js';
import { DAY, KINDS, dayOf, dayText, ev, has, instant, msOf, policies, reason, releaseOf, rules, run, type Kind } from './scenario.js';

/**
 * The shared shape of the observation rules (R2, R3, Y1, Y2, GY: RULES §3, I-7, T-3): a start,
 * a count of full days from it, resets by listed symptoms, and a release at the count's end.
 */

export type Observed = 'R2' | 'R3' | 'Y1' | 'Y2' | 'GY';

export const releaseMs = (text: string | null | undefined): number | null => (text === null || text === undefined ? null : msOf(text));
/** The fever threshold in tenths of a degree. */
export const tenths = (p: ValidPolicy): number => Math.round(p.feverThresholdCelsius * 10);
/** The kinds on a list, and the kinds off it. */
export const on = (list: readonly string[]): Kind[] => KINDS.filter((k) => list.includes(k));
export const off = (list: readonly string[]): Kind[] => KINDS.filter((k) => !list.includes(k));

/** A submission, then an instant at least 1 ms after it. */
export const submittedThen = fc.tuple(instant(), fc.integer({ min: 1, max: 20 * DAY })).map(([s, d]) => ({ s, t: s + d }));

/** The event that starts R2, R3 or Y2 at `t` (for R3, I-5: a visit or contact on the first day of the look-back window). */
export function trigger(rule: 'R2' | 'R3' | 'Y2', t: number, p: ValidPolicy, variant: number): Event {
  if (rule === 'R2') return ev('close-contact', t, { of: 'case' });
  if (rule === 'Y2') return ev('close-contact', t, { of: 'fever-clinic-observee' });
  const edge = dayOf(t) - p.lookbackDays;
  return variant % 2 === 0
    ? ev('key-area-visit', t, { area: '420100', from: dayText(edge - (variant % 5)), to: dayText(edge) })
    : ev('key-area-contact', t, { on: dayText(edge), area: '420100' });
}

/** A case that starts an observation of `rule` at `start`, with nothing else in it. */
export interface Started {
  readonly policy: ValidPolicy;
  readonly submitted: number;
  readonly start: number;
  readonly history: Event[];
  readonly facts: Partial<Declaration>;
}

/** Cases that start an observation of `rule`: by an event after the submission, or (Y1) by the declaration, or (GY) by a second occurrence. */
export function started(rule: Observed): fc.Arbitrary<Started> {
  return fc.tuple(policies(), submittedThen, fc.nat(), fc.constantFrom(...KINDS)).map(([p, { s, t }, variant, kind]) => {
    if (rule === 'Y1') return { policy: p, submitted: s, start: s, history: [], facts: { symptoms: [kind] } };
    if (rule === 'GY') {
      // I-8: two occurrences of one kind at two instants of one day, the second at t, or at t + 1
      // when t is a day's first millisecond (occurrences = 2 for this case).
      const twice = p.greenToYellow.symptoms[variant % p.greenToYellow.symptoms.length] as Kind;
      const policy = { ...p, greenToYellow: { ...p.greenToYellow, occurrences: 2 } };
      const first = dayOf(t - 1) === dayOf(t) ? t - 1 : t;
      const second = first === t ? t + 1 : t;
      return {
        policy,
        submitted: s,
        start: second,
        history: [ev('symptoms', first, { symptoms: [twice], source: 'self' }), ev('daily-report', second, { symptoms: [twice] })],
        facts: {},
      };
    }
    return { policy: p, submitted: s, start: t, history: [trigger(rule, t, p, variant)], facts: {} };
  });
}

/** The reset property of RULES §5 `T-<rule>-reset`, both ways. */
export function resetProperty(rule: Observed): void {
  check(
    fc.property(started(rule), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (c, pick, where) => {
      const p = c.policy;
      const list = p.resetSymptoms[rule];
      const release = releaseOf(c.start, p);
      // An observation with an instant strictly inside it: not one of a single day counted
      // inclusive of a start at the last millisecond of that day, which is released 1 ms later.
      fc.pre(release - c.start >= 2);
      // During the observation: start < u < release (a symptom at the start instant itself may be ordered before the trigger, T-6).
      const u = c.start + 1 + Math.floor(where * (release - 2 - c.start));
      const go = (extra: Event, now = u) => run([...c.history, extra], c.submitted, now, p, c.facts);
      if (on(list).length > 0) {
        const kind = on(list)[pick % on(list).length] as Kind;
        const reset = go(ev('symptoms', u, { symptoms: [kind], source: 'self' }));
        expect(has(reset, `T-${rule}-reset`, u)).toBe(true);
        expect(releaseMs(reason(reset, rule)?.releaseAt)).toBe(releaseOf(u, p));
        // Not once the observation is over: at the release instant it has ended first (T-6).
        const late = go(ev('symptoms', release, { symptoms: [kind], source: 'self' }), release);
        expect(has(late, `T-${rule}-reset`)).toBe(false);
        expect(rules(late)).not.toContain(rule);
      }
      // Not by a kind off the list.
      const others = off(list);
      if (others.length > 0) {
        const kept = go(ev('symptoms', u, { symptoms: [others[pick % others.length] as Kind], source: 'clinic' }));
        expect(has(kept, `T-${rule}-reset`)).toBe(false);
        expect(releaseMs(reason(kept, rule)?.releaseAt)).toBe(release);
      }
      // A reading is a fever at the threshold, not 0.1 °C below it (I-8).
      const hot = go(ev('temperature', u, { celsius: tenths(p) / 10 }));
      expect(has(hot, `T-${rule}-reset`, u)).toBe(list.includes('fever'));
      const cool = go(ev('temperature', u, { celsius: (tenths(p) - 1) / 10 }));
      expect(has(cool, `T-${rule}-reset`)).toBe(false);
    }),
  );
}

/** The release property of RULES §5 `T-<rule>-off`: gone at the release instant, there a millisecond before. */
export function offProperty(rule: Observed): void {
  check(
    fc.property(started(rule), (c) => {
      const p = c.policy;
      const release = releaseOf(c.start, p);
      const after = run(c.history, c.submitted, release, p, c.facts);
      expect(rules(after)).not.toContain(rule);
      expect(has(after, `T-${rule}-off`, release)).toBe(true);
      const before = run(c.history, c.submitted, release - 1, p, c.facts);
      expect(rules(before)).toContain(rule);
      expect(has(before, `T-${rule}-off`)).toBe(false);
      expect(releaseMs(reason(before, rule)?.releaseAt)).toBe(release);
    }),
  );
}
