import type { Symptom } from '../schema/primitives.js';
import { push, startObservation } from './clock.js';
import { resetBySymptoms, type Rule } from './rule.js';
import { row } from './row.js';
import { symptoms } from './words.js';
import type { Fold } from './state.js';

/**
 * GY (§5): while green, the same symptom kind recorded a second time within the window (I-8).
 * Yellow for a full count of home observation days from the second occurrence (I-9), restarted
 * by a reset symptom (I-7); a daily report is owed every day (I-10).
 */
export const gy = {
  id: 'GY',
  colour: 'yellow',
  section: '§5',
  starts: {
    declared: [],
    events: ['temperature', 'symptoms', 'daily-report'],
    guards: ['while green (I-8)', 'greenToYellow.occurrences of one kind within greenToYellow.windowDays (I-8)', 'one occurrence per instant (I-8)'],
  },
  phases: ['observation'],
  anchor: 'the occurrence that makes twice (I-9); the last reset symptom (I-7)',
  release: 'a full count of observation days without reset symptoms (T-3)',
  interactions: ['I-8: occurrences before the subject last turned green do not count'],
  transitions: [
    row('T-GY-first', 'GY', 'green', 'green', 'an occurrence of a symptom kind that does not yet make twice', '§5', ['I-8']),
    row('T-GY-on', 'GY', 'green', 'yellow: GY observation', 'the same symptom kind a second time within the window', '§5', ['I-8', 'I-9']),
    row('T-GY-reset', 'GY', 'GY observation', 'GY observation', 'a reset symptom during observation', '§4', ['I-7', 'I-9']),
    row('T-GY-off', 'GY', 'GY observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-9']),
  ],
  interpretations: ['I-7', 'I-8', 'I-9', 'I-10', 'T-3'],
  cites: () => ['I-8', 'I-9', 'I-10'],
  awaiting: () => [],
  obligations: () => ['home-isolation', 'community-management', 'daily-self-report'],
  headline: (lang, f, ev) =>
    ({
      'zh-Hans': `黄码 GY（§5）：绿码期间${symptoms(lang, f.symptoms ?? [])}出现两次（依据：${ev}）；须每天主动填报健康信息。`,
      'zh-Hant': `黃碼 GY（§5）：綠碼期間${symptoms(lang, f.symptoms ?? [])}出現兩次（依據：${ev}）；須每天主動填報健康資訊。`,
      en: `Yellow, GY (§5): ${symptoms(lang, f.symptoms ?? [])} recorded twice while green (evidence: ${ev}); a daily health report is required.`,
    })[lang],
  reset: resetBySymptoms('GY'),
} as const satisfies Rule<'GY'>;

/** I-8: one occurrence of each twice-symptom kind an event records while green; twice within the window starts GY. */
export function countOccurrence(f: Fold, ms: number, id: string, kinds: readonly Symptom[]): void {
  const { cp, state } = f;
  const { occurrences: needed, windowDays } = cp.policy.greenToYellow;
  const twice = kinds.filter((kind) => cp.twiceSymptoms.has(kind));
  if (twice.length === 0) return;
  const day = cp.zone.dayOf(ms);
  const evidence: string[] = [];
  const hit: Symptom[] = [];
  let counted = false;
  for (const kind of twice) {
    const earlier = state.occurrences[kind] ?? [];
    const same = earlier.find((o) => o.ms === ms);
    // I-8: an occurrence is an instant; another event recording the kind then is the same one.
    if (same !== undefined) {
      same.ids.push(id);
      continue;
    }
    counted = true;
    const kept = [...earlier, { ids: [id], ms, day }].filter((o) => day - o.day <= windowDays);
    state.occurrences[kind] = kept;
    if (kept.length >= needed) {
      hit.push(kind);
      for (const o of kept) for (const oid of o.ids) if (!evidence.includes(oid)) evidence.push(oid);
    }
  }
  if (hit.length === 0) {
    if (counted) push(f, 'T-GY-first', ms, [id], 'GY');
    return;
  }
  startObservation(f, gy, ms, evidence, false, { symptoms: hit });
}
