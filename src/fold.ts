import { RULES } from './schema/primitives.js';
import { correction, review } from './rules/app.js';
import { applyIsolation, push, releaseDue, settle } from './rules/clock.js';
import { discharge, noteR1Trigger, triggerR1 } from './rules/r1.js';
import { contactOfCase, startWaitingContacts } from './rules/r2.js';
import { contact, declaredAreas, visit } from './rules/r3.js';
import { excludedOrRecovered, triggerR4 } from './rules/r4.js';
import { designate, release } from './rules/r5.js';
import { applySymptoms } from './rules/resets.js';
import { currentColour, type Fold, type RawTrailEntry, type Stamp } from './rules/state.js';
import { declaredSymptoms } from './rules/y1.js';
import { contactOfObservee, declaredContactOfObservee } from './rules/y2.js';
import type { InputEvent } from './validate.js';

export { colourOf } from './rules/state.js';

/**
 * The fold of RULES §2–§5: the T-6 loop over the applied events and the dispatch of each event to
 * the rule modules (`src/rules/`), which hold everything about each rule. The state is plain data
 * (`FoldState`), so a fold can stop after any instant and be continued from a snapshot.
 */

/** One applied event (RULES §1–§5): releases due first (T-6), then the event, then the colour (I-1). */
export function step(f: Fold, item: InputEvent): void {
  startWaitingContacts(f, item.ms);
  releaseDue(f, item.ms);
  apply(f, item);
  settle(f, item.ms, [item.event.id]);
}

/** Hands one event to the rule module it concerns; an event with nothing to act on changes nothing (I-19). */
function apply(f: Fold, { event, ms }: InputEvent): void {
  f.state.applied.push(event.id);
  // readings.triggers "at-application": an event after the submission starts or re-triggers none of R1, R2, R3, R5 (I-19).
  const late = f.atApplication && ms > f.facts.submittedMs;
  switch (event.kind) {
    case 'test-result':
      if (event.result !== 'positive') return;
      noteR1Trigger(f, ms);
      if (!late) triggerR1(f, ms, event.id, false, 'positive');
      return;
    case 'diagnosis':
      noteR1Trigger(f, ms);
      if (!late) triggerR1(f, ms, event.id, false, event.status);
      return;
    case 'hospital-discharge':
      return discharge(f, ms, event.id);
    case 'fever-clinic-observation':
      return triggerR4(f, ms, event.id, false);
    case 'covid-excluded':
    case 'recovered':
      return excludedOrRecovered(f, ms, event.id, event.kind === 'covid-excluded');
    case 'isolation-started':
      return applyIsolation(f, ms, event.id);
    case 'close-contact':
      if (event.of === 'fever-clinic-observee') contactOfObservee(f, ms, event.id);
      else if (!late) contactOfCase(f, ms, event.id, false);
      return;
    case 'key-area-visit':
      return late ? undefined : visit(f, ms, event);
    case 'key-area-contact':
      return late ? undefined : contact(f, ms, event);
    case 'daily-report':
      noteReport(f, ms);
      return applySymptoms(f, ms, event);
    case 'temperature':
    case 'symptoms':
      return applySymptoms(f, ms, event);
    case 'high-risk-designation':
      return late ? undefined : designate(f, ms, event);
    case 'authority-release':
      return release(f, ms, event);
    case 'review-approved':
    case 'review-rejected':
      return review(f, ms, event);
    case 'correction':
      return correction(f, ms, event);
  }
}

/** I-10: the day of a daily report (events come in T-6 order, so the days ascend). */
function noteReport(f: Fold, ms: number): void {
  const day = f.cp.zone.dayOf(ms);
  const days = f.state.reportDays;
  if (days[days.length - 1] !== day) days.push(day);
}

/**
 * The declaration at `submittedMs` (§3–§5 facts, I-16), and the start of the trail (T-7):
 * T-app-submitted, the `-on` entries of the conditions active then in rule order (§5), then
 * T-colour from green unless green.
 */
function declare(f: Fold): void {
  const { state, facts } = f;
  const ms = facts.submittedMs;
  const d = facts.declaration;
  const before = { ...state.conditions };
  const buffer: RawTrailEntry[] = [];
  f.sink = buffer;
  if (d.clinical !== 'none') triggerR1(f, ms, 'declaration', true, d.clinical);
  if (d.closeContactOfCase) contactOfCase(f, ms, 'declaration', true);
  declaredAreas(f, ms);
  // I-16: a declared R1 fact means R4 does not start.
  if (d.feverClinicObservation && d.clinical === 'none') triggerR4(f, ms, 'declaration', true);
  // I-16: Y1 and Y2 start at the declaration only if no red condition is active then.
  const red = currentColour(state) === 'red';
  declaredSymptoms(f, ms, red);
  declaredContactOfObservee(f, ms, red);
  for (const rule of ['Y1', 'Y2'] as const) {
    const c = state.conditions[rule];
    if (c?.declared === true && !c.interpretations.includes('I-16')) c.interpretations.push('I-16');
  }
  const colour = currentColour(state);
  state.declared = true;
  f.sink = state.trail;
  push(f, 'T-app-submitted', ms, ['declaration']);
  f.sink = buffer;
  for (const rule of RULES) {
    const c = state.conditions[rule];
    if (c !== undefined && before[rule] === c) push(f, `T-${rule}-on`, ms, c.evidence, rule);
  }
  // §5: the submission's entries in rule order; T-R4-confirmed right before the T-R1-on it
  // causes, and an -off at a condition's start right after its -on (the sort is stable).
  buffer.sort((a, b) => entryOrder(a) - entryOrder(b));
  for (const entry of buffer) state.trail.push({ ...entry, colour });
  f.sink = state.trail;
  if (colour !== 'green') push(f, 'T-colour', ms, ['declaration'], undefined, 'green');
  if (colour !== state.colour) {
    state.colour = colour;
    state.since = ms;
    if (colour !== 'green') state.occurrences = {};
  }
}

/** Where an entry of one instant goes among the others (§5): by rule, then confirmed, on, the rest, off. */
function entryOrder(entry: RawTrailEntry): number {
  const confirmed = entry.transition === 'T-R4-confirmed';
  const rule = RULES.indexOf(confirmed ? 'R1' : (entry.rule ?? 'GY'));
  const step = confirmed ? 0 : entry.transition.endsWith('-on') ? 1 : entry.transition.endsWith('-off') ? 3 : 2;
  return rule * 4 + step;
}

/**
 * Looks ahead within one instant, as T-6 applies its events one after the other but the rule book
 * reads some facts of the instant as a whole: an isolation start at the instant is known to a
 * contact waiting for one (readings.closeContact "literal"), and one at the submission anchors the
 * declared conditions (I-3 (2)).
 */
function noteInstant(f: Fold, items: readonly InputEvent[], from: number, to: number): void {
  const { state, facts } = f;
  let last: Stamp | null = null;
  for (let k = from; k < to; k++) {
    const { event, ms } = items[k] as InputEvent;
    if (event.kind === 'isolation-started') last = { ms, id: event.id };
  }
  if (last === null) return;
  if (state.earliestIsolation === null || last.ms < state.earliestIsolation) state.earliestIsolation = last.ms;
  if (!state.declared && last.ms === facts.submittedMs) state.submissionIsolation = last;
}

/**
 * Applies `items` (in T-6 order, all after the state's last instant) and, when `untilMs` is given,
 * the releases due up to it. The declaration is applied before the first event at or after the
 * submission, or at the end when there is none.
 */
export function advance(f: Fold, items: readonly InputEvent[], untilMs: number | null): void {
  const { state, facts } = f;
  let i = 0;
  while (i < items.length) {
    const ms = (items[i] as InputEvent).ms;
    let j = i + 1;
    while (j < items.length && (items[j] as InputEvent).ms === ms) j++;
    noteInstant(f, items, i, j);
    if (!state.declared && ms >= facts.submittedMs) submit(f);
    for (let k = i; k < j; k++) step(f, items[k] as InputEvent);
    i = j;
  }
  if (untilMs === null) return;
  if (!state.declared) submit(f);
  startWaitingContacts(f, untilMs);
  releaseDue(f, untilMs);
}

/** The submission (T-7): contacts and releases due by then, then the declaration. */
function submit(f: Fold): void {
  const { state, facts } = f;
  if (state.submissionIsolation === null) state.submissionIsolation = state.lastIsolation;
  startWaitingContacts(f, facts.submittedMs);
  releaseDue(f, facts.submittedMs);
  declare(f);
}
