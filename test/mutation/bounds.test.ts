import { describe, expect, it } from 'vitest';
import { MAX_READ_ISSUES, readBounded, type Limits } from '../../src/bounds.js';
import { HealthCodeInputError, MAX_ISSUES_LISTED, MAX_MESSAGE_LENGTH, clip, internalIssue } from '../../src/errors.js';
import { lianyungang2020 } from '../../src/index.js';
import { revoked } from '../hostile/support.js';

/**
 * RULES §9 (issue 16): the reader of src/bounds.ts, exactly: what it copies, each limit at and one
 * over its value, the message and path of each issue, when the copy may be read (`complete`); and
 * the bounded messages of src/errors.ts (`clip`, `internalIssue`). Expected values worked by hand.
 */

const LIMITS: Limits = { ...lianyungang2020.limits, maxStringLength: 4, maxArrayLength: 3, maxKeys: 3, maxKeyLength: 9, maxDepth: 3, maxValues: 20, maxMessageLength: 6 };
const read = (value: unknown, options = {}) => readBounded(value, ['arg'], LIMITS, options);
const problems = (value: unknown, options = {}) => read(value, options).issues.map((i) => [i.path.join('/'), i.code, i.message]);

describe('RULES §9: readBounded copies plain data', () => {
  it('RULES §9: a copy equal to the input, never the input itself, with undefined values and key order kept', () => {
    const input = { b: [1, 'ab'], a: { c: null }, u: undefined };
    const result = read(input);
    expect(result).toEqual({ value: input, issues: [], complete: true });
    expect(Object.keys(result.value as object)).toEqual(['b', 'a', 'u']);
    expect(result.value).not.toBe(input);
    expect((result.value as { b: unknown }).b).not.toBe(input.b);
    expect((result.value as { a: unknown }).a).not.toBe(input.a);
  });

  it('RULES §9: an own __proto__ key stays an own key of the copy, whose prototype is Object.prototype', () => {
    const input = JSON.parse('{"__proto__":{"x":1},"k":1}') as object;
    const copy = read(input).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'k']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ x: 1 });
    expect((copy as { x?: unknown }).x).toBeUndefined();
  });

  it('RULES §9: a null-prototype object is copied as a plain object; primitives, symbols and bigints are passed on for the schemas', () => {
    const input = Object.assign(Object.create(null) as object, { a: 1 });
    expect(Object.getPrototypeOf(read(input).value)).toBe(Object.prototype);
    const s = Symbol('s');
    expect(read([s, 10n, -0]).value).toEqual([s, 10n, -0]);
  });

  it('RULES §9: a cycle is read once: the copy has the same cycle', () => {
    const input: Record<string, unknown> = { a: 1 };
    input['self'] = input;
    const result = read(input);
    expect(result.complete).toBe(true);
    const copy = result.value as Record<string, unknown>;
    expect(copy['self']).toBe(copy);
    const list: unknown[] = [];
    list.push(list);
    const listCopy = read(list).value as unknown[];
    expect(listCopy[0]).toBe(listCopy);
  });

  it('RULES §9: a value shared without a cycle is read at each place, each counting towards maxValues', () => {
    const shared = { a: 1 };
    const copy = read([shared, shared]).value as unknown[];
    expect(copy).toEqual([{ a: 1 }, { a: 1 }]);
    expect(copy[0]).not.toBe(copy[1]);
  });
});

describe('RULES §9: each limit at its value and one over', () => {
  it('RULES §9: a string of maxStringLength characters is read; one more is too_large, and the copy may still be read', () => {
    expect(problems({ s: 'abcd' })).toEqual([]);
    const result = read({ s: 'abcde', t: 'x' });
    expect(result.issues).toEqual([{ path: ['arg', 's'], code: 'too_large', message: "longer than the policy's limit of 4 characters" }]);
    expect(result.complete).toBe(true);
  });

  it('RULES §9: below the message key, strings may be as long as maxMessageLength, at any depth below it', () => {
    expect(problems({ message: { en: 'abcdef' } }, { messageKey: 'message' })).toEqual([]);
    expect(problems({ message: { en: 'abcdefg' } }, { messageKey: 'message' })).toEqual([['arg/message/en', 'too_large', "longer than the policy's limit of 6 characters"]]);
    expect(problems({ other: 'abcde' }, { messageKey: 'message' })).toEqual([['arg/other', 'too_large', "longer than the policy's limit of 4 characters"]]);
    expect(problems({ message: 'abcde' })).toEqual([['arg/message', 'too_large', "longer than the policy's limit of 4 characters"]]);
  });

  it('RULES §9: an array of maxArrayLength elements is read; one more is too_large and stops the reading', () => {
    expect(problems([1, 2, 3])).toEqual([]);
    const result = read({ list: [1, 2, 3, 4] });
    expect(result.issues).toEqual([{ path: ['arg', 'list'], code: 'too_large', message: "4 elements; the policy's limit is 3" }]);
    expect(result.complete).toBe(false);
  });

  it('RULES §9: the argument itself, as an array, has a limit and a name of its own; arrays inside it have maxArrayLength', () => {
    const options = { rootArrayLimit: 5, rootArrayName: 'events' };
    expect(problems([1, 2, 3, 4, 5], options)).toEqual([]);
    expect(problems([1, 2, 3, 4, 5, 6], options)).toEqual([['arg', 'too_large', "6 events; the policy's limit is 5"]]);
    expect(problems([[1, 2, 3, 4]], options)).toEqual([['arg/0', 'too_large', "4 elements; the policy's limit is 3"]]);
    expect(problems([1, 2, 3, 4, 5, 6], { rootArrayLimit: 5 })).toEqual([['arg', 'too_large', "6 elements; the policy's limit is 5"]]);
    expect(problems([1, 2, 3, 4])).toEqual([['arg', 'too_large', "4 elements; the policy's limit is 3"]]);
  });

  it('RULES §9: an object of maxKeys keys is read; one more is too_large at the object and stops the reading', () => {
    expect(problems({ a: 1, b: 2, c: 3 })).toEqual([]);
    const result = read({ o: { a: 1, b: 2, c: 3, d: 4 } });
    expect(result.issues).toEqual([{ path: ['arg', 'o'], code: 'too_large', message: "more than 3 keys; the policy's limit is 3" }]);
    expect(result.complete).toBe(false);
  });

  it('RULES §9: a key of maxKeyLength characters is read; a longer one is too_large at its object, left out of the copy, which may still be read', () => {
    expect(problems({ abcdefghi: 1 })).toEqual([]);
    const result = read({ abcdefghij: 1, x: 2 });
    expect(result.issues).toEqual([{ path: ['arg'], code: 'too_large', message: "a key of 10 characters; the policy's limit is 9" }]);
    expect(result.complete).toBe(true);
    expect(result.value).toEqual({ x: 2 });
  });

  it('RULES §9: maxDepth levels of nesting are read; one more is too_large where it goes too deep', () => {
    expect(problems([[['x']]])).toEqual([]);
    expect(problems([[[['x']]]])).toEqual([['arg/0/0/0', 'too_large', "nested deeper than the policy's limit of 3 levels"]]);
    expect(problems({ a: { b: { c: {} } } })).toEqual([['arg/a/b/c', 'too_large', "nested deeper than the policy's limit of 3 levels"]]);
  });

  it('RULES §9: maxValues values in one argument are read, the argument itself included; one more is too_large where the count is passed', () => {
    // The array, then 19 numbers: 20 values.
    expect(problems(Array.from({ length: 19 }, () => 1), { rootArrayLimit: 100 })).toEqual([]);
    const result = read(Array.from({ length: 20 }, () => 1), { rootArrayLimit: 100 });
    expect(result.issues).toEqual([{ path: ['arg', 19], code: 'too_large', message: "more than the policy's limit of 20 values in one argument" }]);
    expect(result.complete).toBe(false);
  });

  it('RULES §9: at most MAX_READ_ISSUES issues per argument; then the reading stops and nothing reads the copy', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_READ_ISSUES + 5 }, (_, i) => [`k${i}`, 'abcde']));
    const limits = { ...LIMITS, maxKeys: 1000, maxKeyLength: 10, maxValues: 10_000 };
    const result = readBounded(many, ['arg'], limits);
    expect(result.issues).toHaveLength(MAX_READ_ISSUES);
    expect(result.complete).toBe(false);
    const fewer = readBounded(Object.fromEntries(Array.from({ length: MAX_READ_ISSUES - 1 }, (_, i) => [`k${i}`, 'abcde'])), ['arg'], limits);
    expect(fewer.issues).toHaveLength(MAX_READ_ISSUES - 1);
    expect(fewer.complete).toBe(true);
  });
});

describe('RULES §9: what cannot be read, or is not data', () => {
  const UNREADABLE = 'could not be read: reading this value threw an exception';

  it('RULES §9: a hole is invalid_type at the first hole only, and stops the reading', () => {
    const holes: unknown[] = [1];
    holes[2] = 3;
    const result = read({ h: holes }, {});
    expect(result.issues).toEqual([{ path: ['arg', 'h', 1], code: 'invalid_type', message: 'a hole in a sparse array: no element at this index' }]);
    expect(result.complete).toBe(false);
    expect(problems([undefined, 1])).toEqual([]);
  });

  it('RULES §9: a getter that throws is unreadable at its key; the getters before it ran once', () => {
    let reads = 0;
    const input = Object.defineProperties({}, {
      a: { enumerable: true, get: () => ++reads },
      b: { enumerable: true, get: () => { throw new Error('b'); } },
    });
    const result = read({ o: input });
    expect(result.issues).toEqual([{ path: ['arg', 'o', 'b'], code: 'unreadable', message: UNREADABLE }]);
    expect(result.complete).toBe(false);
    expect(reads).toBe(2);
  });

  it('RULES §9: a getter that returns a value is read once, and its value is what the copy holds', () => {
    let reads = 0;
    const input = Object.defineProperty({}, 'a', { enumerable: true, get: () => `v${++reads}` });
    expect(read(input).value).toEqual({ a: 'v1' });
    expect(reads).toBe(1);
  });

  it('RULES §9: a proxy whose getter throws only the first time is unreadable at the object', () => {
    let first = true;
    const input = new Proxy({ a: 1 }, {
      get: (target, key) => {
        if (first) {
          first = false;
          throw new Error('once');
        }
        return Reflect.get(target, key) as unknown;
      },
    });
    expect(problems({ o: input })).toEqual([['arg/o', 'unreadable', UNREADABLE]]);
  });

  it('RULES §9: revoked proxies, traps that throw and a length that is not a number are unreadable where they are', () => {
    expect(problems({ p: revoked() })).toEqual([['arg/p', 'unreadable', UNREADABLE]]);
    expect(problems({ p: revoked([]) })).toEqual([['arg/p', 'unreadable', UNREADABLE]]);
    expect(problems({ p: new Proxy({}, { ownKeys: () => { throw new Error('keys'); } }) })).toEqual([['arg/p', 'unreadable', UNREADABLE]]);
    expect(problems({ p: new Proxy([1], { get: (t, k) => (k === 'length' ? '1' : Reflect.get(t, k)) as unknown }) })).toEqual([['arg/p', 'unreadable', UNREADABLE]]);
    expect(problems({ p: new Proxy([1], { get: (t, k) => { if (k === 'length') throw new Error('length'); return Reflect.get(t, k) as unknown; } }) })).toEqual([['arg/p', 'unreadable', UNREADABLE]]);
    expect(problems({ p: new Proxy([1, 2], { has: () => { throw new Error('has'); } }) })).toEqual([['arg/p/0', 'unreadable', UNREADABLE]]);
    expect(problems({ p: new Proxy([1, 2], { get: (t, k) => { if (k === '1') throw new Error('1'); return Reflect.get(t, k) as unknown; } }) })).toEqual([['arg/p/1', 'unreadable', UNREADABLE]]);
  });

  it('RULES §9: a function, a class instance, a Map or a Date is invalid_type at its path and stops the reading', () => {
    class Reading {
      celsius = 36.6;
    }
    expect(problems({ f: () => 1 })).toEqual([['arg/f', 'invalid_type', 'a function, not data']]);
    for (const value of [new Reading(), new Map(), new Date(0)]) {
      const result = read({ v: value });
      expect(result.issues.map((i) => [i.path.join('/'), i.code])).toEqual([['arg/v', 'invalid_type']]);
      expect(result.complete).toBe(false);
    }
  });
});

describe('RULES §9: bounded messages (src/errors.ts)', () => {
  it('RULES §9: clip keeps a message of MAX_MESSAGE_LENGTH characters and cuts a longer one to that length, with an ellipsis', () => {
    expect(MAX_MESSAGE_LENGTH).toBe(500);
    const exact = 'm'.repeat(500);
    expect(clip(exact)).toBe(exact);
    const cut = clip('m'.repeat(501));
    expect(cut).toHaveLength(500);
    expect(cut.endsWith('m…')).toBe(true);
  });

  it('RULES §9: internalIssue describes an Error by name and message, anything else by its type, and never throws', () => {
    const message = (cause: unknown) => internalIssue(cause, 'evaluate').message;
    const prefix = 'internal error of health-code-rules, not a problem with the input (could not evaluate: ';
    expect(internalIssue(new TypeError('t'), 'check')).toEqual({ path: [], code: 'internal', message: 'internal error of health-code-rules, not a problem with the input (could not check: TypeError: t); please report it' });
    expect(message(Object.assign(new Error('m'), { name: 7 }))).toBe(`${prefix}Error: m); please report it`);
    expect(message(Object.assign(new Error('m'), { message: 7 }))).toBe(`${prefix}Error: ); please report it`);
    expect(message(null)).toBe(`${prefix}a thrown null); please report it`);
    expect(message(Symbol('s'))).toBe(`${prefix}a thrown symbol); please report it`);
    expect(message(Object.create(null))).toBe(`${prefix}a thrown object); please report it`);
    expect(message(revoked())).toBe(`${prefix}a thrown object); please report it`);
    expect(message(Object.defineProperty(new Error(), 'name', { get: () => { throw new Error('x'); } }))).toBe(`${prefix}a thrown object); please report it`);
    const long = message(new RangeError('r'.repeat(10_000)));
    expect(long.startsWith(`${prefix}RangeError: rrr`)).toBe(true);
    expect(long.length).toBe(prefix.length + 500 + '); please report it'.length);
  });
});

describe('RULES §9: the message of HealthCodeInputError is bounded', () => {
  const issue = (i: number) => ({ path: ['history', i, 'at'], code: 'invalid_instant' as const, message: 'm' });

  it('RULES §9: MAX_ISSUES_LISTED problems are all listed; with one more, the first MAX_ISSUES_LISTED and a count of the rest; issues holds every one', () => {
    expect(MAX_ISSUES_LISTED).toBe(100);
    const exact = new HealthCodeInputError(Array.from({ length: 100 }, (_, i) => issue(i)));
    expect(exact.message.split('\n')).toHaveLength(101);
    expect(exact.message).toContain('history[99].at: m [invalid_instant]');
    expect(exact.message).not.toContain('more (see issues)');
    const over = new HealthCodeInputError(Array.from({ length: 102 }, (_, i) => issue(i)));
    const lines = over.message.split('\n');
    expect(lines[0]).toBe('Invalid input: 102 problems');
    expect(lines).toHaveLength(102);
    expect(lines[100]).toBe('  history[99].at: m [invalid_instant]');
    expect(lines[101]).toBe('  … and 2 more (see issues)');
    expect(over.issues).toHaveLength(102);
  });
});
