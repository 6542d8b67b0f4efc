import type { RuleId } from '../schema/primitives.js';
import type { CitedId } from './state.js';

/**
 * A row of the transition catalogue (RULES §5). Each rule module declares the rows it owns; the
 * catalogue (`transitions`) puts them together in RULES order.
 */

/** One transition of the health-code state machine. */
export interface Transition<I extends string = string> {
  /** The stable id (RULES §5). */
  readonly id: I;
  /** The rule whose condition it moves, if any. */
  readonly rule: RuleId | null;
  /** The state before. */
  readonly from: string;
  /** The state after. */
  readonly to: string;
  /** What makes it happen. */
  readonly trigger: string;
  /** The section of the source policy it comes from. */
  readonly section: string;
  /** The interpretations and time rules it relies on. */
  readonly interpretations: readonly CitedId[];
}

/** A catalogue row; the id keeps its literal type, so that the ids form a union. */
export const row = <const I extends string>(
  id: I,
  rule: RuleId | null,
  from: string,
  to: string,
  trigger: string,
  section: string,
  interpretations: readonly CitedId[] = [],
): Transition<I> => Object.freeze({ id, rule, from, to, trigger, section, interpretations: Object.freeze([...interpretations]) });
