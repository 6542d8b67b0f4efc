import type { Symptom } from '../schema/primitives.js';
import { symptomsOf } from '../timeline.js';
import type { ValidEvent } from '../schema/events.js';
import { push, recount } from './clock.js';
import { countOccurrence } from './gy.js';
import { r2 } from './r2.js';
import { r3 } from './r3.js';
import { r4 } from './r4.js';
import { y1 } from './y1.js';
import { y2 } from './y2.js';
import { gy } from './gy.js';
import { addEvidence, cite, currentColour, type Fold } from './state.js';

// The rules a symptom can reset, in RULES order.
const RESETTABLE = [r2, r3, r4, y1, y2, gy] as const;

/**
 * I-7, I-14 and I-8: what a recorded symptom does. While not green, it restarts the count of
 * every active condition its rule's `reset` says it restarts; while green, it is an occurrence
 * for GY's twice rule.
 */
export function applySymptoms(f: Fold, ms: number, event: ValidEvent): void {
  const recorded = symptomsOf(event, f.cp.policy.feverThresholdCelsius);
  if (recorded.length === 0) return;
  const kinds = (recorded.length === 1 ? recorded : [...new Set(recorded)]) as Symptom[];
  if (currentColour(f.state) === 'green') {
    countOccurrence(f, ms, event.id, kinds);
    return;
  }
  for (const { id: rule, reset } of RESETTABLE) {
    const c = f.state.conditions[rule];
    if (c === undefined || !reset.restarts(f, c, kinds, event)) continue;
    c.restartAt = ms;
    cite(c, reset.cites);
    addEvidence(c, event.id);
    recount(f, c);
    push(f, reset.transition, ms, [event.id], rule);
  }
}
