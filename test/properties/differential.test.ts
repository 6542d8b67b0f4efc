import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidPolicy } from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { naiveEvaluate } from '../oracle/naive.js';
import { check } from '../support/seed.js';
import { engineOf, policies } from '../support/scenario.js';

/**
 * The differential oracle (issue 3, item 5): the engine must agree with the naive day-by-day
 * simulation of `test/oracle/naive.ts` (written from the rule book alone) on colour, active rules,
 * `releaseAt`, `issued` and `missedDailyReports`, on generated cases under generated policies
 * (the conventions the oracle supports: civil-code and inclusive-start, T-3).
 */

const conventions: fc.Arbitrary<ValidPolicy> = fc.oneof(policies('civil-code'), policies('inclusive-start'));

describe('differential: the engine against the naive oracle', () => {
  it('RULES §2–§5: colour, active rules, releaseAt, issued and missed daily reports agree with a day-by-day simulation on generated cases', () => {
    check(
      fc.property(conventions, arbitraries.case(), (p, c) => {
        const a = engineOf(p).evaluate(c.declaration, c.history, c.now);
        const expected = naiveEvaluate(c.declaration, c.history, c.now, p);
        expect({
          colour: a.colour,
          rules: a.reasons.map((r) => r.rule),
          releaseAt: a.releaseAt,
          issued: a.issued,
          missedDailyReports: a.missedDailyReports,
        }).toEqual(expected);
      }),
      'differential',
    );
  });
});
