import type { RuleId } from '../schema/primitives.js';
import { gy } from './gy.js';
import { r1 } from './r1.js';
import { r2 } from './r2.js';
import { r3 } from './r3.js';
import { r4 } from './r4.js';
import { r5 } from './r5.js';
import type { Rule } from './rule.js';
import type { TransitionId } from '../transitions.js';
import { y1 } from './y1.js';
import { y2 } from './y2.js';

/**
 * The rule modules by id, in RULES order: the compiler checks that every rule id has its module,
 * and the transition catalogue, the messages and the assessment read each rule from here.
 */
export const RULE_MODULES: { readonly [R in RuleId]: Rule<R, TransitionId> } = Object.freeze({ R1: r1, R2: r2, R3: r3, R4: r4, R5: r5, Y1: y1, Y2: y2, GY: gy });
