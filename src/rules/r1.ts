import { activate, newCondition, push, recount } from './clock.js';
import { confirmR4 } from './r4.js';
import type { Rule } from './rule.js';
import { row } from './row.js';
import { addEvidence, cite, type Fold } from './state.js';

/**
 * R1 (§3.1): confirmed, suspected or tested positive. Red from the trigger; treatment in hospital
 * until discharge, then a full count from the discharge (T-3, I-4) that symptoms do not restart.
 */
export const r1 = {
  id: 'R1',
  colour: 'red',
  section: '§3.1',
  starts: {
    declared: ['clinical (confirmed, suspected or positive)'],
    events: ['test-result', 'diagnosis'],
    guards: ['a test result only when positive', 'readings.triggers "at-application": not after the submission (I-19)'],
  },
  phases: ['treatment', 'observation'],
  anchor: 'the hospital discharge (I-4); for a declared R1, a discharge before the submission after every positive test and diagnosis before it',
  release: 'a full count of observation days after the discharge (T-3)',
  interactions: [
    'I-17: a trigger during R4 confirms it (T-R4-confirmed) and starts R1; R1 and R4 are never active at once',
    'I-17: a trigger during the observation after discharge restarts R1 in treatment (T-R1-on again)',
    'I-16: a declared R1 fact means R4 does not start from the declaration',
  ],
  transitions: [
    row('T-R1-on', 'R1', 'any', 'red: R1 treatment', 'confirmed, suspected or positive (declaration or later event)', '§3.1', ['I-15', 'I-17']),
    row('T-R1-discharge', 'R1', 'R1 treatment', 'R1 observation', 'hospital discharge', '§3.1', ['T-3']),
    row('T-R1-off', 'R1', 'R1 observation', 'released', 'a full 14 days after discharge', '§3.1', ['T-3', 'I-4']),
  ],
  interpretations: ['I-4', 'I-15', 'I-16', 'I-17', 'T-3'],
  cites: (f) => (f.atApplication ? ['readings.triggers'] : []),
  awaiting: (c) => (c.phase === 'treatment' ? ['hospital-discharge'] : []),
  obligations: (c) => (c.phase === 'treatment' ? ['hospital-isolation'] : ['isolation-observation']),
  headline: (lang, _f, ev) =>
    ({
      'zh-Hans': `红码 R1（§3.1）：确诊、疑似或检测阳性（依据：${ev}）。`,
      'zh-Hant': `紅碼 R1（§3.1）：確診、疑似或檢測陽性（依據：${ev}）。`,
      en: `Red, R1 (§3.1): confirmed, suspected or tested positive (evidence: ${ev}).`,
    })[lang],
} as const satisfies Rule<'R1'>;

/** A positive test, a diagnosis or the declared clinical status (§3.1). */
export function triggerR1(f: Fold, ms: number, id: string, declared: boolean, clinical: string): void {
  confirmR4(f, ms, id);
  const conditions = f.state.conditions;
  const c = conditions.R1;
  if (c !== undefined && (declared || c.phase === 'treatment')) {
    addEvidence(c, id);
    return;
  }
  const next = newCondition(f, r1, ms, [id], declared);
  next.phase = 'treatment';
  next.details = { clinical };
  const discharge = declared ? f.state.discharge : null;
  if (discharge !== null) {
    // I-4: discharged before the submission, after every positive test and diagnosis before it.
    next.phase = 'observation';
    next.observationStart = discharge.ms;
    cite(next, 'I-4');
    addEvidence(next, discharge.id);
    recount(f, next);
    activate(f, next, ms);
    return;
  }
  if (c !== undefined) cite(next, 'I-17');
  conditions.R1 = next;
  push(f, 'T-R1-on', ms, next.evidence, 'R1');
}

/** I-4: remembers, before the submission, the last positive test or diagnosis. */
export function noteR1Trigger(f: Fold, ms: number): void {
  if (ms >= f.facts.submittedMs) return;
  f.state.lastR1Trigger = ms;
  f.state.discharge = null;
}

/** A hospital discharge: R1's observation starts (I-4); before the submission, it is remembered for a declared R1. */
export function discharge(f: Fold, ms: number, id: string): void {
  const state = f.state;
  if (ms < f.facts.submittedMs && state.discharge === null && (state.lastR1Trigger === null || ms > state.lastR1Trigger)) state.discharge = { ms, id };
  const c = state.conditions.R1;
  if (c === undefined || c.phase !== 'treatment') return;
  c.phase = 'observation';
  c.observationStart = ms;
  cite(c, 'I-4');
  addEvidence(c, id);
  recount(f, c);
  push(f, 'T-R1-discharge', ms, [id], 'R1');
}
