/**
 * `health-code-rules/testing`: what an app needs to test its own code against the engine.
 * Builders of valid format v1 data (`declaration`, `event.<kind>`, `scenario`), the fast-check
 * arbitraries the library's own property tests use (`arbitraries`), and runner-neutral matchers.
 * A subpath of its own, so that production bundles of the main entry never carry it; the vitest
 * registration of the matchers is a further opt-in: `import 'health-code-rules/testing/vitest'`.
 */
export { declaration, event, scenario } from './builders.js';
export type {
  At,
  AuthorityOptions,
  Case,
  DeclarationOverrides,
  EventBuilders,
  EventOptions,
  Moment,
  MomentEvents,
  Scenario,
  ScenarioDay,
  ScenarioOptions,
} from './builders.js';
export { arbitraries } from './arbitraries.js';
export type {
  CaseOptions,
  DeclarationOptions,
  FactsOption,
  HistoryOptions,
  InstantOptions,
  PolicyOptions,
  Case as GeneratedCase,
} from './arbitraries.js';
export { describeAssessment, matchers, toBeColour, toHaveReason, toHaveTransition, toReleaseAt } from './matchers.js';
export type { Instant, MatcherResult, ReasonExpectation } from './matchers.js';
