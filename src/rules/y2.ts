import { trigger } from './clock.js';
import { resetBySymptoms, type Rule } from './rule.js';
import { row } from './row.js';
import { addEvidence, type Fold } from './state.js';

/**
 * Y2 (§4.2): close contact of a person under fever-clinic observation. Yellow for a full count of
 * home observation days (T-3), restarted by a reset symptom (I-7) and moved by a later contact
 * (I-17); from the declaration only when no red condition is active (I-16).
 */
export const y2 = {
  id: 'Y2',
  colour: 'yellow',
  section: '§4.2',
  starts: {
    declared: ['closeContactOfFeverClinicObservee'],
    events: ['close-contact'],
    guards: ['a close contact of a fever-clinic observee', 'from the declaration: no red condition active then (I-16)'],
  },
  phases: ['observation'],
  anchor: 'the isolation start (I-3), else the contact; the last reset symptom (I-7) or later contact (I-17)',
  release: 'a full count of observation days without reset symptoms (T-3)',
  interactions: ['I-16: the declared fact does not start Y2 while a red condition is active', 'I-17: a later contact moves the anchor'],
  transitions: [
    row('T-Y2-on', 'Y2', 'any', 'yellow: Y2 observation (red stays red)', 'close contact of a fever-clinic observee', '§4.2', ['I-16', 'I-3', 'I-17']),
    row('T-Y2-reset', 'Y2', 'Y2 observation', 'Y2 observation', 'a reset symptom during observation', '§4', ['I-7']),
    row('T-Y2-off', 'Y2', 'Y2 observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-7']),
  ],
  interpretations: ['I-3', 'I-7', 'I-15', 'I-16', 'I-17', 'T-3'],
  cites: () => [],
  awaiting: () => [],
  obligations: () => ['home-isolation', 'community-management'],
  headline: (lang, _f, ev) =>
    ({
      'zh-Hans': `黄码 Y2（§4.2）：发热门诊留观人员的密切接触者（依据：${ev}）。`,
      'zh-Hant': `黃碼 Y2（§4.2）：發熱門診留觀人員的密切接觸者（依據：${ev}）。`,
      en: `Yellow, Y2 (§4.2): close contact of a person under fever-clinic observation (evidence: ${ev}).`,
    })[lang],
  reset: resetBySymptoms('Y2'),
} as const satisfies Rule<'Y2'>;

/** A reported close contact of a fever-clinic observee. */
export function contactOfObservee(f: Fold, ms: number, id: string): void {
  trigger(f, y2, ms, id, false, {});
}

/** The declared contact of an observee: evidence of an active Y2, or a new one unless red (I-16). */
export function declaredContactOfObservee(f: Fold, ms: number, red: boolean): void {
  if (!f.facts.declaration.closeContactOfFeverClinicObservee) return;
  const c = f.state.conditions.Y2;
  if (c !== undefined) addEvidence(c, 'declaration');
  else if (!red) trigger(f, y2, ms, 'declaration', true, {});
}
