import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AssessmentSchema,
  CheckDecisionSchema,
  HealthCodeInputError,
  formatPath,
  lianyungang2020,
  safeCheck,
  safeEvaluate,
  type Assessment,
  type IssueCode,
  type SafeResult,
} from '../../src/index.js';
import { createEngine, evaluate } from '../support/untyped.js';
import { arbitraries } from '../../src/testing/index.js';
import { check } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §9 against hostile input: arbitrary JSON, deep nesting, huge arrays and strings,
 * prototype keys, odd numbers, odd instants and days, near-misses of every enum. `safeEvaluate`
 * and `safeCheck` never throw, never touch their inputs, report every problem with a path that
 * exists in the input, and stay within a time bound that grows with the input's size.
 */

// Every issue code a caller may switch on (errors.ts); the `satisfies` keeps the list honest.
const ISSUE_CODES = [
  'required',
  'invalid_type',
  'invalid_value',
  'invalid_instant',
  'invalid_day',
  'invalid_time_zone',
  'unrecognized_keys',
  'unknown_event_kind',
  'too_small',
  'too_big',
  'too_large',
  'out_of_range',
  'attestation_required',
  'proxy_required',
  'proxy_not_allowed',
  'visit_order',
  'reserved_id',
  'duplicate_id',
  'unknown_void_target',
  'self_void',
  'void_cycle',
  'now_before_submission',
  'isolation_after_submission',
  'role_required',
  'invalid_duration',
  'policy_mismatch',
  'inconsistent',
  'invalid_key',
  'needs_full_history',
  'unreadable',
  'invalid',
] as const satisfies readonly IssueCode[];
// `internal` is the engine's own defect (RULES §9): never an answer to any input.
const INTERNAL: IssueCode = 'internal';
type Missing = Exclude<IssueCode, (typeof ISSUE_CODES)[number] | 'internal'>;
const everyCodeListed: [Missing] extends [never] ? true : Missing = true;
void everyCodeListed;

const NOW = '2020-02-20T12:00:00+08:00';
const baseDeclaration = (): Record<string, unknown> => minimalDeclaration();
const approved = (): Record<string, unknown> => ({ id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' });
const context = (): Record<string, unknown> => ({ venue: 'public-place', direction: 'in', celsius: 36.5, at: NOW });

// ---------------------------------------------------------------------------------------------
// Helpers: freezing, snapshots, walking paths, the shape of a failure.

function deepFreeze<T>(root: T): T {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    // A typed array with elements cannot be frozen; its contents are compared by the snapshot.
    if (ArrayBuffer.isView(value)) continue;
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) stack.push(descriptor.value);
    }
    Object.freeze(value);
  }
  return root;
}

/**
 * A structural snapshot of any value, cycles, typed arrays, Maps, Sets and deep nesting included
 * (NaN, ±Infinity, -0 and undefined kept apart), built without recursion.
 */
function snapshot(root: unknown): string {
  const out: string[] = [];
  const ids = new Map<object, number>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      out.push(typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : `${typeof value}:${String(value)}`);
      continue;
    }
    const seen = ids.get(value);
    if (seen !== undefined) {
      out.push(`@${seen}`);
      continue;
    }
    ids.set(value, ids.size);
    if (ArrayBuffer.isView(value)) {
      out.push(`view:${Object.prototype.toString.call(value)}:${Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).join(',')}`);
      continue;
    }
    const keys = Reflect.ownKeys(value);
    out.push(`{${Object.prototype.toString.call(value)}:${keys.map(String).join(',')}`);
    if (value instanceof Map) stack.push([...value.entries()]);
    if (value instanceof Set) stack.push([...value.values()]);
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      stack.push(descriptor !== undefined && 'value' in descriptor ? descriptor.value : 'accessor');
    }
  }
  return out.join('|');
}

/** Whether every step of `path` but the last names an object or array inside `root`. */
function parentExists(root: unknown, path: readonly (string | number)[]): boolean {
  let value = root;
  for (const key of path.slice(0, -1)) {
    if (value === null || typeof value !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return path.length === 0 || (value !== null && typeof value === 'object');
}

/** `safeEvaluate` or `safeCheck` caught an exception of its own: a crash in disguise. */
function isCrash(issue: { code: string; message: string }): boolean {
  return issue.code === INTERNAL;
}

/**
 * The failure contract of RULES §9: a `HealthCodeInputError`, at least one issue, each with a
 * known code, a message, and a path that starts at an argument and leads into that argument.
 */
function expectWellFormedFailure(
  result: SafeResult<unknown>,
  args: Record<string, unknown>,
): asserts result is { success: false; error: HealthCodeInputError } {
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.error).toBeInstanceOf(HealthCodeInputError);
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const [index, issue] of result.error.issues.entries()) {
    expect(isCrash(issue), issue.message).toBe(false);
    expect(ISSUE_CODES).toContain(issue.code);
    expect(issue.message.length).toBeGreaterThan(0);
    const [head, ...rest] = issue.path;
    expect(Object.keys(args)).toContain(head);
    for (const part of rest) expect(['string', 'number']).toContain(typeof part);
    expect(parentExists(args[head as string], rest), `${formatPath(issue.path)} leads outside the input`).toBe(true);
    // The message lists the first 100 problems (MAX_ISSUES_LISTED); `issues` holds every one.
    if (index < 100) expect(result.error.message).toContain(formatPath(issue.path));
  }
}

function expectValidOutcome(result: SafeResult<Assessment>, args: Record<string, unknown>): void {
  if (result.success) expect(AssessmentSchema.safeParse(result.data).success).toBe(true);
  else expectWellFormedFailure(result, args);
}

/**
 * Runs `safeEvaluate` on deeply frozen arguments, checks that it does not throw and that the
 * arguments are unchanged afterwards; `ms` is the time of the call alone.
 */
function evaluateFrozenTimed(declaration: unknown, history: unknown, now: unknown): { result: SafeResult<Assessment>; ms: number } {
  const before = snapshot([declaration, history, now]);
  deepFreeze([declaration, history, now]);
  let result: SafeResult<Assessment> | undefined;
  const start = performance.now();
  expect(() => {
    result = safeEvaluate(declaration, history, now);
  }).not.toThrow();
  const ms = performance.now() - start;
  expect(snapshot([declaration, history, now])).toBe(before);
  return { result: result as SafeResult<Assessment>, ms };
}

function evaluateFrozen(declaration: unknown, history: unknown, now: unknown): SafeResult<Assessment> {
  return evaluateFrozenTimed(declaration, history, now).result;
}

/** Milliseconds one call takes. */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Values of a JSON tree plus a count of them, to bound time by input size. */
function nodeCount(value: unknown, limit = 1_000_000): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count < limit) {
    const v = stack.pop();
    count++;
    if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return count;
}

/** A generous bound: a fixed allowance plus a cost per value of the input (slow CI machines). */
const timeBound = (nodes: number): number => 1000 + nodes * 0.5;

// ---------------------------------------------------------------------------------------------
// Hostile values.

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** An own, enumerable property, as JSON.parse creates it even for `__proto__`. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** What JSON.parse makes of the number 1e309 in a JSON text: Infinity. */
const JSON_1E309 = JSON.parse('1e309') as number;

const hostileNumber = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  JSON_1E309,
  -JSON_1E309,
  -0,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  1e-320,
);

const hostileString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\u200b', '\ud800', 'null', 'undefined', 'NaN', '__proto__', 'constructor', '{}', '[]', 'x'.repeat(1001)),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  hostileString,
  fc.constantFrom(null, undefined, true, false, 0, 1, [], {}, [null], { __proto__: null }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...PROTO_KEYS).map((key) => withOwnKey({}, key, { polluted: true })),
);

/** Every location of a JSON tree, as a path from its root. */
function locations(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...locations(v, [...path, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...locations(v, [...path, k]));
  return out;
}

/** A copy of `root` with the value at `path` replaced (or the root itself). */
function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt((root as Record<string | number, unknown>)[head], rest, value);
  return copy;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

/** A valid case with one value replaced by a hostile one, anywhere in any argument. */
const mutatedCase = arbitraries
  .case({ maxLength: 6 })
  .chain((c) => {
    const args = { declaration: c.declaration, history: c.history, now: c.now };
    return fc.tuple(fc.constant(args), fc.constantFrom(...locations(args).filter((p) => p.length > 0)), hostileValue);
  })
  .map(([args, path, value]) => replaceAt(args, path, value) as { declaration: unknown; history: unknown; now: unknown });

// ---------------------------------------------------------------------------------------------

describe('RULES §9: safeEvaluate on arbitrary and hostile input', () => {
  it('RULES §9: any JSON value in any argument gives a result or a well-formed error, never a throw, and the frozen input is untouched', () => {
    check(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (declaration, history, now) => {
        const { result, ms } = evaluateFrozenTimed(declaration, history, now);
        expectWellFormedFailure(result, { declaration, history, now });
        expect(ms).toBeLessThan(timeBound(nodeCount([declaration, history, now])));
      }),
      'fuzz',
    );
  });

  it('RULES §9: any JavaScript value (Maps, typed arrays, symbols, bigints, null prototypes, sparse arrays) gives a well-formed error', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    check(
      fc.property(anything, anything, anything, (declaration, history, now) => {
        const result = evaluateFrozen(declaration, history, now);
        expectWellFormedFailure(result, { declaration, history, now });
      }),
      'fuzz',
    );
  });

  it('RULES §9: a valid case with one value anywhere replaced by a hostile one gives a valid assessment or a well-formed error at a real path', () => {
    check(
      fc.property(mutatedCase, ({ declaration, history, now }) => {
        const { result, ms } = evaluateFrozenTimed(declaration, history, now);
        expectValidOutcome(result, { declaration, history, now });
        expect(ms).toBeLessThan(timeBound(nodeCount([declaration, history, now])));
      }),
      'fuzz',
    );
  });

  it('RULES §9: a __proto__, constructor or prototype key on any object of a valid case is reported as unrecognized there and pollutes nothing', () => {
    const withKey = arbitraries
      .case({ maxLength: 4 })
      .chain((c) => {
        const args = { declaration: c.declaration, history: c.history };
        const objects = locations(args).filter((p) => {
          const v = valueAt(args, p);
          return p.length > 0 && v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        return fc.tuple(fc.constant({ ...args, now: c.now }), fc.constantFrom(...objects), fc.constantFrom(...PROTO_KEYS), hostileValue);
      });
    check(
      fc.property(withKey, ([args, path, key, value]) => {
        const target = valueAt(args, path) as Record<string, unknown>;
        const changed = replaceAt(args, path, withOwnKey(target, key, value)) as typeof args;
        const result = evaluateFrozen(changed.declaration, changed.history, changed.now);
        expectWellFormedFailure(result, changed);
        expect(result.error.issues).toContainEqual(expect.objectContaining({ path, code: 'unrecognized_keys' }));
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      'fuzz',
    );
  });

  it('RULES §9: JSON.parse of a declaration with a __proto__ key is reported and the prototype of plain objects is unchanged', () => {
    const declaration = JSON.parse(
      '{"id":"app-1","subjectId":"s-1","submittedAt":"2020-02-01T10:00:00+08:00","category":"resident","channel":"self","attestation":true,"__proto__":{"channel":"proxy","isAdmin":true}}',
    ) as unknown;
    const event = JSON.parse('{"id":"t1","at":"2020-02-02T09:00:00+08:00","kind":"temperature","celsius":36.6,"constructor":{"prototype":{"x":1}}}') as unknown;
    const result = evaluateFrozen(declaration, [event], NOW);
    expectWellFormedFailure(result, { declaration, history: [event], now: NOW });
    expect(result.error.issues).toEqual([
      expect.objectContaining({ path: ['declaration'], code: 'unrecognized_keys' }),
      expect.objectContaining({ path: ['history', 0], code: 'unrecognized_keys' }),
    ]);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('RULES §9: a getter or a proxy that throws is reported as an issue, not thrown', () => {
    const trap = Object.defineProperty(baseDeclaration(), 'channel', {
      enumerable: true,
      get() {
        throw new Error('read');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('keys');
        },
      },
    );
    const cases: [unknown, unknown, unknown][] = [
      [trap, [], NOW],
      [baseDeclaration(), [proxy], NOW],
      [baseDeclaration(), proxy, NOW],
      [proxy, [], proxy],
    ];
    for (const [declaration, history, now] of cases) {
      let result: SafeResult<Assessment> | undefined;
      expect(() => (result = safeEvaluate(declaration, history, now))).not.toThrow();
      expect(result?.success).toBe(false);
    }
  });
});

describe('RULES §9: odd numbers are invalid where they appear', () => {
  it('RULES §9, I-8: NaN, ±Infinity (1e309), -0 and other extremes as a temperature are reported at history[i].celsius', () => {
    check(
      fc.property(hostileNumber, fc.nat({ max: 3 }), (celsius, index) => {
        const history = [approved(), ...Array.from({ length: index }, (_, i) => ({ id: `t${i}`, at: NOW, kind: 'temperature', celsius: 36.5 }))];
        history.push({ id: 'bad', at: NOW, kind: 'temperature', celsius });
        const result = evaluateFrozen(baseDeclaration(), history, NOW);
        expectWellFormedFailure(result, { declaration: baseDeclaration(), history, now: NOW });
        expect(result.error.issues).toEqual([
          expect.objectContaining({ path: ['history', index + 1, 'celsius'], code: expect.stringMatching(/^(invalid_type|out_of_range)$/) }),
        ]);
      }),
      'invariant',
    );
  });

  it('RULES §9: a number where a string, a boolean, a list or an enum value is expected is reported at its path with the matching code', () => {
    const fields = ['id', 'subjectId', 'submittedAt', 'category', 'channel', 'attestation', 'feverClinicObservation', 'keyAreaVisits', 'symptoms'];
    check(
      fc.property(hostileNumber, fc.constantFrom(...fields), (n, field) => {
        const declaration = { ...baseDeclaration(), [field]: n };
        const result = evaluateFrozen(declaration, [], NOW);
        expectWellFormedFailure(result, { declaration, history: [], now: NOW });
        const issue = result.error.issues.find((i) => formatPath(i.path) === `declaration.${field}`);
        const expected = field === 'attestation' ? 'attestation_required' : field === 'category' || field === 'channel' ? 'invalid_value' : 'invalid_type';
        expect(issue?.code).toBe(expected);
      }),
      'invariant',
    );
  });

  it('createEngine: NaN, Infinity or -0 in a numeric policy parameter is rejected with a HealthCodeInputError, or accepted as the number it equals', () => {
    const numeric = [
      ['observationDays'],
      ['lookbackDays'],
      ['feverThresholdCelsius'],
      ['greenToYellow', 'occurrences'],
      ['greenToYellow', 'windowDays'],
      ['limits', 'maxEvents'],
      ['limits', 'maxStringLength'],
    ];
    check(
      fc.property(hostileNumber, fc.constantFrom(...numeric), (n, path) => {
        const policy = replaceAt(structuredClone(lianyungang2020), path, n);
        deepFreeze(policy);
        let engine: ReturnType<typeof createEngine> | undefined;
        try {
          engine = createEngine(policy);
        } catch (error) {
          expect(error).toBeInstanceOf(HealthCodeInputError);
          expect((error as HealthCodeInputError).issues).toContainEqual(expect.objectContaining({ path: ['policy', ...path] }));
          return;
        }
        // Only a finite number in range can have been accepted (e.g. -0 as zero look-back days).
        expect(Number.isFinite(n)).toBe(true);
        expect(engine.evaluate(baseDeclaration(), [approved()], NOW).colour).toBe('green');
      }),
      'invariant',
    );
  });
});

describe('T-2: instants and calendar days', () => {
  const invalidInstants = [
    '2016-12-31T23:59:60Z', // a leap second
    '2016-12-31T23:59:60+08:00',
    '10000-01-01T00:00:00Z', // year 10000
    '+010000-01-01T00:00:00Z', // expanded year
    '-000001-01-01T00:00:00Z',
    '2020-02-30T00:00:00+08:00', // no such day
    '2019-02-29T12:00:00+08:00',
    '1900-02-29T12:00:00Z',
    '2020-04-31T12:00:00+08:00',
    '2020-13-01T12:00:00+08:00',
    '2020-02-10T24:00:00+08:00', // hour 24
    '2020-02-10T12:60:00+08:00',
    '2020-02-10T12:00:00', // no offset
    '2020-02-10T12:00:00+24:00',
    '2020-02-10T12:00:00+08:60',
    '2020-02-10T12:00:00+0800',
    '2020-02-10 12:00:00+08:00',
    '2020-2-10T12:00:00+08:00',
    '2020-02-10T12:00:00.+08:00',
    '２０２０-02-10T12:00:00+08:00', // full-width digits
    ' 2020-02-10T12:00:00+08:00',
    '2020-02-10T12:00:00+08:00\n',
    '2020-02-10',
    '',
    'x'.repeat(500),
  ];
  const validInstants = [
    '2020-02-29T12:00:00+08:00',
    '2000-02-29T12:00:00Z',
    '2020-02-10T12:00:00.123456789+08:00',
    '2020-02-10T04:00:00Z',
    '2020-02-09T22:15:00-05:45',
    '2020-02-10T17:45:00+13:45',
    '2020-02-10T12:00+08:00',
  ];

  it.each(invalidInstants)('T-2: %j is not an instant, in the declaration, an event and now alike', (text) => {
    const declaration = { ...baseDeclaration(), isolationStartedAt: text };
    const history = [approved(), { id: 'e1', at: text, kind: 'recovered' }];
    const result = evaluateFrozen(declaration, history, text);
    expectWellFormedFailure(result, { declaration, history, now: text });
    const codes = new Map(result.error.issues.map((i) => [formatPath(i.path), i.code]));
    expect(codes.get('declaration.isolationStartedAt')).toBe('invalid_instant');
    expect(codes.get('history[1].at')).toBe('invalid_instant');
    expect(codes.get('now')).toBe('invalid_instant');
  });

  it.each(validInstants)('T-2: %j is an instant', (text) => {
    const declaration = { ...baseDeclaration(), submittedAt: '2000-01-01T00:00:00Z', isolationStartedAt: '2000-01-01T00:00:00Z' };
    const result = evaluateFrozen(declaration, [{ id: 'e1', at: text, kind: 'recovered' }], text);
    expect(result.success).toBe(true);
  });

  it('T-2: the last millisecond of 2199 in the policy zone is accepted; the next one, 2200, is out_of_range (and 9999 too)', () => {
    const declaration = { ...baseDeclaration(), submittedAt: '2199-12-31T23:59:59.999+08:00' };
    const last = evaluateFrozen(declaration, [], '2199-12-31T15:59:59.999Z');
    expect(last.success).toBe(true);
    // Every instant of the result has four digits, and the result is a valid assessment.
    if (last.success) expect(AssessmentSchema.safeParse(last.data).success).toBe(true);
    for (const now of ['2199-12-31T16:00:00.000Z', '2200-01-01T00:00:00+08:00', '9999-12-31T23:59:59.999Z']) {
      const result = evaluateFrozen(declaration, [], now);
      expectWellFormedFailure(result, { declaration, history: [], now });
      expect(result.error.issues).toEqual([expect.objectContaining({ path: ['now'], code: 'out_of_range' })]);
    }
    // In UTC 2199-12-31T20:00Z is still 2199, but in Beijing it is 2200: the policy zone decides.
    const utc = { ...baseDeclaration(), submittedAt: '2199-12-31T20:00:00Z' };
    const result = evaluateFrozen(utc, [], '2199-12-31T21:00:00Z');
    expectWellFormedFailure(result, { declaration: utc, history: [], now: '2199-12-31T21:00:00Z' });
    expect(result.error.issues.map((i) => [formatPath(i.path), i.code])).toEqual([
      ['declaration.submittedAt', 'out_of_range'],
      ['now', 'out_of_range'],
    ]);
  });

  it('T-2: the first millisecond of 1970 in the policy zone is accepted; the one before is out_of_range', () => {
    const declaration = { ...baseDeclaration(), submittedAt: '1970-01-01T00:00:00+08:00' };
    expect(evaluateFrozen(declaration, [], '1970-01-01T00:00:00+08:00').success).toBe(true);
    const early = { ...baseDeclaration(), submittedAt: '1969-12-31T15:59:59.999Z' };
    const result = evaluateFrozen(early, [], '1970-01-01T00:00:00+08:00');
    expectWellFormedFailure(result, { declaration: early, history: [], now: '1970-01-01T00:00:00+08:00' });
    expect(result.error.issues).toEqual([expect.objectContaining({ path: ['declaration', 'submittedAt'], code: 'out_of_range' })]);
  });

  const invalidDays = ['2020-02-30', '2019-02-29', '1900-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-5', '20200210', '10000-01-01', '2020-02-10T00:00:00Z', '', ' 2020-02-10'];

  it.each(invalidDays)('T-2, RULES §9: %j is not a calendar day, in a declared visit, a declared contact and an event', (day) => {
    const declaration = {
      ...baseDeclaration(),
      keyAreaVisits: [{ area: '420100', from: day, to: '2020-01-31' }],
      keyAreaContacts: [{ on: day }],
    };
    const history = [{ id: 'k1', at: NOW, kind: 'key-area-contact', on: day }];
    const result = evaluateFrozen(declaration, history, NOW);
    expectWellFormedFailure(result, { declaration, history, now: NOW });
    const codes = new Map(result.error.issues.map((i) => [formatPath(i.path), i.code]));
    expect(codes.get('declaration.keyAreaVisits[0].from')).toBe('invalid_day');
    expect(codes.get('declaration.keyAreaContacts[0].on')).toBe('invalid_day');
    expect(codes.get('history[0].on')).toBe('invalid_day');
  });

  it('T-2: 2020-02-29 and 2000-02-29 exist', () => {
    const declaration = { ...baseDeclaration(), keyAreaVisits: [{ area: '310000', from: '2000-02-29', to: '2020-02-29' }] };
    expect(evaluateFrozen(declaration, [], NOW).success).toBe(true);
  });

  it('T-2: the same instants written with other offsets give the same assessment', () => {
    const offsets = fc.constantFrom(0, 480, -300, 330, 345, -210, 840, -720, 765);
    const respell = (text: string, offset: number): string => {
      const ms = Date.parse(text);
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return offset === 0 && ms % 2 === 0 ? `${local}Z` : `${local}${sign}${hh}:${mm}`;
    };
    const isInstantKey = (key: string): boolean => ['at', 'submittedAt', 'isolationStartedAt'].includes(key);
    check(
      fc.property(arbitraries.case({ maxLength: 6 }), fc.infiniteStream(offsets), (c, stream) => {
        const it = stream[Symbol.iterator]();
        // One spelling per original string, so that identical duplicates stay identical (RULES §9).
        const spellings = new Map<string, string>();
        const spell = (text: string): string => {
          const known = spellings.get(text) ?? respell(text, it.next().value as number);
          spellings.set(text, known);
          return known;
        };
        const rewrite = (value: unknown, key = ''): unknown => {
          if (typeof value === 'string' && isInstantKey(key)) return spell(value);
          if (Array.isArray(value)) return value.map((v) => rewrite(v));
          if (value !== null && typeof value === 'object')
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, k)]));
          return value;
        };
        const original = safeEvaluate(c.declaration, c.history, c.now);
        const respelled = evaluateFrozen(rewrite(c.declaration), rewrite(c.history), spell(c.now));
        expect(respelled).toEqual(original);
      }),
      'invariant',
    );
  });
});

describe('RULES §9: near-misses of every enum are invalid at their path', () => {
  /** Strings that look like `value` but are not it. */
  const nearMisses = (value: string): string[] => {
    const misses = new Set([
      value.toUpperCase(),
      value.charAt(0).toUpperCase() + value.slice(1),
      `${value} `,
      ` ${value}`,
      `${value}\u200b`,
      value.slice(0, -1),
      `${value}s`,
      value.replaceAll('-', '_'),
      value.replaceAll('-', ' '),
      value.replace(/e/, '\u0435'), // Cyrillic е
      value.normalize('NFD').replace(/o/, 'o\u0301'),
      '',
    ]);
    misses.delete(value);
    return [...misses];
  };
  const declarationEnums: Record<string, readonly string[]> = {
    category: ['resident', 'arrival', 'returnee'],
    channel: ['self', 'proxy', 'paper-form'],
    clinical: ['none', 'confirmed', 'suspected', 'positive'],
  };
  const symptom = ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'];
  const obligation = ['hospital-isolation', 'isolation-observation', 'home-isolation', 'community-management', 'daily-self-report'];
  // [event without the enum field, the field's path inside the event, its values]
  const eventEnums: [Record<string, unknown>, (string | number)[], readonly string[]][] = [
    [{ kind: 'test-result' }, ['result'], ['positive', 'negative']],
    [{ kind: 'diagnosis' }, ['status'], ['confirmed', 'suspected']],
    [{ kind: 'isolation-started' }, ['place'], ['hospital', 'centralized', 'home']],
    [{ kind: 'close-contact' }, ['of'], ['case', 'fever-clinic-observee']],
    [{ kind: 'temperature', celsius: 36.6 }, ['venue'], ['residential', 'public-place', 'public-transport']],
    [{ kind: 'symptoms', symptoms: ['fever'] }, ['source'], ['self', 'checkpoint', 'clinic']],
    [{ kind: 'symptoms', symptoms: [] }, ['symptoms', 0], symptom],
    [{ kind: 'daily-report', symptoms: [] }, ['symptoms', 0], symptom],
    [{ kind: 'review-approved' }, ['credential'], ['app-code', 'paper-code', 'pass-card']],
    [{ kind: 'high-risk-designation', authority: 'CDC', reason: 'r', basis: 'b', obligations: [] }, ['obligations', 0], obligation],
  ];
  const kinds = [
    'test-result', 'diagnosis', 'hospital-discharge', 'fever-clinic-observation', 'covid-excluded', 'recovered',
    'isolation-started', 'close-contact', 'key-area-visit', 'key-area-contact', 'temperature', 'symptoms',
    'daily-report', 'high-risk-designation', 'authority-release', 'review-approved', 'review-rejected', 'correction',
  ];

  it('RULES §9: a declaration field (category, channel, clinical, symptoms) that nearly names a value is invalid_value there', () => {
    for (const [field, values] of [...Object.entries(declarationEnums), ['symptoms', symptom] as const]) {
      for (const value of values) {
        for (const miss of nearMisses(value)) {
          const declaration = { ...baseDeclaration(), [field]: field === 'symptoms' ? [miss] : miss };
          const path = field === 'symptoms' ? ['declaration', 'symptoms', 0] : ['declaration', field];
          const result = safeEvaluate(declaration, [], NOW);
          expectWellFormedFailure(result, { declaration, history: [], now: NOW });
          expect(result.error.issues, `${field}: ${JSON.stringify(miss)}`).toContainEqual(
            expect.objectContaining({ path, code: 'invalid_value' }),
          );
        }
      }
    }
  });

  it('RULES §9: an event field that nearly names a value is invalid_value at history[i].<field>', () => {
    for (const [event, fieldPath, values] of eventEnums) {
      for (const value of values) {
        for (const miss of nearMisses(value)) {
          const history = [approved(), replaceAt({ id: 'e1', at: NOW, ...event }, fieldPath, miss)];
          const result = safeEvaluate(baseDeclaration(), history, NOW);
          expectWellFormedFailure(result, { declaration: baseDeclaration(), history, now: NOW });
          expect(result.error.issues, `${formatPath(fieldPath)}: ${JSON.stringify(miss)}`).toEqual([
            expect.objectContaining({ path: ['history', 1, ...fieldPath], code: 'invalid_value' }),
          ]);
        }
      }
    }
  });

  it('RULES §9: an event kind that nearly names a kind is unknown_event_kind at history[i].kind, and its id and instant are still checked', () => {
    for (const kind of kinds) {
      for (const miss of nearMisses(kind)) {
        const history = [{ id: 'e1', at: NOW, kind: miss }];
        const result = safeEvaluate(baseDeclaration(), history, NOW);
        expectWellFormedFailure(result, { declaration: baseDeclaration(), history, now: NOW });
        expect(result.error.issues).toEqual([expect.objectContaining({ path: ['history', 0, 'kind'], code: 'unknown_event_kind' })]);
      }
    }
  });

  it('RULES §6, §9: a checkpoint context field (venue, direction, role) that nearly names a value is invalid_value at context.<field>', () => {
    const fields: Record<string, readonly string[]> = {
      venue: ['residential', 'public-place', 'public-transport'],
      direction: ['in', 'out'],
      role: ['resident', 'visitor'],
    };
    for (const [field, values] of Object.entries(fields)) {
      for (const value of values) {
        for (const miss of nearMisses(value)) {
          const ctx = { ...context(), venue: 'residential', role: 'resident', [field]: miss };
          const result = safeCheck(null, ctx);
          expectWellFormedFailure(result, { assessment: null, context: ctx });
          expect(result.error.issues, `${field}: ${JSON.stringify(miss)}`).toContainEqual(
            expect.objectContaining({ path: ['context', field], code: 'invalid_value' }),
          );
        }
      }
    }
  });

  it('createEngine: a policy enum (dayCounting, a reset or twice-rule symptom) that nearly names a value is rejected at its path', () => {
    const cases: [(string | number)[], readonly string[]][] = [
      [['dayCounting'], ['civil-code', 'inclusive-start', 'rolling']],
      [['resetSymptoms', 'R2', 0], symptom],
      [['greenToYellow', 'symptoms', 0], symptom],
    ];
    for (const [path, values] of cases) {
      for (const value of values) {
        for (const miss of nearMisses(value)) {
          const policy = replaceAt(structuredClone(lianyungang2020), path, miss);
          let caught: unknown;
          try {
            createEngine(policy);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(HealthCodeInputError);
          expect((caught as HealthCodeInputError).issues).toContainEqual(
            expect.objectContaining({ path: ['policy', ...path], code: 'invalid_value' }),
          );
        }
      }
    }
  });
});

describe('RULES §9: size limits and time bounds', () => {
  const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 5, maxStringLength: 64 } });

  it('RULES §9: one event more than the policy limit is a single too_large issue at history; the limit itself is accepted', () => {
    const events = (n: number) => [approved(), ...Array.from({ length: n - 1 }, (_, i) => ({ id: `t${i}`, at: NOW, kind: 'temperature', celsius: 36.5 }))];
    expect(small.safeEvaluate(baseDeclaration(), events(5), NOW).success).toBe(true);
    const over = small.safeEvaluate(baseDeclaration(), events(6), NOW);
    expectWellFormedFailure(over, { declaration: baseDeclaration(), history: events(6), now: NOW });
    expect(over.error.issues).toEqual([expect.objectContaining({ path: ['history'], code: 'too_large' })]);
  });

  it('RULES §9: a string one character over the policy limit is too_large at its path, wherever it is; at the limit it is accepted', () => {
    const ok = 'a'.repeat(64);
    const long = 'a'.repeat(65);
    expect(small.safeEvaluate({ ...baseDeclaration(), id: ok }, [{ ...approved(), id: ok }], NOW).success).toBe(true);
    const declaration = { ...baseDeclaration(), id: long, keyAreaVisits: [{ area: long, from: '2020-01-20', to: '2020-01-21' }] };
    const history = [{ ...approved(), id: long }, { id: 'r', at: NOW, kind: 'review-rejected', reason: long }];
    const result = small.safeEvaluate(declaration, history, NOW);
    expectWellFormedFailure(result, { declaration, history, now: NOW });
    const tooLarge = result.error.issues.filter((i) => i.code === 'too_large').map((i) => formatPath(i.path));
    expect(tooLarge.sort()).toEqual(['declaration.id', 'declaration.keyAreaVisits[0].area', 'history[0].id', 'history[1].reason']);
  });

  it('RULES §9: a history of a million items, or a sparse one of length 2^32 - 1, is rejected at once as too_large', () => {
    for (const history of [new Array<number>(1_000_000).fill(0), new Array<unknown>(2 ** 32 - 1)]) {
      const { value: result, ms } = timed(() => safeEvaluate(baseDeclaration(), history, NOW));
      expectWellFormedFailure(result, { declaration: baseDeclaration(), history, now: NOW });
      expect(result.error.issues).toEqual([expect.objectContaining({ path: ['history'], code: 'too_large' })]);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('RULES §9: a 10-million-character string in any field is too_large (or not an instant) at once', () => {
    const huge = 'x'.repeat(10_000_000);
    const cases: [unknown, unknown, unknown, string][] = [
      [{ ...baseDeclaration(), id: huge }, [], NOW, 'declaration.id'],
      [{ ...baseDeclaration(), submittedAt: huge }, [], NOW, 'declaration.submittedAt'],
      [baseDeclaration(), [{ ...approved(), id: huge }], NOW, 'history[0].id'],
      [baseDeclaration(), [huge], NOW, 'history[0]'],
      [{ ...baseDeclaration(), [huge]: 1 }, [], NOW, 'declaration'],
      [baseDeclaration(), [], huge, 'now'],
    ];
    for (const [declaration, history, now, where] of cases) {
      const { value: result, ms } = timed(() => safeEvaluate(declaration, history, now));
      expectWellFormedFailure(result, { declaration, history, now });
      expect(result.error.issues.map((i) => formatPath(i.path))).toContain(where);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('RULES §9: nesting 100,000 levels deep in any argument or field is reported without a stack overflow', () => {
    let array: unknown = [];
    let object: unknown = {};
    for (let i = 0; i < 100_000; i++) {
      array = [array];
      object = { a: object };
    }
    const cases: [unknown, unknown, unknown][] = [
      [array, array, array],
      [object, object, object],
      [{ ...baseDeclaration(), symptoms: array, keyAreaVisits: [object] }, [], NOW],
      [baseDeclaration(), [{ id: 'e', at: NOW, kind: 'symptoms', symptoms: array }, { id: 'f', at: NOW, kind: 'recovered', x: object }], NOW],
      [baseDeclaration(), [object, array], object],
    ];
    for (const [declaration, history, now] of cases) {
      const { value: result, ms } = timed(() => safeEvaluate(declaration, history, now));
      expectWellFormedFailure(result, { declaration, history, now });
      expect(ms).toBeLessThan(2000);
    }
  });

  it('RULES §9: a cyclic object is reported, not walked forever', () => {
    const cyclic: Record<string, unknown> = baseDeclaration();
    cyclic['self'] = cyclic;
    const history: unknown[] = [];
    history.push(history);
    const result = evaluateFrozen(cyclic, history, NOW);
    expectWellFormedFailure(result, { declaration: cyclic, history, now: NOW });
  });

  // Timing says nothing about a mutant of src/, and a mutation run is too noisy to time anything.
  it.skipIf(process.env['HCR_MUTATION_RUN'] === '1')('RULES §9: the time of a call grows at most linearly with the number of events, valid or not', () => {
    const valid = (n: number) => [
      approved(),
      ...Array.from({ length: n }, (_, i) => ({ id: `t${i}`, at: `2020-02-${String(2 + (i % 17)).padStart(2, '0')}T08:00:00+08:00`, kind: 'temperature', celsius: 36 + (i % 3) * 0.8 })),
    ];
    const invalid = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, kind: 'nope', at: 'soon', extra: [i] }));
    for (const build of [valid, invalid]) {
      // A warm-up, then a size 10 times larger must not cost more than 10 times as much, with
      // slack for a busy machine; a quadratic cost would be 100 times. Best of three runs each.
      safeEvaluate(baseDeclaration(), build(200), NOW);
      const best = (n: number): number => {
        const input = build(n);
        return Math.min(...[0, 1, 2].map(() => timed(() => safeEvaluate(baseDeclaration(), input, NOW)).ms));
      };
      const smallRun = best(2_000);
      const largeRun = best(20_000);
      expect(largeRun).toBeLessThan(Math.max(smallRun, 5) * 10 * 5);
      // An absolute bound: half a millisecond per event on the slowest machine CI uses.
      expect(largeRun).toBeLessThan(20_000 * 0.5);
    }
  });
});

describe('RULES §6, §9: safeCheck on arbitrary and hostile input', () => {
  const validAssessment = evaluate(baseDeclaration(), [approved()], NOW);

  function checkFrozen(assessment: unknown, ctx: unknown) {
    const before = snapshot([assessment, ctx]);
    deepFreeze([assessment, ctx]);
    let result: ReturnType<typeof safeCheck> | undefined;
    expect(() => (result = safeCheck(assessment, ctx))).not.toThrow();
    expect(snapshot([assessment, ctx])).toBe(before);
    return result as ReturnType<typeof safeCheck>;
  }

  it('RULES §9: any JSON value as assessment and context gives a well-formed error, never a throw, the frozen input untouched', () => {
    check(
      fc.property(fc.jsonValue(), fc.jsonValue(), (assessment, ctx) => {
        const result = checkFrozen(assessment, ctx);
        expectWellFormedFailure(result, { assessment, context: ctx });
      }),
      'fuzz',
    );
  });

  it('RULES §9: a valid assessment and context with one value replaced by a hostile one give a decision or a well-formed error', () => {
    const args = { assessment: structuredClone(validAssessment), context: context() };
    const spots = locations(args).filter((p) => p.length > 0);
    check(
      fc.property(fc.constantFrom(...spots), hostileValue, (path, value) => {
        const changed = replaceAt(args, path, value) as typeof args;
        const result = checkFrozen(changed.assessment, changed.context);
        if (result.success) expect(CheckDecisionSchema.safeParse(result.data).success).toBe(true);
        else expectWellFormedFailure(result, changed);
      }),
      'fuzz',
    );
  });

  it('RULES §6, §9: NaN, ±Infinity and -0 as a checkpoint reading are reported at context.celsius', () => {
    for (const celsius of [Number.NaN, Number.POSITIVE_INFINITY, JSON_1E309, -JSON_1E309, -0]) {
      const ctx = { ...context(), celsius };
      const result = checkFrozen(validAssessment, ctx);
      expectWellFormedFailure(result, { assessment: validAssessment, context: ctx });
      expect(result.error.issues).toContainEqual(expect.objectContaining({ path: ['context', 'celsius'] }));
    }
  });

  it('RULES §9: __proto__ and constructor keys in the context or the assessment are reported and pollute nothing', () => {
    const ctx = JSON.parse('{"venue":"public-place","direction":"in","celsius":36.5,"at":"2020-02-20T12:00:00+08:00","__proto__":{"admit":true}}') as unknown;
    const assessment = withOwnKey(structuredClone(validAssessment) as unknown as Record<string, unknown>, 'constructor', { prototype: { admit: true } });
    const result = checkFrozen(assessment, ctx);
    expectWellFormedFailure(result, { assessment, context: ctx });
    expect(result.error.issues).toContainEqual(expect.objectContaining({ path: ['context'], code: 'unrecognized_keys' }));
    expect(result.error.issues).toContainEqual(expect.objectContaining({ path: ['assessment'], code: 'unrecognized_keys' }));
    expect(({} as Record<string, unknown>)['admit']).toBeUndefined();
  });
});
