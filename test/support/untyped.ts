import * as lib from '../../src/index.js';
import type { Assessment, CheckDecision, Engine } from '../../src/index.js';

/**
 * The library's throwing functions with their parameters typed `unknown`, for the tests that feed
 * them data as it comes from outside (hand-written JSON, deliberately bad input) and check what
 * happens at run time. The typed signatures themselves are proved by test/types.test.ts.
 */

/** An engine whose throwing functions take `unknown`. */
export interface UntypedEngine extends Omit<Engine, 'evaluate' | 'check'> {
  evaluate(declaration: unknown, history: unknown, now: unknown): Assessment;
  check(assessment: unknown, context: unknown): CheckDecision;
}

export const evaluate = lib.evaluate as unknown as (declaration: unknown, history: unknown, now: unknown) => Assessment;
export const check = lib.check as unknown as (assessment: unknown, context: unknown) => CheckDecision;
export const createEngine = lib.createEngine as unknown as (policy: unknown) => UntypedEngine;
export const defaultEngine = lib.defaultEngine as unknown as UntypedEngine;
