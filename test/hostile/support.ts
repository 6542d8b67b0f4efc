import * as fc from 'fast-check';
import { expect } from 'vitest';
import { HealthCodeInputError, type InputIssue, type SafeResult } from '../../src/index.js';

/**
 * Hostile JavaScript values for RULES §9 (issue 16): getters that throw anything, proxies whose
 * traps throw, revoked proxies, cycles, frozen objects, class instances, symbols, bigints.
 */

/** A proxy that has been revoked: every operation on it throws a TypeError. */
export function revoked(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** Things a getter or a trap may throw: not only Errors. */
export const thrownValue: fc.Arbitrary<() => unknown> = fc.constantFrom(
  () => new Error('thrown'),
  () => new RangeError('x'.repeat(100_000)),
  () => Object.create(null) as unknown,
  () => undefined,
  () => null,
  () => Symbol('thrown'),
  () => 10n,
  () => revoked(),
  () => ({
    toString() {
      throw new Error('toString');
    },
    [Symbol.toPrimitive]() {
      throw new Error('toPrimitive');
    },
  }),
  () => new Proxy({}, { get: () => { throw new Error('get'); }, getPrototypeOf: () => { throw new Error('proto'); } }),
);

class Reading {
  readonly celsius = 36.6;
  readonly kind = 'temperature';
}

/**
 * Makers of values that cannot be read as data: each is an issue at its path, never an exception.
 * The arbitraries give makers, not values: fast-check itself may not touch a revoked proxy.
 */
export const unreadableValue: fc.Arbitrary<() => unknown> = fc.oneof(
  thrownValue.map((t) => () => Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw t(); } })),
  thrownValue.map((t) => () => new Proxy({}, { ownKeys: () => { throw t(); } })),
  thrownValue.map((t) => () => new Proxy({ a: 1 }, { get: () => { throw t(); } })),
  thrownValue.map((t) => () => new Proxy([1, 2], { get: () => { throw t(); } })),
  thrownValue.map((t) => () => new Proxy([1, 2], { has: () => { throw t(); } })),
  thrownValue.map((t) => () => new Proxy({}, { getPrototypeOf: () => { throw t(); } })),
  fc.constant(() => revoked()),
  fc.constant(() => revoked([])),
);

/** Makers of values that can be read but are not JSON data, or are odd JSON data. */
export const oddValue: fc.Arbitrary<() => unknown> = fc.constantFrom<() => unknown>(
  () => Symbol('s'),
  () => 10n,
  () => -0,
  () => Number.NaN,
  () => () => 1,
  () => new Reading(),
  () => new Map([[1, 2]]),
  () => new Date(0),
  () => new Uint8Array(3),
  () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    return cyclic;
  },
  () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    return cyclic;
  },
  () => Object.freeze({ frozen: Object.freeze(['x']) }),
  () => Object.assign(Object.create(null) as object, { id: 'x' }),
);

/** Makers of every hostile value. */
export const hostileJs: fc.Arbitrary<() => unknown> = fc.oneof(unreadableValue, oddValue);

/** Every location of a JSON tree, as a path from its root. */
export function locations(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...locations(v, [...path, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...locations(v, [...path, k]));
  return out;
}

/** A copy of `root` with the value at `path` replaced (or the root itself). */
export function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt((root as Record<string | number, unknown>)[head], rest, value);
  return copy;
}

/** A copy of `root` where reading the value at `path` runs a getter that throws `thrown()`. */
export function getterAt(root: unknown, path: readonly (string | number)[], thrown: () => unknown): unknown {
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  if (rest.length === 0)
    Object.defineProperty(copy, head, {
      enumerable: true,
      configurable: true,
      get: () => {
        throw thrown();
      },
    });
  else copy[head] = getterAt((root as Record<string | number, unknown>)[head], rest, thrown);
  return copy;
}

/**
 * The failure contract under hostile input: a `HealthCodeInputError` with at least one issue,
 * none of them `internal` (an input explains every failure), each path starting at an argument,
 * each message bounded.
 */
export function expectInputFailure(result: SafeResult<unknown>, args: readonly string[]): InputIssue[] {
  expect(result.success).toBe(false);
  if (result.success) return [];
  expect(result.error).toBeInstanceOf(HealthCodeInputError);
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(issue.code, issue.message).not.toBe('internal');
    expect(args).toContain(issue.path[0]);
    for (const part of issue.path) expect(['string', 'number']).toContain(typeof part);
    expect(issue.message.length).toBeLessThanOrEqual(600);
  }
  return [...result.error.issues];
}

/** Calls `fn`, which may throw only a `HealthCodeInputError`; returns what it threw, or undefined. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(HealthCodeInputError);
    return error;
  }
}
