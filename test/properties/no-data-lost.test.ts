import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Assessment, type Event } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { arbitraries } from '../../src/testing/index.js';
import { check } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §9 "never a silently dropped event": every event of the input is accounted for exactly
 * once, by its position. The first event with an id is either applied (`applied`, in T-6 order)
 * or ignored as `future` (T-5) or `void` (I-13); every later identical copy is ignored as
 * `duplicate`. Nothing else appears in either list, and the trail and the reasons cite only the
 * declaration and events that were applied (or voided by an applied correction).
 */

interface Args {
  readonly declaration: unknown;
  readonly history: readonly Event[];
  readonly now: string;
}

const ms = (at: string): number => Date.parse(at);

/** T-6 rank of a kind among events at one instant. */
function rank(kind: string): number {
  if (kind === 'correction') return 0;
  if (kind === 'temperature' || kind === 'symptoms' || kind === 'daily-report') return 2;
  if (kind === 'review-approved' || kind === 'review-rejected') return 3;
  return 1;
}

/** An identical copy of an event with its keys in another order. */
function reordered(event: Event): Event {
  return Object.fromEntries(Object.entries(event).reverse()) as Event;
}

/** Valid cases made harder: extra identical copies, events after `now`, events exactly at `now`. */
const hardCase: fc.Arbitrary<Args> = arbitraries.case({ maxLength: 10 }).chain((c) => {
  const history = c.history;
  const copies = history.length === 0 ? fc.constant([]) : fc.array(fc.nat({ max: history.length - 1 }), { maxLength: 4 });
  const late = fc.array(
    fc.record({
      kind: fc.constantFrom('temperature', 'recovered', 'diagnosis'),
      later: fc.integer({ min: 0, max: 5 * 86_400_000 }),
    }),
    { maxLength: 3 },
  );
  return fc.tuple(copies, late, fc.boolean()).map(([picks, extra, shuffle]) => {
    const nowMs = ms(c.now);
    const added: Event[] = extra.map(({ kind, later }, i) => {
      const at = new Date(nowMs + later).toISOString();
      const id = `late-${i}`;
      if (kind === 'temperature') return { id, at, kind, celsius: 38.1 } as Event;
      if (kind === 'diagnosis') return { id, at, kind, status: 'confirmed' } as Event;
      return { id, at, kind: 'recovered' } as Event;
    });
    const all = [...history, ...picks.map((i) => reordered(history[i] as Event)), ...added];
    return { declaration: c.declaration, history: shuffle ? [...all].reverse() : all, now: c.now };
  });
});

/** The ids each input position must account for, and how (RULES §9, T-5, I-13). */
function accountFor(args: Args, result: Assessment): void {
  const { history } = args;
  const nowMs = ms(args.now);
  const firstIndex = new Map<string, number>();
  history.forEach((e, i) => {
    if (!firstIndex.has(e.id)) firstIndex.set(e.id, i);
  });

  // Every position is in exactly one of the two lists: the sizes add up.
  expect(result.applied.length + result.ignored.length).toBe(history.length);
  expect(new Set(result.applied).size).toBe(result.applied.length);

  const ignoredCount = (id: string, why: string): number => result.ignored.filter((x) => x.id === id && x.why === why).length;
  for (const [id, first] of firstIndex) {
    const copies = history.filter((e) => e.id === id).length;
    expect(ignoredCount(id, 'duplicate'), `duplicates of ${id}`).toBe(copies - 1);
    const event = history[first] as Event;
    const applied = result.applied.filter((x) => x === id).length;
    const future = ignoredCount(id, 'future');
    const voided = ignoredCount(id, 'void');
    expect(applied + future + voided, `the first ${id} is applied or ignored once`).toBe(1);
    // T-5: an event is future exactly when it is after now.
    expect(future === 1, `${id} at ${event.at}, now ${args.now}`).toBe(ms(event.at) > nowMs);
    if (voided === 1) expect(history.some((e) => e.kind === 'correction' && e.voids === id)).toBe(true);
  }
  for (const x of [...result.applied, ...result.ignored.map((i) => i.id)]) expect(firstIndex.has(x)).toBe(true);

  // T-6: applied in order of instant, then rank, then id.
  const byId = new Map(history.map((e) => [e.id, e]));
  const key = (id: string): [number, number, string] => {
    const e = byId.get(id) as Event;
    return [ms(e.at), rank(e.kind), id];
  };
  for (let i = 1; i < result.applied.length; i++) {
    const [am, ar, aid] = key(result.applied[i - 1] as string);
    const [bm, br, bid] = key(result.applied[i] as string);
    expect(am < bm || (am === bm && (ar < br || (ar === br && aid < bid))), `${aid} before ${bid}`).toBe(true);
  }

  // The trail and the reasons cite the declaration, applied events and targets of applied corrections.
  const applied = new Set(result.applied);
  const voidedByApplied = new Set(
    history.filter((e) => e.kind === 'correction' && applied.has(e.id)).map((e) => (e as { voids: string }).voids),
  );
  const citable = (id: string): boolean => id === 'declaration' || applied.has(id) || voidedByApplied.has(id);
  for (const entry of result.trail) for (const id of entry.evidence) expect(citable(id), `trail cites ${id}`).toBe(true);
  for (const reason of result.reasons) for (const id of reason.evidence) expect(applied.has(id) || id === 'declaration', `reason cites ${id}`).toBe(true);
}

describe('RULES §9: no event is lost', () => {
  it('RULES §9, T-5, T-6, I-13: every input event is applied once or ignored once with its reason; copies are duplicates', () => {
    check(
      fc.property(hardCase, (args) => {
        accountFor(args, evaluate(args.declaration, args.history, args.now));
      }),
      'invariant',
    );
  });

  it('RULES §9: a normal reading and a negative test change nothing, yet are listed as applied', () => {
    const declaration = minimalDeclaration();
    const history: Event[] = [
      { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' },
      { id: 't1', at: '2020-02-02T08:00:00+08:00', kind: 'temperature', celsius: 36.4 },
      { id: 'n1', at: '2020-02-03T08:00:00+08:00', kind: 'test-result', result: 'negative' },
    ];
    const now = '2020-02-05T12:00:00+08:00';
    const result = evaluate(declaration, history, now);
    expect(result.applied).toEqual(['rv', 't1', 'n1']);
    expect(result.ignored).toEqual([]);
    expect(result.trail.flatMap((e) => e.evidence)).not.toContain('t1');
    accountFor({ declaration, history, now }, result);
  });

  it('RULES §9, T-5, I-13: a copy, a future event and a voided event are each listed once with their reason', () => {
    const declaration = minimalDeclaration();
    const history: Event[] = [
      { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' },
      { id: 'd1', at: '2020-02-02T08:00:00+08:00', kind: 'diagnosis', status: 'confirmed' },
      { id: 'c1', at: '2020-02-02T09:00:00+08:00', kind: 'correction', voids: 'd1', authority: 'CDC', reason: 'entered in error' },
      { id: 't1', at: '2020-02-03T08:00:00+08:00', kind: 'temperature', celsius: 36.4 },
      { at: '2020-02-03T08:00:00+08:00', kind: 'temperature', celsius: 36.4, id: 't1' },
      { id: 'f1', at: '2020-02-09T08:00:00+08:00', kind: 'recovered' },
    ];
    const now = '2020-02-05T12:00:00+08:00';
    const result = evaluate(declaration, history, now);
    expect(result.applied).toEqual(['rv', 'c1', 't1']);
    expect([...result.ignored].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'd1', why: 'void' },
      { id: 'f1', why: 'future' },
      { id: 't1', why: 'duplicate' },
    ]);
    accountFor({ declaration, history, now }, result);
  });
});
