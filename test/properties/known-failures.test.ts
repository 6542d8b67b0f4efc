import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lianyungang2020, type Assessment } from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { adverse } from '../support/adverse.js';
import { check } from '../support/seed.js';
import { DAY, engineOf, msOf } from '../support/scenario.js';

/**
 * Properties that fail today, kept so that they run again once the rule book or the engine is
 * settled. Each names why it fails, with a minimal case; the suite skips them meanwhile.
 */

const engine = engineOf(lianyungang2020);
const RANK = { green: 0, yellow: 1, red: 2 } as const;
const releaseKey = (a: Assessment): number =>
  a.colour === 'green' ? Number.NEGATIVE_INFINITY : a.releaseAt === null ? Number.POSITIVE_INFINITY : msOf(a.releaseAt);

// Rule-book conflict, not an engine bug: the issue asks that an adverse event added ANYWHERE in a
// history never makes the colour greener nor the release earlier, but RULES I-17 and I-8 imply
// otherwise when the adverse event comes before other events:
//  - (settled by the amended I-4: a declared R1 after a discharge before the submission starts in
//    its observation, so adding an earlier positive test no longer changes its release.)
//  - I-17 T-R4-confirmed: a positive test during R4 ends R4, and a discharge then releases R1
//    earlier than R4's own count would have ended.
//  - I-8 "after the subject last turned green": a red episode clears earlier occurrences, so a
//    GY that the twice rule would have started does not start.
// The monotonicity property in invariants.test.ts adds the adverse event after every other event.
describe.skip('known failures (rule-book conflict with the issue, see the comment above)', () => {
  it('monotonicity: adding an adverse event anywhere never makes the colour greener nor the release earlier', () => {
    check(
      fc.property(
        arbitraries.case().chain((c) => fc.tuple(fc.constant(c), adverse(msOf(c.declaration.submittedAt) - 5 * DAY, msOf(c.now)))),
        ([c, extra]) => {
          const without = engine.evaluate(c.declaration, c.history, c.now);
          const withIt = engine.evaluate(c.declaration, [...c.history, extra], c.now);
          expect(RANK[withIt.colour]).toBeGreaterThanOrEqual(RANK[without.colour]);
          expect(releaseKey(withIt)).toBeGreaterThanOrEqual(releaseKey(without));
        },
      ),
      'invariant',
    );
  });
});

