import { type Assessment } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { declaration } from '../../src/testing/index.js';

/**
 * A declaration with no facts, submitted 2020-02-01T10:00+08:00 (RULES §10 example 1), built by
 * the published builder; fields that the builder would reject (to test bad input) are laid over it.
 */
export function decl(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...declaration(), ...extra };
}

let counter = 0;
/** An event of any kind, with a fresh id unless one is given. */
export function ev(kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { id: `e${counter}`, at, kind, ...fields };
}

export const approved = { id: 'ok', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' };

/** The ids of the active rules. */
export function rules(a: Assessment): string[] {
  return a.reasons.map((r) => r.rule);
}

/** The transition ids of the trail. */
export function transitionIds(a: Assessment): string[] {
  return a.trail.map((t) => t.transition);
}

/** Shorthand: evaluate under the default policy. */
export function run(declaration: Record<string, unknown>, history: unknown[], now: string): Assessment {
  return evaluate(declaration, history, now);
}
