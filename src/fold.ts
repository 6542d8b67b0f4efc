import { credentialFor } from './application.js';
import { countFullDays, overlapsWindow } from './calendar.js';
import { parseDay } from './internal/iso.js';
import type { CompiledPolicy } from './policy/compile.js';
import type { EventOf } from './schema/events.js';
import { RULES, type Colour, type Credential, type RuleId, type Symptom } from './schema/primitives.js';
import { symptomsOf, type Timeline } from './timeline.js';
import type { InputEvent, ValidCase } from './validate.js';

/**
 * The fold of RULES §2–§5: the timeline is applied in T-6 order, releases that fall due first, and
 * every condition keeps its own clock (I-1). Each rule's triggers, anchor and release live in the
 * functions named for it below; every change is written to the trail with its §5 id.
 */

/** A high-risk designation as R5 keeps it (I-6). */
export interface Designation {
  readonly id: string;
  readonly authority: string;
  readonly reason: string;
  readonly basis: string;
  readonly obligations: readonly string[] | undefined;
}

/** What a condition was started or moved by, for its message. */
export interface ConditionDetails {
  clinical?: string;
  symptoms?: Symptom[];
  areas?: string[];
  designations?: Designation[];
}

/** One active instance of a rule (RULES §1 "Condition"). */
export interface Condition {
  readonly rule: RuleId;
  startedAt: number;
  phase: 'treatment' | 'observation' | 'designated';
  /** Event ids (or `declaration`), in the order they were recorded. */
  evidence: Set<string>;
  /** Started by the declaration's own facts (I-3 (1), (2)). */
  declared: boolean;
  /** I-3: where the observation start came from. */
  isolation: 'declared' | 'before' | 'after' | 'none';
  observationStart: number | null;
  /** The last reset symptom (I-7) or re-trigger (I-17). */
  restartAt: number | null;
  anchor: number | null;
  releaseAt: number | null;
  excludedAt: number | null;
  recoveredAt: number | null;
  interpretations: Set<string>;
  details: ConditionDetails;
}

/** Who acted and why, for a transition an authority or a review decided (I-6, I-13, I-18). */
export interface Attribution {
  readonly authority?: string;
  readonly reason: string;
  readonly basis?: string;
}

/** A trail entry before its instant is written out. */
export interface RawTrailEntry {
  transition: string;
  ms: number;
  evidence: string[];
  colour: Colour;
  rule?: RuleId;
  from?: Colour;
  authority?: string;
  reason?: string;
  basis?: string;
}

/** Everything the fold knows at `now`. */
export interface FoldState {
  readonly conditions: Map<RuleId, Condition>;
  readonly trail: RawTrailEntry[];
  colour: Colour;
  since: number;
  review: 'pending' | 'approved' | 'rejected';
  credential: Credential | null;
  readonly reportDays: Set<number>;
  readonly applied: string[];
}

/** One occurrence of a symptom kind: an instant, with every event that recorded it then (I-8). */
interface Occurrence {
  readonly ids: string[];
  readonly ms: number;
  readonly day: number;
}

// The interpretations every condition of a rule relies on; I-15 is added for one started by an event.
const BASE_INTERPRETATIONS: Readonly<Record<RuleId, readonly string[]>> = {
  R1: [],
  R2: ['I-2'],
  R3: ['I-5'],
  R4: [],
  R5: ['I-6'],
  Y1: [],
  Y2: [],
  GY: ['I-8', 'I-9', 'I-10'],
};

const OBSERVED: readonly RuleId[] = ['R2', 'R3', 'Y1', 'Y2'];
const RESETTABLE = ['R2', 'R3', 'R4', 'Y1', 'Y2', 'GY'] as const;

/** Where an entry of one instant goes among the others (§5): by rule, then confirmed, on, the rest, off. */
function entryOrder(entry: RawTrailEntry): number {
  const confirmed = entry.transition === 'T-R4-confirmed';
  const rule = RULES.indexOf(confirmed ? 'R1' : (entry.rule ?? 'GY'));
  const step = confirmed ? 0 : entry.transition.endsWith('-on') ? 1 : entry.transition.endsWith('-off') ? 3 : 2;
  return rule * 4 + step;
}

/** Red if any R-condition is active, else yellow if any Y-condition, else green (I-1). */
export function colourOf(rules: Iterable<RuleId>): Colour {
  let colour: Colour = 'green';
  for (const rule of rules) {
    if (rule.startsWith('R')) return 'red';
    colour = 'yellow';
  }
  return colour;
}

/** Runs the timeline of a validated case through the conditions. */
export function fold(cp: CompiledPolicy, input: ValidCase, timeline: Timeline): FoldState {
  const { policy, zone } = cp;
  const days = policy.observationDays;
  const state: FoldState = {
    conditions: new Map(),
    trail: [],
    colour: 'green',
    since: Number.NEGATIVE_INFINITY,
    review: 'pending',
    credential: null,
    reportDays: new Set(),
    applied: [],
  };
  const { conditions, trail } = state;
  // RULES §12: the readings of this policy; a reading that is not the default is cited by name.
  const literalContact = policy.readings.closeContact === 'literal';
  const atApplication = policy.readings.triggers === 'at-application';
  const interpretationsOf = (rule: RuleId): string[] => [
    ...(literalContact && rule === 'R2' ? ['readings.closeContact'] : BASE_INTERPRETATIONS[rule]),
    ...(atApplication && (rule === 'R1' || rule === 'R2' || rule === 'R3' || rule === 'R5') ? ['readings.triggers'] : []),
  ];
  // readings.triggers "at-application": an event after the submission starts or re-triggers none of R1, R2, R3, R5 (I-19).
  const late = (ms: number): boolean => atApplication && ms > input.submittedMs;
  // readings.closeContact "literal": R2 starts at the later of the contact and the earliest
  // isolation start that exists (declared or an event, whenever it is); until then no R2.
  let earliestIsolation = input.isolationMs ?? Number.POSITIVE_INFINITY;
  if (literalContact)
    for (const item of timeline.applied) if (item.event.kind === 'isolation-started' && item.ms < earliestIsolation) earliestIsolation = item.ms;
  let waitingContacts: { ids: string[]; declared: boolean } | null = null;
  const occurrences = new Map<Symptom, Occurrence[]>();
  let lastIsolation: { ms: number; id: string } | null = null;
  // I-3 (2): the latest isolation start at or before the submission, one AT the submission
  // included, although T-6 applies that one after the declaration.
  let isolationAtSubmission: { ms: number; id: string } | null = null;
  for (const item of timeline.applied) {
    if (item.ms > input.submittedMs) break;
    if (item.event.kind === 'isolation-started') isolationAtSubmission = { ms: item.ms, id: item.event.id };
  }
  // I-4: the first hospital discharge before the submission that is later than every positive test
  // and diagnosis before it, for an R1 the declaration starts.
  const dischargeBeforeSubmission = (): { ms: number; id: string } | null => {
    let lastTrigger = Number.NEGATIVE_INFINITY;
    let first: { ms: number; id: string } | null = null;
    for (const { event, ms } of timeline.applied) {
      if (ms >= input.submittedMs) break;
      if (event.kind === 'diagnosis' || (event.kind === 'test-result' && event.result === 'positive')) {
        lastTrigger = ms;
        first = null;
      } else if (event.kind === 'hospital-discharge' && first === null && ms > lastTrigger) first = { ms, id: event.id };
    }
    return first;
  };
  // Transitions before the code exists are not written (T-7); during the declaration they are
  // buffered so that the trail can start with T-app-submitted.
  let sink: RawTrailEntry[] | null = null;

  const currentColour = (): Colour => (conditions.size === 0 ? 'green' : colourOf(conditions.keys()));

  const push = (transition: string, ms: number, evidence: Iterable<string>, rule?: RuleId, from?: Colour, by?: Attribution): void => {
    if (sink === null) return;
    const entry: RawTrailEntry = { transition, ms, evidence: [...evidence], colour: currentColour() };
    if (rule !== undefined) entry.rule = rule;
    if (from !== undefined) entry.from = from;
    if (by !== undefined) {
      if (by.authority !== undefined) entry.authority = by.authority;
      entry.reason = by.reason;
      if (by.basis !== undefined) entry.basis = by.basis;
    }
    sink.push(entry);
  };

  const addEvidence = (c: Condition, id: string): void => {
    c.evidence.add(id);
  };

  // T-3, I-7: the anchor is the later of the observation start and the last restart.
  const recount = (c: Condition): void => {
    if (c.observationStart === null) return;
    const anchor = c.restartAt === null ? c.observationStart : Math.max(c.observationStart, c.restartAt);
    // The release depends on the anchor alone: many resets at one instant count the days once.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a shortcut; counting again gives the same release
    if (anchor === c.anchor && c.releaseAt !== null) return;
    c.anchor = anchor;
    c.releaseAt = countFullDays(zone, anchor, days, policy.dayCounting);
  };

  const newCondition = (rule: RuleId, ms: number, evidence: string[], declared: boolean): Condition => ({
    rule,
    startedAt: ms,
    phase: 'observation',
    evidence: new Set(evidence),
    declared,
    isolation: 'none',
    observationStart: null,
    restartAt: null,
    anchor: null,
    releaseAt: null,
    excludedAt: null,
    recoveredAt: null,
    interpretations: new Set([...interpretationsOf(rule), ...(declared || rule === 'R4' || rule === 'GY' ? [] : ['I-15'])]),
    details: {},
  });

  // Releases that fall due up to `upTo`, one instant at a time, one T-colour per instant (T-6).
  const releaseDue = (upTo: number): void => {
    for (;;) {
      let due = Number.POSITIVE_INFINITY;
      for (const c of conditions.values()) if (c.releaseAt !== null && c.releaseAt <= upTo && c.releaseAt < due) due = c.releaseAt;
      if (due === Number.POSITIVE_INFINITY) return;
      const evidence = new Set<string>();
      for (const rule of RULES) {
        const c = conditions.get(rule);
        if (c === undefined || c.releaseAt !== due) continue;
        conditions.delete(rule);
        push(`T-${rule}-off`, due, c.evidence, rule);
        for (const id of c.evidence) evidence.add(id);
      }
      settle(due, evidence);
    }
  };

  const settle = (ms: number, evidence: Iterable<string>): void => {
    const colour = currentColour();
    if (colour === state.colour) return;
    const from = state.colour;
    state.colour = colour;
    state.since = ms;
    // I-8: occurrences count only while green and after the subject last turned green.
    if (colour !== 'green') occurrences.clear();
    push('T-colour', ms, evidence, undefined, from);
  };

  // R2, R3, Y1, Y2, GY: an observation counted from its start (I-3, I-9); T-7: a count already
  // over at its start is released at its start.
  const startObservation = (rule: RuleId, ms: number, evidence: string[], declared: boolean, details: ConditionDetails): void => {
    const c = newCondition(rule, ms, evidence, declared);
    c.details = details;
    c.observationStart = ms;
    if (rule !== 'GY') {
      if (declared && input.isolationMs !== null) {
        c.observationStart = input.isolationMs;
        c.isolation = 'declared';
      } else if (declared && isolationAtSubmission !== null) {
        c.observationStart = isolationAtSubmission.ms;
        c.isolation = 'before';
        addEvidence(c, isolationAtSubmission.id);
      } else if (!declared && lastIsolation !== null && lastIsolation.ms === ms) {
        c.observationStart = ms;
        c.isolation = 'after';
        addEvidence(c, lastIsolation.id);
      }
      if (c.isolation !== 'none') c.interpretations.add('I-3');
    }
    recount(c);
    conditions.set(rule, c);
    push(`T-${rule}-on`, ms, c.evidence, rule);
    if ((c.releaseAt as number) <= ms) {
      conditions.delete(rule);
      push(`T-${rule}-off`, ms, c.evidence, rule);
    }
  };

  const triggerR1 = (ms: number, id: string, declared: boolean, clinical: string): void => {
    const r4 = conditions.get('R4');
    if (r4 !== undefined) {
      // Written while R4 still holds: its resulting colour is R1's, red, never the green of the
      // instant between the two conditions (RULES §8).
      push('T-R4-confirmed', ms, [...r4.evidence, id], 'R4');
      conditions.delete('R4');
    }
    const c = conditions.get('R1');
    if (c !== undefined && (declared || c.phase === 'treatment')) {
      addEvidence(c, id);
      return;
    }
    const next = newCondition('R1', ms, [id], declared);
    next.phase = 'treatment';
    next.details = { clinical };
    const discharge = declared ? dischargeBeforeSubmission() : null;
    if (discharge !== null) {
      // I-4: discharged before the submission, after every positive test and diagnosis before it.
      next.phase = 'observation';
      next.observationStart = discharge.ms;
      next.interpretations.add('I-4');
      addEvidence(next, discharge.id);
      recount(next);
      conditions.set('R1', next);
      push('T-R1-on', ms, next.evidence, 'R1');
      if ((next.releaseAt as number) <= ms) {
        conditions.delete('R1');
        push('T-R1-off', ms, next.evidence, 'R1');
      }
      return;
    }
    if (c !== undefined) next.interpretations.add('I-17');
    conditions.set('R1', next);
    push('T-R1-on', ms, next.evidence, 'R1');
  };

  // R2 (I-2, or readings.closeContact "literal": not before the earliest isolation start).
  const contactOfCase = (ms: number, id: string, declared: boolean): void => {
    if (!literalContact || earliestIsolation <= ms || conditions.has('R2')) {
      triggerObserved('R2', ms, id, declared, {});
      return;
    }
    if (waitingContacts === null) waitingContacts = { ids: [id], declared };
    else waitingContacts.ids.push(id);
  };

  // readings.closeContact "literal": contacts waiting for an isolation start begin R2 at it.
  const startWaitingContacts = (upTo: number): void => {
    if (waitingContacts === null || earliestIsolation > upTo) return;
    const { ids, declared } = waitingContacts;
    waitingContacts = null;
    releaseDue(earliestIsolation);
    const [first, ...more] = ids as [string, ...string[]];
    triggerObserved('R2', earliestIsolation, first, declared, {});
    const c = conditions.get('R2');
    if (c !== undefined) for (const id of more) addEvidence(c, id);
    settle(earliestIsolation, ids);
  };

  // R2, R3, Y2: a later trigger moves the anchor (I-17); a declared fact only adds evidence.
  const triggerObserved = (rule: RuleId, ms: number, id: string, declared: boolean, details: ConditionDetails): void => {
    const c = conditions.get(rule);
    if (c === undefined) {
      startObservation(rule, ms, [id], declared, details);
      return;
    }
    addEvidence(c, id);
    if (details.areas !== undefined) {
      const areas = (c.details.areas ??= []);
      for (const area of details.areas) if (!areas.includes(area)) areas.push(area);
    }
    if (declared || (c.anchor !== null && ms <= c.anchor)) return;
    c.restartAt = ms;
    c.interpretations.add('I-17');
    recount(c);
    // The entry cites the new trigger only; the reason keeps the whole evidence. Citing every
    // earlier trigger again made the trail grow with the square of the number of re-triggers.
    push(`T-${rule}-on`, ms, [id], rule);
  };

  const triggerR4 = (ms: number, id: string, declared: boolean): void => {
    // I-17: R1 and R4 are never active at once; an R4 trigger under R1 only adds evidence to R1.
    const r1 = conditions.get('R1');
    if (r1 !== undefined) {
      addEvidence(r1, id);
      r1.interpretations.add('I-17');
      return;
    }
    const c = conditions.get('R4');
    if (c !== undefined) {
      addEvidence(c, id);
      return;
    }
    const next = newCondition('R4', ms, [id], declared);
    next.phase = 'treatment';
    conditions.set('R4', next);
    push('T-R4-on', ms, next.evidence, 'R4');
  };

  const triggerR5 = (ms: number, event: EventOf<'high-risk-designation'>): void => {
    const designation: Designation = {
      id: event.id,
      authority: event.authority,
      reason: event.reason,
      basis: event.basis,
      obligations: event.obligations,
    };
    const c = conditions.get('R5');
    if (c !== undefined) {
      addEvidence(c, event.id);
      // Appended in place: copying the list for each designation cost time in their square.
      (c.details.designations as Designation[]).push(designation);
      return;
    }
    const next = newCondition('R5', ms, [event.id], false);
    next.phase = 'designated';
    next.details = { designations: [designation] };
    conditions.set('R5', next);
    push('T-R5-on', ms, next.evidence, 'R5', undefined, { authority: event.authority, reason: event.reason, basis: event.basis });
  };

  // I-3: the first isolation start at or after a condition's start anchors its observation; for
  // a declaration-based condition, the latest one at or before the submission does.
  const applyIsolation = (ms: number, id: string): void => {
    lastIsolation = { ms, id };
    for (const rule of OBSERVED) {
      const c = conditions.get(rule);
      if (c === undefined || c.isolation === 'declared') continue;
      if (c.declared && ms <= input.submittedMs) c.isolation = 'before';
      else if (c.isolation === 'none' && ms >= c.startedAt) c.isolation = 'after';
      else continue;
      c.observationStart = ms;
      c.interpretations.add('I-3');
      addEvidence(c, id);
      recount(c);
    }
  };

  // I-7, I-14 resets while not green; I-8 the twice rule while green.
  const applySymptoms = (ms: number, item: InputEvent): void => {
    const event = item.event;
    const recorded = symptomsOf(event, policy.feverThresholdCelsius);
    if (recorded.length === 0) return;
    const kinds = (recorded.length === 1 ? recorded : [...new Set(recorded)]) as Symptom[];
    if (currentColour() === 'green') {
      countOccurrence(ms, event.id, kinds);
      return;
    }
    for (const rule of RESETTABLE) {
      const c = conditions.get(rule);
      if (c === undefined || (rule === 'R4' && c.phase !== 'observation')) continue;
      const anomaly = rule === 'R4' && event.kind === 'temperature';
      if (!anomaly && !kinds.some((kind) => cp.resetSymptoms[rule].has(kind))) continue;
      c.restartAt = ms;
      c.interpretations.add(rule === 'R4' ? 'I-14' : 'I-7');
      addEvidence(c, event.id);
      recount(c);
      push(`T-${rule}-reset`, ms, [event.id], rule);
    }
  };

  const countOccurrence = (ms: number, id: string, kinds: readonly Symptom[]): void => {
    const { occurrences: needed, windowDays } = policy.greenToYellow;
    const twice = kinds.filter((kind) => cp.twiceSymptoms.has(kind));
    if (twice.length === 0) return;
    const day = zone.dayOf(ms);
    const evidence: string[] = [];
    const hit: Symptom[] = [];
    let counted = false;
    for (const kind of twice) {
      const earlier = occurrences.get(kind) ?? [];
      const same = earlier.find((o) => o.ms === ms);
      // I-8: an occurrence is an instant; another event recording the kind then is the same one.
      if (same !== undefined) {
        same.ids.push(id);
        continue;
      }
      counted = true;
      const kept = [...earlier, { ids: [id], ms, day }].filter((o) => day - o.day <= windowDays);
      occurrences.set(kind, kept);
      if (kept.length >= needed) {
        hit.push(kind);
        for (const o of kept) for (const oid of o.ids) if (!evidence.includes(oid)) evidence.push(oid);
      }
    }
    if (hit.length === 0) {
      if (counted) push('T-GY-first', ms, [id], 'GY');
      return;
    }
    startObservation('GY', ms, evidence, false, { symptoms: hit });
  };

  const applyDeclaration = (): void => {
    const ms = input.submittedMs;
    const d = input.declaration;
    const before = new Map(conditions);
    const buffer: RawTrailEntry[] = [];
    sink = buffer;
    const day = zone.dayOf(ms);
    const lookback = policy.lookbackDays;
    if (d.clinical !== 'none') triggerR1(ms, 'declaration', true, d.clinical);
    if (d.closeContactOfCase) contactOfCase(ms, 'declaration', true);
    const areas = d.keyAreaVisits.length + d.keyAreaContacts.length === 0 ? [] : [
      ...d.keyAreaVisits
        .filter((v) => cp.isKeyArea(v.area, day) && overlapsWindow(parseDay(v.from) as number, parseDay(v.to) as number, day, lookback))
        .map((v) => v.area),
      ...d.keyAreaContacts
        .filter((k) => (k.area === undefined || cp.isKeyArea(k.area, day)) && overlapsWindow(parseDay(k.on) as number, parseDay(k.on) as number, day, lookback))
        .map((k) => k.area ?? ''),
    ];
    if (areas.length > 0) triggerObserved('R3', ms, 'declaration', true, { areas: [...new Set(areas.filter((a) => a !== ''))] });
    // I-16: a declared R1 fact means R4 does not start.
    if (d.feverClinicObservation && d.clinical === 'none') triggerR4(ms, 'declaration', true);
    const red = currentColour() === 'red';
    // I-16: Y1 and Y2 start at the declaration only if no red condition is active then.
    if (d.symptoms.length > 0 && !red) startObservation('Y1', ms, ['declaration'], true, { symptoms: [...new Set(d.symptoms)] });
    if (d.closeContactOfFeverClinicObservee) {
      const y2 = conditions.get('Y2');
      if (y2 !== undefined) addEvidence(y2, 'declaration');
      else if (!red) triggerObserved('Y2', ms, 'declaration', true, {});
    }
    for (const c of conditions.values()) if (c.declared && (c.rule === 'Y1' || c.rule === 'Y2')) c.interpretations.add('I-16');

    // T-7: the trail starts with T-app-submitted, then the -on entries of the conditions active
    // at the submission, then T-colour from green unless green.
    const colour = currentColour();
    sink = trail;
    push('T-app-submitted', ms, ['declaration']);
    sink = buffer;
    for (const rule of RULES) {
      const c = conditions.get(rule);
      if (c !== undefined && before.get(rule) === c) push(`T-${rule}-on`, ms, c.evidence, rule);
    }
    // §5: the submission's entries in rule order; T-R4-confirmed right before the T-R1-on it
    // causes, and an -off at a condition's start right after its -on (the sort is stable).
    buffer.sort((a, b) => entryOrder(a) - entryOrder(b));
    for (const entry of buffer) trail.push({ ...entry, colour });
    sink = trail;
    if (colour !== 'green') push('T-colour', ms, ['declaration'], undefined, 'green');
    if (colour !== state.colour) {
      state.colour = colour;
      state.since = ms;
      if (colour !== 'green') occurrences.clear();
    }
  };

  const applyEvent = (item: InputEvent): void => {
    const { event, ms } = item;
    state.applied.push(event.id);
    switch (event.kind) {
      case 'test-result':
        if (event.result === 'positive' && !late(ms)) triggerR1(ms, event.id, false, 'positive');
        return;
      case 'diagnosis':
        if (!late(ms)) triggerR1(ms, event.id, false, event.status);
        return;
      case 'hospital-discharge': {
        const c = conditions.get('R1');
        if (c === undefined || c.phase !== 'treatment') return;
        c.phase = 'observation';
        c.observationStart = ms;
        c.interpretations.add('I-4');
        addEvidence(c, event.id);
        recount(c);
        push('T-R1-discharge', ms, [event.id], 'R1');
        return;
      }
      case 'fever-clinic-observation':
        triggerR4(ms, event.id, false);
        return;
      case 'covid-excluded':
      case 'recovered': {
        const c = conditions.get('R4');
        if (c === undefined || c.phase !== 'treatment') return;
        const excluded = event.kind === 'covid-excluded';
        if ((excluded ? c.excludedAt : c.recoveredAt) !== null) return;
        if (excluded) c.excludedAt = ms;
        else c.recoveredAt = ms;
        addEvidence(c, event.id);
        push(excluded ? 'T-R4-excluded' : 'T-R4-recovered', ms, [event.id], 'R4');
        if (c.excludedAt !== null && c.recoveredAt !== null) {
          c.phase = 'observation';
          c.observationStart = ms;
          c.interpretations.add('I-14');
          recount(c);
        }
        return;
      }
      case 'isolation-started':
        applyIsolation(ms, event.id);
        return;
      case 'close-contact':
        if (event.of === 'fever-clinic-observee') triggerObserved('Y2', ms, event.id, false, {});
        else if (!late(ms)) contactOfCase(ms, event.id, false);
        return;
      case 'key-area-visit': {
        if (late(ms)) return;
        const day = zone.dayOf(ms);
        const from = parseDay(event.from) as number;
        const to = parseDay(event.to) as number;
        if (cp.isKeyArea(event.area, day) && overlapsWindow(from, to, day, policy.lookbackDays))
          triggerObserved('R3', ms, event.id, false, { areas: [event.area] });
        return;
      }
      case 'key-area-contact': {
        if (late(ms)) return;
        const day = zone.dayOf(ms);
        const on = parseDay(event.on) as number;
        if ((event.area === undefined || cp.isKeyArea(event.area, day)) && overlapsWindow(on, on, day, policy.lookbackDays))
          triggerObserved('R3', ms, event.id, false, event.area === undefined ? {} : { areas: [event.area] });
        return;
      }
      case 'daily-report':
        state.reportDays.add(zone.dayOf(ms));
        applySymptoms(ms, item);
        return;
      case 'temperature':
      case 'symptoms':
        applySymptoms(ms, item);
        return;
      case 'high-risk-designation':
        if (!late(ms)) triggerR5(ms, event);
        return;
      case 'authority-release': {
        const c = conditions.get('R5');
        if (c === undefined) return;
        conditions.delete('R5');
        push('T-R5-off', ms, [...c.evidence, event.id], 'R5', undefined, { authority: event.authority, reason: event.reason });
        return;
      }
      case 'review-approved':
        state.review = 'approved';
        state.credential = event.credential ?? credentialFor(input.declaration.channel);
        push('T-app-approved', ms, [event.id]);
        return;
      case 'review-rejected':
        state.review = 'rejected';
        state.credential = null;
        push('T-app-rejected', ms, [event.id], undefined, undefined, { reason: event.reason });
        return;
      case 'correction':
        push('T-void', ms, [event.id, event.voids], undefined, undefined, { authority: event.authority, reason: event.reason });
        return;
    }
  };

  let declared = false;
  for (const item of timeline.applied) {
    if (!declared && item.ms >= input.submittedMs) {
      startWaitingContacts(input.submittedMs);
      releaseDue(input.submittedMs);
      applyDeclaration();
      declared = true;
    }
    startWaitingContacts(item.ms);
    releaseDue(item.ms);
    applyEvent(item);
    settle(item.ms, [item.event.id]);
  }
  if (!declared) {
    startWaitingContacts(input.submittedMs);
    releaseDue(input.submittedMs);
    applyDeclaration();
  }
  startWaitingContacts(input.nowMs);
  releaseDue(input.nowMs);
  return state;
}
