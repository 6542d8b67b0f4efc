import { APP_TRANSITIONS, DERIVED_TRANSITIONS } from './rules/app.js';
import { gy } from './rules/gy.js';
import { r1 } from './rules/r1.js';
import { r2 } from './rules/r2.js';
import { r3 } from './rules/r3.js';
import { r4 } from './rules/r4.js';
import { r5 } from './rules/r5.js';
import { y1 } from './rules/y1.js';
import { y2 } from './rules/y2.js';

export type { Transition } from './rules/row.js';

/**
 * The transition catalogue of RULES §5 as data: every trail entry carries one of these ids, and the
 * tests, the docs and the state diagram are generated from this one list. Each rule's rows come
 * from its module (`src/rules/`), in RULES order, between the rows of the code itself and those of
 * the derived colour and of a voided event.
 *
 * @example
 * transitions.find((x) => x.id === 'T-R2-reset')?.section // '§3.2'
 */
export const transitions = Object.freeze([
  ...APP_TRANSITIONS,
  ...r1.transitions,
  ...r2.transitions,
  ...r3.transitions,
  ...r4.transitions,
  ...r5.transitions,
  ...y1.transitions,
  ...y2.transitions,
  ...gy.transitions,
  ...DERIVED_TRANSITIONS,
] as const);

/** A transition id of RULES §5. */
export type TransitionId = (typeof transitions)[number]['id'];

/** Every transition id, in catalogue order (the `transition` enum of the assessment's JSON Schema). */
export const TRANSITION_IDS: readonly TransitionId[] = Object.freeze(transitions.map((t) => t.id));
