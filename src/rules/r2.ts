import { releaseDue, settle, trigger } from './clock.js';
import { resetBySymptoms, type Rule } from './rule.js';
import { row } from './row.js';
import { addEvidence, type Fold } from './state.js';

/**
 * R2 (§3.2): close contact of a confirmed, suspected or positive person. Red for a full count of
 * observation days (T-3) from the isolation start I-3 gives it, restarted by a reset symptom (I-7)
 * and moved by a later contact (I-17).
 */
export const r2 = {
  id: 'R2',
  colour: 'red',
  section: '§3.2',
  starts: {
    declared: ['closeContactOfCase'],
    events: ['close-contact'],
    guards: [
      'a close contact of a case, not of a fever-clinic observee (that is Y2)',
      'readings.closeContact "literal": not before the earliest isolation start (RULES §12)',
      'readings.triggers "at-application": not after the submission (I-19)',
    ],
  },
  phases: ['observation'],
  anchor: 'the isolation start (I-3), else the contact; the last reset symptom (I-7) or later contact (I-17)',
  release: 'a full count of observation days without reset symptoms (T-3)',
  interactions: ['I-17: a later contact moves the anchor; a declared one only adds evidence', 'I-16: while R2 is active, Y1 and Y2 do not start from the declaration'],
  transitions: [
    row('T-R2-on', 'R2', 'any', 'red: R2 observation', 'close contact of a confirmed, suspected or positive person', '§3.2', ['I-2', 'I-3', 'I-17']),
    row('T-R2-reset', 'R2', 'R2 observation', 'R2 observation', 'fever, dry cough or shortness of breath during observation', '§3.2', ['I-7']),
    row('T-R2-off', 'R2', 'R2 observation', 'released', 'a full 14 days without reset symptoms', '§3.2', ['T-3', 'I-7']),
  ],
  interpretations: ['I-2', 'I-3', 'I-7', 'I-15', 'I-16', 'I-17', 'T-3'],
  cites: (f) => [f.literalContact ? 'readings.closeContact' : 'I-2', ...(f.atApplication ? (['readings.triggers'] as const) : [])],
  awaiting: () => [],
  obligations: () => ['isolation-observation'],
  headline: (lang, _f, ev) =>
    ({
      'zh-Hans': `红码 R2（§3.2）：确诊、疑似或阳性者的密切接触者（依据：${ev}）。`,
      'zh-Hant': `紅碼 R2（§3.2）：確診、疑似或陽性者的密切接觸者（依據：${ev}）。`,
      en: `Red, R2 (§3.2): close contact of a confirmed, suspected or positive person (evidence: ${ev}).`,
    })[lang],
  reset: resetBySymptoms('R2'),
} as const satisfies Rule<'R2'>;

/** A close contact of a case (I-2; readings.closeContact "literal": not before the earliest isolation start). */
export function contactOfCase(f: Fold, ms: number, id: string, declared: boolean): void {
  const state = f.state;
  if (!f.literalContact || (state.earliestIsolation !== null && state.earliestIsolation <= ms) || state.conditions.R2 !== undefined) {
    trigger(f, r2, ms, id, declared, {});
    return;
  }
  if (state.waitingContacts === null) state.waitingContacts = { ids: [id], declared };
  else state.waitingContacts.ids.push(id);
}

/** readings.closeContact "literal": contacts waiting for an isolation start begin R2 at it. */
export function startWaitingContacts(f: Fold, upTo: number): void {
  const state = f.state;
  const waiting = state.waitingContacts;
  const at = state.earliestIsolation;
  if (waiting === null || at === null || at > upTo) return;
  state.waitingContacts = null;
  releaseDue(f, at);
  const [first, ...more] = waiting.ids as [string, ...string[]];
  trigger(f, r2, at, first, waiting.declared, {});
  const c = state.conditions.R2;
  if (c !== undefined) for (const id of more) addEvidence(c, id);
  settle(f, at, waiting.ids);
}
