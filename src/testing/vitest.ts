import { expect } from 'vitest';
import type { Colour, RuleId } from '../schema/primitives.js';
import { matchers, type Instant, type ReasonExpectation } from './matchers.js';

/**
 * The opt-in registration of the health-code matchers with vitest:
 * `import 'health-code-rules/testing/vitest'` (in a test file or a `setupFiles` entry) adds
 * `toBeColour`, `toReleaseAt`, `toHaveReason` and `toHaveTransition` to `expect`, typed.
 * The main entry and `health-code-rules/testing` never import vitest.
 */

/** The matchers this module adds to vitest's `expect` (see `health-code-rules/testing`). */
export interface HealthCodeMatchers<R = unknown> {
  /** The assessment has this colour (I-1). */
  toBeColour(colour: Colour): R;
  /** `releaseAt` is this instant (any offset), falls on this local day `YYYY-MM-DD`, or is `null` (T-3). */
  toReleaseAt(expected: Instant | null): R;
  /** One of the reasons is this rule, with this phase and release if given (RULES §8). */
  toHaveReason(rule: RuleId, expectation?: ReasonExpectation): R;
  /** The trail holds this transition, at this instant if given (RULES §5). */
  toHaveTransition(transition: string, at?: Instant): R;
}

declare module 'vitest' {
  // The type parameter must match vitest's own declaration of `Matchers` for the merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends HealthCodeMatchers<T> {}
}

expect.extend(matchers);
