import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lianyungang2020, type Assessment } from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { comparePolicies, emptyTally, reportOf, tallyItem } from '../../src/compare.js';
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
//  - I-17 (amended: R1 and R4 never active at once): a positive test before the submission starts
//    R1, so a declared fever-clinic observation only adds evidence to it; a discharge then gives R1
//    a release date where R4 alone would still be awaiting its exclusion and recovery (release
//    null). Minimal case (FC_RUNS=1000, after the rule modules): feverClinicObservation declared,
//    a discharge on 02-17, and the added positive test on 01-15.
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

// Not a rule-book conflict with an issue but a consequence of I-17 that the impact analysis met: a
// longer observation can release someone earlier. R4 observed from 01-20 is released on 02-04
// under 14 days; a new fever-clinic observation, exclusion and recovery on 02-04 then start a new
// count (release 02-19). Under 21 days R4 is still active on 02-04, so the new trigger only adds
// evidence and the first exclusion and recovery are kept: release 02-11, 8 days earlier.
// test/compare.test.ts pins that case.
describe.skip('known failures (I-17: a re-trigger during a condition only adds evidence)', () => {
  it('compare: a longer observation (21 days) never releases anyone earlier: every release shift is at least 0', () => {
    const longer = { ...lianyungang2020, id: 'observation-21', observationDays: 21 };
    const NOW = '2020-02-20T12:00:00+08:00';
    check(
      fc.property(fc.array(arbitraries.case(), { minLength: 1, maxLength: 8 }), (cases) => {
        const engines = comparePolicies({ baseline: lianyungang2020, reform: longer, now: NOW });
        const t = emptyTally();
        cases.forEach((c, i) => tallyItem(t, i, c, engines, NOW, 0));
        for (const days of Object.keys(reportOf(t, engines, NOW, 0).releaseShift.days)) expect(Number(days)).toBeGreaterThanOrEqual(0);
      }),
      'invariant',
    );
  });
});

