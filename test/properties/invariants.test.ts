import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AssessmentSchema, createEngine, lianyungang2020, safeEvaluate, transitions, type Assessment } from '../../src/index.js';
import { arbitraries, type Case } from '../../src/testing/arbitraries.js';
import { adverse } from '../support/adverse.js';
import { check } from '../support/seed.js';
import { DAY, engineOf, ev, iso, msOf, policies } from '../support/scenario.js';

/**
 * The invariants of the engine (issue 3, item 4), each its own property: determinism, independence
 * from the order of `history` (T-6) and from the host time zone (T-1), the colour order (I-1),
 * monotonicity in adverse events, corrections (I-13), exact `releaseAt` and `nextChangeAt`
 * (RULES §8), future events (T-5), JSON round trips, and `safeEvaluate` never throwing (RULES §9).
 */

const engine = engineOf(lianyungang2020);
const evaluate = (c: Case, now: string | Date = c.now): Assessment => engine.evaluate(c.declaration, c.history, now);
const RANK = { green: 0, yellow: 1, red: 2 } as const;
/** When the code is green: already (−∞), at a date, or not without an external event (+∞). */
const releaseKey = (a: Assessment): number =>
  a.colour === 'green' ? Number.NEGATIVE_INFINITY : a.releaseAt === null ? Number.POSITIVE_INFINITY : msOf(a.releaseAt);
/** The case with only the events applied at `now` or before: "no new events" (T-5). */
/**
 * The case with "no new events" after `now`: events dated after it are dropped, and so are the
 * corrections of dropped events (a correction may be dated before the event it voids; at `now` it
 * voids nothing, since the future event is not applied anyway, T-5, I-13).
 */
const present = (c: Case): Case => {
  let kept = c.history.filter((e) => msOf(e.at) <= msOf(c.now));
  for (;;) {
    const ids = new Set(kept.map((e) => e.id));
    const next = kept.filter((e) => e.kind !== 'correction' || ids.has(e.voids));
    if (next.length === kept.length) return { ...c, history: kept };
    kept = next;
  }
};
/**
 * The case without the future events that no correction applied at `now` names (the named ones stay,
 * so that the history stays valid; they are future, hence ignored, in both).
 */
const withoutUnnamedFuture = (c: Case): { case: Case; removed: Set<string> } => {
  const now = msOf(c.now);
  let keep = new Set(c.history.filter((e) => msOf(e.at) <= now).map((e) => e.id));
  for (;;) {
    const named = c.history.filter((e) => keep.has(e.id) && e.kind === 'correction').map((e) => (e as { voids: string }).voids);
    const next = new Set([...keep, ...named]);
    if (next.size === keep.size) break;
    keep = next;
  }
  const removed = new Set(c.history.filter((e) => !keep.has(e.id)).map((e) => e.id));
  return { case: { ...c, history: c.history.filter((e) => keep.has(e.id)) }, removed };
};
/** The colour of a case at another instant, with no new events. */
const colourAt = (c: Case, ms: number): string => evaluate(present(c), iso(ms)).colour;

const cases = arbitraries.case();

describe('invariants: determinism and independence', () => {
  const hostZone = process.env['TZ'];
  afterEach(() => {
    if (hostZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = hostZone;
  });

  it('determinism: the same case evaluates to the same result, twice and on a freshly created engine, under any generated policy', () => {
    check(
      fc.property(arbitraries.policy(), cases, (p, c) => {
        const first = engineOf(p).evaluate(c.declaration, c.history, c.now);
        expect(engineOf(p).evaluate(c.declaration, c.history, c.now)).toEqual(first);
        expect(createEngine(p).evaluate(c.declaration, c.history, c.now)).toEqual(first);
      }),
      'invariant',
    );
  });

  it('T-6: the input order of history never changes the result', () => {
    check(
      fc.property(
        cases.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c.history, { minLength: c.history.length, maxLength: c.history.length }))),
        ([c, shuffled]) => {
          expect(engine.evaluate(c.declaration, shuffled, c.now)).toEqual(evaluate(c));
        },
      ),
      'invariant',
    );
  });

  it('T-1: the host time zone never changes a result, with now as a string or a Date', () => {
    const zones = ['UTC', 'America/Sao_Paulo', 'Pacific/Apia', 'America/St_Johns', 'Asia/Kathmandu'];
    check(
      fc.property(cases, fc.constantFrom(...zones), (c, zone) => {
        delete process.env['TZ'];
        const reference = evaluate(c);
        process.env['TZ'] = zone;
        expect(evaluate(c)).toEqual(reference);
        expect(evaluate(c, new Date(msOf(c.now)))).toEqual(reference);
      }),
      'invariant',
    );
  });
});

describe('invariants: the colour', () => {
  it('I-1: red dominates yellow dominates green: the colour is the worst colour of the active conditions, green when none, and the permissions follow it', () => {
    check(
      fc.property(cases, (c) => {
        const a = evaluate(c);
        const worst = a.reasons.reduce<keyof typeof RANK>((w, r) => (RANK[r.colour] > RANK[w] ? r.colour : w), 'green');
        expect(a.colour).toBe(worst);
        for (const r of a.reasons) expect(r.colour).toBe(r.rule.startsWith('R') ? 'red' : 'yellow');
        const green = a.colour === 'green';
        expect(a.permissions).toEqual({ cityTravel: green, publicPlaces: green, publicTransport: green });
        if (green) expect(a.releaseAt).toBeNull();
      }),
      'invariant',
    );
  });

  it('monotonicity: adding an adverse event after every other event never makes the colour greener nor the release earlier', () => {
    check(
      fc.property(
        cases.chain((c) => {
          // After the submission and after every event of the history, so that no later event meets it.
          const latest = Math.max(msOf(c.declaration.submittedAt), ...c.history.map((e) => msOf(e.at))) + 1;
          return fc.tuple(fc.constant(c), adverse(Math.min(latest, msOf(c.now)), msOf(c.now)), fc.constant(latest <= msOf(c.now)));
        }),
        ([c, extra, after]) => {
          fc.pre(after);
          const without = evaluate(c);
          const withIt = engine.evaluate(c.declaration, [...c.history, extra], c.now);
          expect(RANK[withIt.colour]).toBeGreaterThanOrEqual(RANK[without.colour]);
          expect(releaseKey(withIt)).toBeGreaterThanOrEqual(releaseKey(without));
        },
      ),
      'invariant',
    );
  });

  it('I-13: adding an event and a correction of it restores the result without it, but for the T-void entry, the ignored and the applied lists', () => {
    check(
      fc.property(
        cases.chain((c) => fc.tuple(fc.constant(c), adverse(msOf(c.declaration.submittedAt) - 5 * DAY, msOf(c.now)), fc.integer({ min: 0, max: 3 * DAY }))),
        ([c, extra, delay]) => {
          const at = Math.min(msOf(c.now), Math.max(msOf(extra.at), msOf(c.declaration.submittedAt)) + delay);
          const correction = ev('correction', at, { voids: extra.id, authority: 'CDC', reason: 'entered in error' });
          const without = evaluate(c);
          const corrected = engine.evaluate(c.declaration, [...c.history, extra, correction], c.now);
          const { trail, ignored, applied, ...rest } = corrected;
          const { trail: trail0, ignored: ignored0, applied: applied0, ...rest0 } = without;
          expect(rest).toEqual(rest0);
          expect(trail.filter((e) => !(e.transition === 'T-void' && e.evidence[0] === correction.id))).toEqual(trail0);
          expect(ignored).toEqual(expect.arrayContaining([...ignored0, { id: extra.id, why: 'void' }]));
          expect(ignored).toHaveLength(ignored0.length + 1);
          expect(applied.filter((id) => id !== correction.id)).toEqual(applied0);
        },
      ),
      'invariant',
    );
  });
});

describe('invariants: projections', () => {
  it('RULES §8: releaseAt is exact: with no new events the code is not green a millisecond before it and green at it', () => {
    check(
      fc.property(cases, (c) => {
        const a = evaluate(c);
        fc.pre(a.releaseAt !== null);
        const release = msOf(a.releaseAt as string);
        expect(release).toBeGreaterThan(msOf(c.now));
        expect(colourAt(c, release - 1)).not.toBe('green');
        expect(colourAt(c, release)).toBe('green');
      }),
      'invariant',
    );
  });

  it('RULES §8: nextChangeAt is the first instant at which the colour differs: the same colour from now to a millisecond before, another at it; with none, the colour stays for a year', () => {
    check(
      fc.property(cases, fc.double({ min: 0, max: 1, noNaN: true }), (c, where) => {
        const a = evaluate(c);
        const now = msOf(c.now);
        if (a.nextChangeAt === null) {
          expect(colourAt(c, now + 365 * DAY)).toBe(a.colour);
          return;
        }
        const next = msOf(a.nextChangeAt);
        expect(next).toBeGreaterThan(now);
        expect(colourAt(c, now + Math.floor(where * (next - 1 - now)))).toBe(a.colour);
        expect(colourAt(c, next - 1)).toBe(a.colour);
        expect(colourAt(c, next)).not.toBe(a.colour);
      }),
      'invariant',
    );
  });

  it('T-5: events after now change nothing but the ignored list, where they are listed as future', () => {
    check(
      fc.property(cases, (c) => {
        const all = evaluate(c);
        const { case: trimmed, removed } = withoutUnnamedFuture(c);
        const past = evaluate(trimmed);
        const { ignored, ...rest } = all;
        const { ignored: ignored0, ...rest0 } = past;
        expect(rest).toEqual(rest0);
        for (const id of removed) expect(ignored).toContainEqual({ id, why: 'future' });
        // A duplicate of a future event is listed as a duplicate too (RULES §9); the rest is as without them.
        expect(ignored.filter((i) => !removed.has(i.id))).toEqual(ignored0);
      }),
      'invariant',
    );
  });
});

describe('invariants: the result as data', () => {
  const ids = new Set<string>(transitions.map((t) => t.id));

  it('RULES §8: the result round-trips through JSON unchanged, matches the Assessment schema, and every trail entry carries a catalogue id', () => {
    check(
      fc.property(policies(), cases, (p, c) => {
        const a = engineOf(p).evaluate(c.declaration, c.history, c.now);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
        expect(AssessmentSchema.safeParse(a).success).toBe(true);
        for (const e of a.trail) expect(ids.has(e.transition)).toBe(true);
      }),
      'invariant',
    );
  });

  it('RULES §9: safeEvaluate never throws, for any JSON value in any argument, alone or in place of one part of a valid case', () => {
    const json = fc.jsonValue();
    const part = fc.oneof(json, fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }));
    check(
      fc.property(cases, part, part, part, fc.nat({ max: 5 }), (c, x, y, z, which) => {
        const declaration = which === 0 ? x : which === 3 ? { ...c.declaration, ...(typeof x === 'object' && x !== null ? x : { id: x }) } : c.declaration;
        const history = which === 1 ? y : which === 4 ? [...c.history, y] : c.history;
        const now = which === 2 ? z : which === 5 ? x : c.now;
        let result: ReturnType<typeof safeEvaluate> | undefined;
        expect(() => {
          result = safeEvaluate(declaration, history, now);
        }).not.toThrow();
        expect(typeof result?.success).toBe('boolean');
      }),
      'fuzz',
    );
  });
});
