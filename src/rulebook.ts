import { RULE_MODULES } from './rules/index.js';
import type { Phase } from './rules/state.js';
import type { CitedId } from './rules/state.js';
import type { EventKind } from './schema/events.js';
import { RULES, type RuleId } from './schema/primitives.js';
import type { TransitionId } from './transitions.js';

/** One rule of RULES §3–§5 in words, as its module declares it. */
export interface RuleDescription {
  readonly id: RuleId;
  readonly colour: 'red' | 'yellow';
  /** The section of the source policy. */
  readonly section: string;
  /** What starts it: fields of the declaration, kinds of events, and their guards. */
  readonly starts: { readonly declared: readonly string[]; readonly events: readonly EventKind[]; readonly guards: readonly string[] };
  readonly phases: readonly Phase[];
  /** Where its count starts. */
  readonly anchor: string;
  /** How it ends. */
  readonly release: string;
  /** How other rules and its own later triggers act on it. */
  readonly interactions: readonly string[];
  /** The interpretations and time rules it relies on. */
  readonly interpretations: readonly CitedId[];
  /** The ids of the transitions it owns (RULES §5). */
  readonly transitions: readonly TransitionId[];
}

/**
 * Every rule as its module in `src/rules/` declares it, in RULES order: an app can show what
 * starts a rule and what ends it, and the docs are generated from this list.
 *
 * @example
 * rules.find((r) => r.id === 'R2')?.starts.events // ['close-contact']
 */
export const rules: readonly RuleDescription[] = /* @__PURE__ */ Object.freeze(
  RULES.map((id): RuleDescription => {
    const m = RULE_MODULES[id];
    return Object.freeze({
      id,
      colour: m.colour,
      section: m.section,
      starts: m.starts,
      phases: m.phases,
      anchor: m.anchor,
      release: m.release,
      interactions: m.interactions,
      interpretations: m.interpretations,
      transitions: m.transitions.map((t) => t.id),
    });
  }),
);
