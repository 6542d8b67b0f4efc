import { describe, expect, it, vi } from 'vitest';
import { HealthCodeInputError, lianyungang2020, safeCheck, safeEvaluate } from '../../src/index.js';
import { createEngine, defaultEngine, evaluate, check } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';
import { revoked } from './support.js';

/**
 * RULES §9 (issue 16): an exception inside the engine that no input explains is reported with
 * its own code, `internal`, never dressed as bad input, never as `String(cause)` of an unknown
 * value; the throwing functions still throw only `HealthCodeInputError`. The engine has no such
 * defect to show, so one is planted: the fold, the checkpoint table and the policy compiler are
 * replaced by versions that throw what `failure.next` gives (left out of the mutation run, whose
 * test files share one module graph).
 */

const failure = vi.hoisted(() => ({ next: undefined as (() => unknown) | undefined }));

vi.mock('../../src/fold.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/fold.js')>();
  return {
    ...original,
    advance: (...args: Parameters<typeof original.advance>) => {
      if (failure.next !== undefined) throw failure.next();
      return original.advance(...args);
    },
  };
});
vi.mock('../../src/checkpoint.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/checkpoint.js')>();
  return {
    ...original,
    decideCheckpoint: (...args: Parameters<typeof original.decideCheckpoint>) => {
      if (failure.next !== undefined) throw failure.next();
      return original.decideCheckpoint(...args);
    },
  };
});
vi.mock('../../src/policy/compile.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/policy/compile.js')>();
  return {
    ...original,
    compilePolicy: (input: unknown) => {
      if (failure.next !== undefined) throw failure.next();
      return original.compilePolicy(input);
    },
  };
});

const NOW = '2020-02-20T12:00:00+08:00';
const context = { venue: 'public-place', direction: 'in', celsius: 36.5, at: NOW };

/** What the planted defect throws, and how the issue describes it. */
const THROWN: [string, () => unknown, string][] = [
  ['an Error', () => new TypeError('x is undefined'), 'TypeError: x is undefined'],
  ['an Error with a huge message', () => new RangeError('y'.repeat(10_000_000)), 'RangeError: yyy'],
  ['a null-prototype object', () => Object.create(null) as unknown, 'a thrown object'],
  ['a revoked proxy', () => revoked(), 'a thrown object'],
  ['a value whose toString throws', () => ({ toString: () => { throw new Error('again'); } }), 'a thrown object'],
  ['a symbol', () => Symbol('s'), 'a thrown symbol'],
  ['a bigint', () => 10n, 'a thrown bigint'],
  ['null', () => null, 'a thrown null'],
  ['undefined', () => undefined, 'a thrown undefined'],
  ['an Error whose name is not a string', () => Object.assign(new Error('m'), { name: 7 }), 'Error: m'],
  ['an Error whose message getter throws', () => Object.defineProperty(new Error(), 'message', { get: () => { throw new Error('no'); } }), 'a thrown object'],
];

describe('RULES §9: an exception inside the engine is an internal issue, not an input issue', () => {
  it.each(THROWN)('RULES §9: %s thrown inside evaluate, summarize and check is one internal issue with a bounded message', (_what, thrown, described) => {
    failure.next = thrown;
    try {
      for (const result of [safeEvaluate(minimalDeclaration(), [], NOW), defaultEngine.safeSummarize(minimalDeclaration(), [], NOW), safeCheck(null, context)]) {
        expect(result.success).toBe(false);
        if (result.success) continue;
        expect(result.error).toBeInstanceOf(HealthCodeInputError);
        expect(result.error.issues).toHaveLength(1);
        const [issue] = result.error.issues;
        expect(issue?.code).toBe('internal');
        expect(issue?.path).toEqual([]);
        expect(issue?.message).toMatch(/^internal error of health-code-rules, not a problem with the input \(could not (evaluate|check): /);
        expect(issue?.message).toContain(described);
        expect(issue?.message.length).toBeLessThan(700);
      }
      expect(() => evaluate(minimalDeclaration(), [], NOW)).toThrow(HealthCodeInputError);
      expect(() => check(null, context)).toThrow(HealthCodeInputError);
      let caught: unknown;
      try {
        createEngine(lianyungang2020);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(HealthCodeInputError);
      expect((caught as HealthCodeInputError).issues).toEqual([expect.objectContaining({ path: [], code: 'internal' })]);
      expect((caught as HealthCodeInputError).message).toContain('could not compile the policy');
    } finally {
      failure.next = undefined;
    }
  });

  it('RULES §9: without a planted defect the same calls succeed (the planted versions pass through)', () => {
    expect(safeEvaluate(minimalDeclaration(), [], NOW).success).toBe(true);
    expect(safeCheck(null, context).success).toBe(true);
    expect(() => createEngine(lianyungang2020)).not.toThrow();
  });

  it('RULES §9: createEngine lets an invalid policy\'s HealthCodeInputError through as it is', () => {
    failure.next = () => new HealthCodeInputError([{ path: ['policy', 'id'], code: 'too_small', message: 'must not be empty' }], 'policy');
    try {
      expect(() => createEngine(lianyungang2020)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'too_small' })] }));
    } finally {
      failure.next = undefined;
    }
  });
});
