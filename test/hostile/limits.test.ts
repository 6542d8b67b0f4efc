import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, lianyungang2020, safeCheck, safeEvaluate, type InputIssue, type SafeResult } from '../../src/index.js';
import { createEngine, evaluate } from '../support/untyped.js';
import { arbitraries } from '../../src/testing/index.js';
import { check as property } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';
import { expectInputFailure, locations, replaceAt } from './support.js';

/**
 * RULES §9, "a limit on everything" (issue 16): every array, object (keys, key length) and string
 * of every argument is bounded by `policy.limits`, checked before the work it bounds: an oversize
 * value is one `too_large` issue at its path, at once, whatever its size. Sparse arrays are refused
 * at their first hole. T-2: instants and days outside 1970–2199 in the policy zone are `out_of_range`.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const context = { venue: 'public-place', direction: 'in', celsius: 36.5, at: NOW };

const LIMITS = { maxEvents: 100, maxStringLength: 64, maxArrayLength: 8, maxKeys: 32, maxKeyLength: 64, maxDepth: 8, maxValues: 100_000, maxMessageLength: 5000 };
const small = createEngine({ ...lianyungang2020, limits: LIMITS });

/** Milliseconds of the fastest of three calls. */
function fastest(fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const tooLargeAt = (result: SafeResult<unknown>, args: readonly string[]): string[] =>
  expectInputFailure(result, args)
    .filter((i: InputIssue) => i.code === 'too_large')
    .map((i) => formatPath(i.path));

/** A valid small case, its arguments and the paths of its objects, arrays and strings. */
const smallCase = arbitraries.case({ maxLength: 4 }).map((c) => {
  const args = { declaration: c.declaration, history: c.history, now: c.now };
  const spots = locations(args).filter((p) => p.length > 1);
  return { args, spots };
});

/** Kinds of oversize value, each with the path of its issue relative to where it is put. */
type Oversize = { make: (limit: typeof LIMITS) => unknown; at: (string | number)[]; atLimit: (limit: typeof LIMITS) => unknown };
const OVERSIZE: Record<string, Oversize> = {
  array: { make: (l) => Array.from({ length: l.maxArrayLength + 1 }, () => 'x'), at: [], atLimit: (l) => Array.from({ length: l.maxArrayLength }, () => 'x') },
  keys: {
    make: (l) => Object.fromEntries(Array.from({ length: l.maxKeys + 1 }, (_, i) => [`k${i}`, 1])),
    at: [],
    atLimit: (l) => Object.fromEntries(Array.from({ length: l.maxKeys }, (_, i) => [`k${i}`, 1])),
  },
  keyLength: { make: (l) => ({ ['k'.repeat(l.maxKeyLength + 1)]: 1 }), at: [], atLimit: (l) => ({ ['k'.repeat(l.maxKeyLength)]: 1 }) },
  string: { make: (l) => 's'.repeat(l.maxStringLength + 1), at: [], atLimit: (l) => 's'.repeat(l.maxStringLength) },
};

describe('RULES §9: every array, object, key and string of an input is bounded by policy.limits', () => {
  it('RULES §9: an array, an object, a key or a string one over its limit anywhere in a valid case is too_large at its path; at the limit it is not', () => {
    property(
      fc.property(smallCase, fc.nat(), fc.constantFrom(...Object.keys(OVERSIZE)), ({ args, spots }, pick, kind) => {
        const path = spots[pick % spots.length] as (string | number)[];
        const oversize = OVERSIZE[kind] as Oversize;
        const over = replaceAt(args, path, oversize.make(LIMITS)) as typeof args;
        const found = tooLargeAt(small.safeEvaluate(over.declaration, over.history, over.now), ['declaration', 'history', 'now']);
        expect(found).toContain(formatPath([...path, ...oversize.at]));
        // At the limit: no too_large issue there (the value may be invalid for the schema).
        const at = replaceAt(args, path, oversize.atLimit(LIMITS)) as typeof args;
        const result = small.safeEvaluate(at.declaration, at.history, at.now);
        if (!result.success) expect(result.error.issues.filter((i) => i.code === 'too_large')).toEqual([]);
      }),
      'invariant',
    );
  });

  it('RULES §9: nesting one level deeper than maxDepth is too_large where it goes too deep; maxDepth levels are read', () => {
    const nest = (levels: number): unknown => {
      let value: unknown = 'x';
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    // history[1] is level 1 below the history; its own nesting adds the rest.
    const atLimit = small.safeEvaluate(minimalDeclaration(), [approved, nest(LIMITS.maxDepth - 1)], NOW);
    expect(expectInputFailure(atLimit, ['history']).filter((i) => i.code === 'too_large')).toEqual([]);
    const over = small.safeEvaluate(minimalDeclaration(), [approved, nest(LIMITS.maxDepth)], NOW);
    expect(expectInputFailure(over, ['history'])).toEqual([
      expect.objectContaining({ path: ['history', 1, ...Array<number>(LIMITS.maxDepth - 1).fill(0)], code: 'too_large' }),
    ]);
  });

  it('RULES §9: more values in one argument than maxValues is one too_large issue, and nothing of that argument is read further', () => {
    const history = [approved, ...Array.from({ length: 80 }, (_, i) => ({ id: `t${i}`, at: NOW, kind: 'daily-report', symptoms: Array<string>(8).fill('fever') }))];
    const withBudget = (maxValues: number) => createEngine({ ...lianyungang2020, limits: { ...LIMITS, maxValues } });
    const issues = expectInputFailure(withBudget(1000).safeEvaluate(minimalDeclaration(), history, NOW), ['history']);
    expect(issues).toEqual([{ path: ['history', 77, 'symptoms', 2], code: 'too_large', message: "more than the policy's limit of 1000 values in one argument" }]);
    // The history holds 1 + 4 + 80 × (4 + 1 + 8) = 1045 values: a budget of 1045 reads it, 1044 does not.
    expect(withBudget(1045).safeEvaluate(minimalDeclaration(), history, NOW).success).toBe(true);
    expect(expectInputFailure(withBudget(1044).safeEvaluate(minimalDeclaration(), history, NOW), ['history'])).toHaveLength(1);
  });

  it('RULES §6, §9: the assessment and the context given to check are bounded too; an assessment message may be as long as maxMessageLength', () => {
    const assessment = small.evaluate(minimalDeclaration(), [approved], NOW);
    const spots = locations({ assessment, context }).filter((p) => p.length > 1);
    property(
      fc.property(fc.constantFrom(...spots), fc.constantFrom(...Object.keys(OVERSIZE)), (path, kind) => {
        const oversize = OVERSIZE[kind] as Oversize;
        const inMessage = path.includes('message');
        // A string in a message is bounded by maxMessageLength instead.
        const value = kind === 'string' && inMessage ? 'm'.repeat(LIMITS.maxMessageLength + 1) : oversize.make(LIMITS);
        const changed = replaceAt({ assessment, context }, path, value) as { assessment: unknown; context: unknown };
        expect(tooLargeAt(small.safeCheck(changed.assessment, changed.context), ['assessment', 'context'])).toContain(formatPath(path));
        if (kind === 'string' && inMessage) {
          const long = replaceAt({ assessment, context }, path, 'm'.repeat(LIMITS.maxStringLength + 1)) as typeof changed;
          expect(small.safeCheck(long.assessment, long.context).success).toBe(true);
        }
      }),
      'invariant',
    );
  });

  it('RULES §9: a policy with an array, object, key or string over the default limits is refused with too_large at its path', () => {
    const cases: [(string | number)[], unknown][] = [
      [['keyAreas'], new Array(1_000_001)],
      [['id'], 'p'.repeat(1001)],
      [['greenToYellow'], { occurrences: 2, windowDays: 14, symptoms: ['fever'], ['k'.repeat(1001)]: 1 }],
    ];
    for (const [path, value] of cases) {
      let caught: unknown;
      try {
        createEngine(replaceAt(structuredClone(lianyungang2020), path, value));
      } catch (error) {
        caught = error;
      }
      expect((caught as { issues: InputIssue[] }).issues).toContainEqual(expect.objectContaining({ path: ['policy', ...path], code: 'too_large' }));
    }
  });
});

describe('RULES §9: an oversize input is refused at once, whatever its size', () => {
  const SPOTS: [string, (v: unknown) => [unknown, unknown, unknown], string][] = [
    ['declaration.symptoms', (v) => [{ ...minimalDeclaration(), symptoms: v }, [], NOW], 'declaration.symptoms'],
    ['declaration.keyAreaVisits', (v) => [{ ...minimalDeclaration(), keyAreaVisits: v }, [], NOW], 'declaration.keyAreaVisits'],
    ['history', (v) => [minimalDeclaration(), v, NOW], 'history'],
    ['history[1].symptoms', (v) => [minimalDeclaration(), [approved, { id: 'd', at: NOW, kind: 'daily-report', symptoms: v }], NOW], 'history[1].symptoms'],
  ];

  it('RULES §9: an array of any length over the limit (up to 2^32 - 1, sparse) is one too_large issue at its path within 10 ms', () => {
    property(
      fc.property(fc.constantFrom(...SPOTS), fc.integer({ min: 1_000_001, max: 2 ** 32 - 1 }), ([, place, where], length) => {
        const [declaration, history, now] = place(new Array(length));
        let result: SafeResult<unknown> | undefined;
        const ms = fastest(() => (result = safeEvaluate(declaration, history, now)));
        expect(expectInputFailure(result as SafeResult<unknown>, ['declaration', 'history', 'now']).map((i) => [formatPath(i.path), i.code])).toEqual([[where, 'too_large']]);
        expect(ms).toBeLessThan(10);
      }),
      'invariant',
    );
  });

  it('RULES §9: strings and keys of 10^7 characters, anywhere, are too_large within 10 ms with a message of bounded length', () => {
    const huge = 'x'.repeat(10_000_000);
    const cases: [unknown, unknown, unknown, string][] = [
      [{ ...minimalDeclaration(), [huge]: 1 }, [], NOW, 'declaration'],
      [minimalDeclaration(), [{ ...approved, [huge]: 1 }], NOW, 'history[0]'],
      [minimalDeclaration(), [{ ...approved, credential: huge }], NOW, 'history[0].credential'],
      [minimalDeclaration(), [], huge, 'now'],
    ];
    for (const [declaration, history, now, where] of cases) {
      let result: SafeResult<unknown> | undefined;
      const ms = fastest(() => (result = safeEvaluate(declaration, history, now)));
      const issues = expectInputFailure(result as SafeResult<unknown>, ['declaration', 'history', 'now']);
      expect(issues).toContainEqual(expect.objectContaining({ code: 'too_large' }));
      expect(issues.map((i) => formatPath(i.path))).toContain(where);
      expect(ms).toBeLessThan(10);
      if (!(result as SafeResult<unknown>).success) expect((result as { error: Error }).error.message.length).toBeLessThan(2000);
    }
    // The assessment and the context of a check alike.
    const assessment = evaluate(minimalDeclaration(), [approved], NOW);
    for (const [a, c] of [
      [{ ...assessment, applied: new Array(2 ** 32 - 1) }, context],
      [assessment, { ...context, recordId: huge }],
      [{ ...assessment, missedDailyReports: new Array(10_000_000) }, context],
    ] as const) {
      let result: SafeResult<unknown> | undefined;
      const ms = fastest(() => (result = safeCheck(a, c)));
      expect(expectInputFailure(result as SafeResult<unknown>, ['assessment', 'context'])).toContainEqual(expect.objectContaining({ code: 'too_large' }));
      expect(ms).toBeLessThan(10);
    }
  });
});

describe('RULES §9: an object with too many keys', () => {
  it('RULES §9: an object of 10^5 keys anywhere is one too_large issue at its path, in less time than JSON.parse takes to read it (its keys are counted, not copied)', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) many[`k${i}`] = i;
    const text = JSON.stringify(many);
    const parse = fastest(() => JSON.parse(text));
    for (const [declaration, history, where] of [
      [many, [], 'declaration'],
      [minimalDeclaration(), [approved, many], 'history[1]'],
      [{ ...minimalDeclaration(), proxy: many }, [], 'declaration.proxy'],
    ] as const) {
      let result: SafeResult<unknown> | undefined;
      const ms = fastest(() => (result = safeEvaluate(declaration, history, NOW)));
      expect(expectInputFailure(result as SafeResult<unknown>, ['declaration', 'history']).map((i) => [formatPath(i.path), i.code, i.message])).toEqual([
        [where, 'too_large', "more than 1000 keys; the policy's limit is 1000"],
      ]);
      expect(ms).toBeLessThan(Math.max(parse, 10));
    }
  });
});

describe('RULES §9: sparse arrays are refused at their first hole', () => {
  it('RULES §9: a history, a list of the declaration or of an event with holes is invalid_type at the first hole, nothing silently skipped', () => {
    property(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.uniqueArray(fc.nat({ max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('history', 'symptoms', 'event'),
        (length, holes, where) => {
          const list: unknown[] =
            where === 'history'
              ? Array.from({ length }, (_, i) => ({ id: `t${i}`, at: NOW, kind: 'temperature', celsius: 36.5 }))
              : Array.from({ length }, () => 'fever');
          const inRange = holes.filter((h) => h < length);
          fc.pre(inRange.length > 0);
          for (const h of inRange) delete list[h];
          const first = Math.min(...inRange);
          const [declaration, history, path] =
            where === 'history'
              ? [minimalDeclaration(), list, ['history', first]]
              : where === 'symptoms'
                ? [{ ...minimalDeclaration(), symptoms: list }, [], ['declaration', 'symptoms', first]]
                : [minimalDeclaration(), [{ id: 'd', at: NOW, kind: 'daily-report', symptoms: list }], ['history', 0, 'symptoms', first]];
          const issues = expectInputFailure(safeEvaluate(declaration, history, NOW), ['declaration', 'history']);
          expect(issues).toEqual([{ path, code: 'invalid_type', message: 'a hole in a sparse array: no element at this index' }]);
        },
      ),
      'invariant',
    );
  });
});

describe('T-2: instants and days in the years 1970–2199 in the policy zone', () => {
  const DAY = 86_400_000;
  // In Asia/Shanghai (+08:00 then): 1970-01-01T00:00+08:00 and the last millisecond of 2199.
  const FIRST = Date.parse('1970-01-01T00:00:00+08:00');
  const LAST = Date.parse('2200-01-01T00:00:00+08:00') - 1;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const outside = fc.oneof(fc.integer({ min: FIRST - 400 * 365 * DAY, max: FIRST - 1 }), fc.integer({ min: LAST + 1, max: LAST + 400 * 365 * DAY }));
  const inside = fc.oneof(fc.constant(FIRST), fc.constant(LAST), fc.integer({ min: FIRST, max: LAST }));
  const day = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

  /** [where, the case with the instant or day `t` at that place, the path of its issue]. */
  const PLACES: [string, (t: number) => { declaration: unknown; history: unknown; now: unknown }, (string | number)[]][] = [
    ['submittedAt', (t) => ({ declaration: minimalDeclaration({ submittedAt: iso(t) }), history: [], now: iso(LAST) }), ['declaration', 'submittedAt']],
    ['isolationStartedAt', (t) => ({ declaration: minimalDeclaration({ submittedAt: iso(LAST), isolationStartedAt: iso(t) }), history: [], now: iso(LAST) }), ['declaration', 'isolationStartedAt']],
    ['keyAreaVisits.from', (t) => ({ declaration: minimalDeclaration({ keyAreaVisits: [{ area: '1', from: day(t), to: day(Math.max(t, LAST)) }] }), history: [], now: NOW }), ['declaration', 'keyAreaVisits', 0, 'from']],
    ['keyAreaContacts.on', (t) => ({ declaration: minimalDeclaration({ keyAreaContacts: [{ on: day(t) }] }), history: [], now: NOW }), ['declaration', 'keyAreaContacts', 0, 'on']],
    ['history.at', (t) => ({ declaration: minimalDeclaration({ submittedAt: iso(FIRST) }), history: [{ id: 'e', at: iso(t), kind: 'recovered' }], now: iso(LAST) }), ['history', 0, 'at']],
    ['history.to', (t) => ({ declaration: minimalDeclaration(), history: [{ id: 'e', at: NOW, kind: 'key-area-visit', area: '1', from: day(Math.min(t, FIRST)), to: day(t) }], now: NOW }), ['history', 0, 'to']],
    ['history.on', (t) => ({ declaration: minimalDeclaration(), history: [{ id: 'e', at: NOW, kind: 'key-area-contact', on: day(t) }], now: NOW }), ['history', 0, 'on']],
    ['now', (t) => ({ declaration: minimalDeclaration({ submittedAt: iso(FIRST) }), history: [], now: iso(t) }), ['now']],
    ['now (a Date)', (t) => ({ declaration: minimalDeclaration({ submittedAt: iso(FIRST) }), history: [], now: new Date(t) }), ['now']],
  ];

  it('T-2: an instant or day before 1970 or after 2199 in the policy zone is out_of_range at its path, in every field that holds one', () => {
    property(
      fc.property(fc.constantFrom(...PLACES), outside, ([, build, path], t) => {
        const c = build(t);
        const issues = expectInputFailure(safeEvaluate(c.declaration, c.history, c.now), ['declaration', 'history', 'now']);
        expect(issues).toContainEqual(expect.objectContaining({ path, code: 'out_of_range' }));
      }),
      'invariant',
    );
  });

  it('T-2: an instant or day within 1970–2199 in the policy zone, the first and last millisecond included, is never out_of_range', () => {
    property(
      fc.property(fc.constantFrom(...PLACES), inside, ([, build], t) => {
        const c = build(t);
        const result = safeEvaluate(c.declaration, c.history, c.now);
        if (!result.success) expect(result.error.issues.filter((i) => i.code === 'out_of_range')).toEqual([]);
      }),
      'invariant',
    );
  });

  it('T-2 (issue 16 reproduction): new Date(8.64e15) and new Date(-8.64e15) as now are out_of_range at now; an invalid Date is invalid_instant', () => {
    for (const now of [new Date(8.64e15), new Date(-8.64e15)])
      expect(expectInputFailure(safeEvaluate(minimalDeclaration(), [], now), ['now'])).toEqual([expect.objectContaining({ path: ['now'], code: 'out_of_range' })]);
    expect(expectInputFailure(safeEvaluate(minimalDeclaration(), [], new Date(Number.NaN)), ['now'])).toEqual([
      { path: ['now'], code: 'invalid_instant', message: 'an invalid Date' },
    ]);
  });

  it('T-2: a valid input near the end of 2199 gives a result whose every instant has four digits and that check accepts', () => {
    const declaration = minimalDeclaration({ submittedAt: '2199-12-30T10:00:00+08:00', closeContactOfCase: true });
    const a = evaluate(declaration, [{ ...approved, at: '2199-12-30T11:00:00+08:00' }], '2199-12-31T23:00:00+08:00');
    expect(a.releaseAt).toBe('2200-01-14T00:00:00+08:00');
    expect(JSON.stringify(a).match(/"\d{5,}-/)).toBeNull();
    expect(safeCheck(a, { ...context, at: '2199-12-31T23:00:00+08:00' }).success).toBe(true);
  });

  it('T-2: a checkpoint instant and a policy key-area day outside 1970–2199 are out_of_range too', () => {
    const result = safeCheck(null, { ...context, at: '2200-01-01T00:00:00+08:00' });
    expect(expectInputFailure(result, ['context'])).toEqual([expect.objectContaining({ path: ['context', 'at'], code: 'out_of_range' })]);
    expect(safeCheck(null, { ...context, at: '2199-12-31T23:59:59.999+08:00' }).success).toBe(true);
    for (const [entry, key] of [
      [{ area: 'x', from: '1969-12-31', to: null }, 'from'],
      [{ area: 'x', from: '2020-01-01', to: '2200-01-01' }, 'to'],
    ] as const) {
      let caught: unknown;
      try {
        createEngine({ ...lianyungang2020, keyAreas: [entry] });
      } catch (error) {
        caught = error;
      }
      expect((caught as { issues: InputIssue[] }).issues).toEqual([expect.objectContaining({ path: ['policy', 'keyAreas', 0, key], code: 'out_of_range' })]);
    }
    expect(() => createEngine({ ...lianyungang2020, keyAreas: [{ area: 'x', from: '1970-01-01', to: '2199-12-31' }] })).not.toThrow();
  });
});
