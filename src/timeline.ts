import type { Ignored } from './schema/assessment.js';
import type { ValidEvent } from './schema/events.js';
import type { InputEvent } from './validate.js';

/**
 * T-5 … T-7 and I-13: which events are applied, in which order, and which are ignored and why.
 */

/** The events to apply, in T-6 order, and the ones left out. */
export interface Timeline {
  readonly applied: readonly InputEvent[];
  readonly ignored: readonly Ignored[];
}

/** T-6: by instant, then rank, then id as JavaScript compares strings. */
export function compareEvents(a: InputEvent, b: InputEvent): number {
  return compareKeys(a.ms, a.rank, a.event.id, b.ms, b.rank, b.event.id);
}

/** T-6 on the keys themselves: by instant, then rank, then id (for lists that keep only the keys). */
export function compareKeys(aMs: number, aRank: number, aId: string, bMs: number, bRank: number, bId: string): number {
  if (aMs !== bMs) return aMs - bMs;
  if (aRank !== bRank) return aRank - bRank;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

// Stryker disable all: a shortcut only; answering "not in order" sorts a list that needs no sort, and the stable sort changes nothing
/** Whether `events` are already in T-6 order (histories usually arrive in time order). */
function isOrdered(events: readonly InputEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (compareEvents(events[i - 1] as InputEvent, events[i] as InputEvent) > 0) return false;
  return true;
}
// Stryker restore all

/**
 * Orders a validated history: identical duplicates are applied once (RULES §9), events after
 * `now` are ignored as `future` (T-5), and effective corrections void their targets (I-13); a
 * future event that is also voided is listed as `future`.
 */
export function buildTimeline(events: readonly InputEvent[], nowMs: number): Timeline {
  // T-6 order first. Validation let one id through only with one content (RULES §9), so the copies
  // of an event share its instant, rank and id and sit side by side, the first in input order
  // first (the sort is stable): the first is applied, the others are duplicates.
  const ordered = isOrdered(events) ? events : [...events].sort(compareEvents);
  const unique: InputEvent[] = [];
  const duplicates: InputEvent[] = [];
  let previous: string | undefined;
  for (const item of ordered) {
    if (item.event.id === previous) duplicates.push(item);
    else unique.push(item);
    previous = item.event.id;
  }
  const voiders = new Map<string, string[]>();
  for (const item of unique) {
    // Stryker disable next-line ConditionalExpression: a shortcut; a non-correction filed under `voids` (undefined) is the voider of no id
    if (item.event.kind !== 'correction') continue;
    const list = voiders.get(item.event.voids) ?? [];
    list.push(item.event.id);
    voiders.set(item.event.voids, list);
  }
  // Most histories have no correction: then nothing is void, and no index by id is needed.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with no voider, the walk finds nothing void
  const byId = voiders.size === 0 ? null : new Map(unique.map((item) => [item.event.id, item]));

  // A correction is effective when it is not future and not voided by an effective correction;
  // an event is void when an effective correction voids it. Chains are walked without recursion.
  const voided = new Map<string, boolean>();
  const isVoided = (start: string): boolean => {
    if (byId === null) return false;
    const stack = [start];
    while (stack.length > 0) {
      const id = stack[stack.length - 1] as string;
      // Stryker disable next-line ConditionalExpression: remembered answers; walking an id again gives the same one
      if (voided.has(id)) {
        stack.pop();
        continue;
      }
      const pending = (voiders.get(id) ?? []).filter((c) => !voided.has(c));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      const effective = (voiders.get(id) ?? []).some(
        (c) => (byId.get(c) as InputEvent).ms <= nowMs && voided.get(c) === false,
      );
      voided.set(id, effective);
      stack.pop();
    }
    return voided.get(start) === true;
  };

  const applied: InputEvent[] = [];
  // The copies first: the stable sort below keeps a copy before its first event when that one is
  // future or void, in T-6 order otherwise.
  const ignored: { item: InputEvent; why: Ignored['why'] }[] = duplicates.map((item) => ({ item, why: 'duplicate' }));
  for (const item of unique) {
    if (item.ms > nowMs) ignored.push({ item, why: 'future' });
    else if (isVoided(item.event.id)) ignored.push({ item, why: 'void' });
    else applied.push(item);
  }
  ignored.sort((a, b) => compareEvents(a.item, b.item));
  return { applied, ignored: ignored.map(({ item, why }) => ({ id: item.event.id, why })) };
}

/** The symptom kinds an event records, a reading at or above the threshold being a fever (I-8). */
export function symptomsOf(event: ValidEvent, feverThreshold: number): readonly string[] {
  switch (event.kind) {
    case 'symptoms':
    case 'daily-report':
      return event.symptoms;
    case 'temperature':
      return event.celsius >= feverThreshold ? ['fever'] : [];
    default:
      return [];
  }
}
