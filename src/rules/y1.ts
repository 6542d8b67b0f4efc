import { startObservation } from './clock.js';
import { resetBySymptoms, type Rule } from './rule.js';
import { row } from './row.js';
import { symptoms } from './words.js';
import type { Fold } from './state.js';

/**
 * Y1 (§4.1): symptoms declared. Yellow for a full count of home observation days (T-3) from the
 * isolation start I-3 gives it, restarted by a reset symptom (I-7); not while a red condition is
 * active at the declaration (I-16).
 */
export const y1 = {
  id: 'Y1',
  colour: 'yellow',
  section: '§4.1',
  starts: { declared: ['symptoms'], events: [], guards: ['no red condition active at the declaration (I-16)'] },
  phases: ['observation'],
  anchor: 'the declared isolation start (I-3), else the submission; the last reset symptom (I-7)',
  release: 'a full count of observation days without reset symptoms (T-3)',
  interactions: ['I-16: does not start when the declaration leaves a red condition active'],
  transitions: [
    row('T-Y1-on', 'Y1', 'any', 'yellow: Y1 observation (red stays red)', 'symptoms declared, no red condition', '§4.1', ['I-16', 'I-3']),
    row('T-Y1-reset', 'Y1', 'Y1 observation', 'Y1 observation', 'a reset symptom during observation', '§4', ['I-7']),
    row('T-Y1-off', 'Y1', 'Y1 observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-7']),
  ],
  interpretations: ['I-3', 'I-7', 'I-16', 'T-3'],
  cites: () => [],
  awaiting: () => [],
  obligations: () => ['home-isolation', 'community-management'],
  headline: (lang, f) =>
    ({
      'zh-Hans': `黄码 Y1（§4.1）：申报时有${symptoms(lang, f.symptoms ?? [])}等症状。`,
      'zh-Hant': `黃碼 Y1（§4.1）：申報時有${symptoms(lang, f.symptoms ?? [])}等癥狀。`,
      en: `Yellow, Y1 (§4.1): symptoms declared: ${symptoms(lang, f.symptoms ?? [])}.`,
    })[lang],
  reset: resetBySymptoms('Y1'),
} as const satisfies Rule<'Y1'>;

/** The declared symptoms, unless a red condition is active (I-16). */
export function declaredSymptoms(f: Fold, ms: number, red: boolean): void {
  const d = f.facts.declaration;
  if (d.symptoms.length > 0 && !red) startObservation(f, y1, ms, ['declaration'], true, { symptoms: [...new Set(d.symptoms)] });
}
