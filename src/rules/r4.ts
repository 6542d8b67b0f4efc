import { newCondition, push, recount } from './clock.js';
import type { Rule } from './rule.js';
import { row } from './row.js';
import { addEvidence, cite, type Fold } from './state.js';

/**
 * R4 (§3.4): under observation at a designated fever clinic. Red in treatment until COVID-19 is
 * ruled out and the person has recovered, then a full count from the later of the two (I-14) that
 * any anomaly restarts. An R1 trigger ends it as confirmed (I-17).
 */
export const r4 = {
  id: 'R4',
  colour: 'red',
  section: '§3.4',
  starts: {
    declared: ['feverClinicObservation'],
    events: ['fever-clinic-observation'],
    guards: ['not from the declaration when it declares an R1 fact (I-16)', 'not while R1 is active: the trigger is R1 evidence (I-17)'],
  },
  phases: ['treatment', 'observation'],
  anchor: 'the later of the COVID-19 exclusion and the recovery (I-14)',
  release: 'a full count of observation days without anomaly (T-3)',
  interactions: [
    'I-17: an R1 trigger during R4 writes T-R4-confirmed and R1 takes over',
    'I-17: an R4 trigger while R1 is active only adds evidence to R1',
    'I-16: a declared R1 fact means R4 does not start from the declaration',
  ],
  transitions: [
    row('T-R4-on', 'R4', 'any', 'red: R4 treatment', 'under observation at a designated fever clinic', '§3.4', ['I-16']),
    row('T-R4-excluded', 'R4', 'R4 treatment', 'R4 treatment or observation', 'COVID-19 ruled out', '§3.4', ['I-14']),
    row('T-R4-recovered', 'R4', 'R4 treatment', 'R4 treatment or observation', 'recovered', '§3.4', ['I-14']),
    row('T-R4-confirmed', 'R4', 'R4', 'R1', 'an R1 trigger during R4', '§3.4', ['I-17']),
    row('T-R4-reset', 'R4', 'R4 observation', 'R4 observation', 'any anomaly during observation', '§3.4', ['I-14']),
    row('T-R4-off', 'R4', 'R4 observation', 'released', 'a full 14 days without anomaly', '§3.4', ['T-3', 'I-14']),
  ],
  interpretations: ['I-14', 'I-16', 'I-17', 'T-3'],
  cites: () => [],
  awaiting: (c) =>
    c.phase !== 'treatment' ? [] : [...(c.excludedAt === null ? (['covid-exclusion'] as const) : []), ...(c.recoveredAt === null ? (['recovery'] as const) : [])],
  obligations: (c) => (c.phase === 'treatment' ? ['hospital-isolation'] : ['isolation-observation']),
  headline: (lang, _f, ev) =>
    ({
      'zh-Hans': `红码 R4（§3.4）：在定点发热门诊留观（依据：${ev}）。`,
      'zh-Hant': `紅碼 R4（§3.4）：在定點發熱門診留觀（依據：${ev}）。`,
      en: `Red, R4 (§3.4): under observation at a designated fever clinic (evidence: ${ev}).`,
    })[lang],
  reset: {
    cites: 'I-14',
    transition: 'T-R4-reset',
    // I-14: any anomaly in the observation after exclusion and recovery: a listed symptom, or any reading at all.
    restarts: (f, c, kinds, event) => c.phase === 'observation' && (event.kind === 'temperature' || kinds.some((kind) => f.cp.resetSymptoms.R4.has(kind))),
  },
} as const satisfies Rule<'R4'>;

/** A fever-clinic observation (declared or an event). */
export function triggerR4(f: Fold, ms: number, id: string, declared: boolean): void {
  const conditions = f.state.conditions;
  // I-17: R1 and R4 are never active at once; an R4 trigger under R1 only adds evidence to R1.
  const r1 = conditions.R1;
  if (r1 !== undefined) {
    addEvidence(r1, id);
    cite(r1, 'I-17');
    return;
  }
  const c = conditions.R4;
  if (c !== undefined) {
    addEvidence(c, id);
    return;
  }
  const next = newCondition(f, r4, ms, [id], declared);
  next.phase = 'treatment';
  conditions.R4 = next;
  push(f, 'T-R4-on', ms, next.evidence, 'R4');
}

/** I-17: an R1 trigger during R4 ends R4 as confirmed, written while R4 still holds, so its colour is red (RULES §8). */
export function confirmR4(f: Fold, ms: number, id: string): void {
  const c = f.state.conditions.R4;
  if (c === undefined) return;
  push(f, 'T-R4-confirmed', ms, [...c.evidence, id], 'R4');
  delete f.state.conditions.R4;
}

/** COVID-19 ruled out, or recovered: with both, the observation starts (I-14). */
export function excludedOrRecovered(f: Fold, ms: number, id: string, excluded: boolean): void {
  const c = f.state.conditions.R4;
  if (c === undefined || c.phase !== 'treatment') return;
  if ((excluded ? c.excludedAt : c.recoveredAt) !== null) return;
  if (excluded) c.excludedAt = ms;
  else c.recoveredAt = ms;
  addEvidence(c, id);
  push(f, excluded ? 'T-R4-excluded' : 'T-R4-recovered', ms, [id], 'R4');
  if (c.excludedAt !== null && c.recoveredAt !== null) {
    c.phase = 'observation';
    c.observationStart = ms;
    cite(c, 'I-14');
    recount(f, c);
  }
}
