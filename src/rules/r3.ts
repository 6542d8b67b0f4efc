import { overlapsWindow } from '../calendar.js';
import { parseDay } from '../internal/iso.js';
import type { EventOf } from '../schema/events.js';
import { trigger } from './clock.js';
import { resetBySymptoms, type Rule } from './rule.js';
import { row } from './row.js';
import { list, type Lang, type ReasonFacts } from './words.js';
import type { Fold } from './state.js';

/**
 * R3 (§3.3): in, or in contact with someone from, a key area within the look-back window (T-4,
 * I-5). Red for a full count of observation days (T-3) from the isolation start I-3 gives it,
 * restarted by a reset symptom (I-7) and moved by a later trigger (I-17).
 */
export const r3 = {
  id: 'R3',
  colour: 'red',
  section: '§3.3',
  starts: {
    declared: ['keyAreaVisits', 'keyAreaContacts'],
    events: ['key-area-visit', 'key-area-contact'],
    guards: [
      'the area is on the policy list on the day of the trigger (I-5)',
      'the visit or contact overlaps the lookbackDays window of that day (T-4)',
      'readings.triggers "at-application": not after the submission (I-19)',
    ],
  },
  phases: ['observation'],
  anchor: 'the isolation start (I-3), else the trigger; the last reset symptom (I-7) or later trigger (I-17)',
  release: 'a full count of observation days without reset symptoms (T-3)',
  interactions: ['I-17: a later trigger moves the anchor; a declared one only adds evidence', 'I-16: while R3 is active, Y1 and Y2 do not start from the declaration'],
  transitions: [
    row('T-R3-on', 'R3', 'any', 'red: R3 observation', 'key-area travel or contact within 14 days', '§3.3', ['I-5', 'I-3', 'I-17']),
    row('T-R3-reset', 'R3', 'R3 observation', 'R3 observation', 'fever, dry cough or shortness of breath during observation', '§3.3', ['I-7']),
    row('T-R3-off', 'R3', 'R3 observation', 'released', 'a full 14 days without reset symptoms', '§3.3', ['T-3', 'I-7']),
  ],
  interpretations: ['I-3', 'I-5', 'I-7', 'I-15', 'I-16', 'I-17', 'T-3', 'T-4'],
  cites: (f) => ['I-5', ...(f.atApplication ? (['readings.triggers'] as const) : [])],
  awaiting: () => [],
  obligations: () => ['isolation-observation'],
  headline: (lang: Lang, f: ReasonFacts, ev: string) => {
    const named = f.areas !== undefined && f.areas.length > 0 ? list(lang, f.areas.map((a) => (f.areaNames?.[a] === undefined ? a : `${f.areaNames[a]} ${a}`))) : null;
    return {
      'zh-Hans': `红码 R3（§3.3）：${f.lookbackDays}天内到过重点地区或接触过来自重点地区的人员${named === null ? '' : `（${named}）`}（依据：${ev}）。`,
      'zh-Hant': `紅碼 R3（§3.3）：${f.lookbackDays}天內到過重點地區或接觸過來自重點地區的人員${named === null ? '' : `（${named}）`}（依據：${ev}）。`,
      en: `Red, R3 (§3.3): in or in contact with a key area${named === null ? '' : ` (${named})`} within ${f.lookbackDays} days (evidence: ${ev}).`,
    }[lang];
  },
  reset: resetBySymptoms('R3'),
} as const satisfies Rule<'R3'>;

/** I-5, T-4: a key area on the list on `day`, with a stay overlapping the look-back window. */
function inWindow(f: Fold, area: string | undefined, from: string, to: string, day: number): boolean {
  return (area === undefined || f.cp.isKeyArea(area, day)) && overlapsWindow(parseDay(from) as number, parseDay(to) as number, day, f.cp.policy.lookbackDays);
}

/** The declared visits and contacts (§3.3) at the submission. */
export function declaredAreas(f: Fold, ms: number): void {
  const d = f.facts.declaration;
  if (d.keyAreaVisits.length + d.keyAreaContacts.length === 0) return;
  const day = f.cp.zone.dayOf(ms);
  const areas = [
    ...d.keyAreaVisits.filter((v) => inWindow(f, v.area, v.from, v.to, day)).map((v) => v.area),
    ...d.keyAreaContacts.filter((k) => inWindow(f, k.area, k.on, k.on, day)).map((k) => k.area ?? ''),
  ];
  if (areas.length > 0) trigger(f, r3, ms, 'declaration', true, { areas: [...new Set(areas.filter((a) => a !== ''))] });
}

/** A reported key-area visit (§3.3). */
export function visit(f: Fold, ms: number, event: EventOf<'key-area-visit'>): void {
  if (inWindow(f, event.area, event.from, event.to, f.cp.zone.dayOf(ms))) trigger(f, r3, ms, event.id, false, { areas: [event.area] });
}

/** A reported contact with someone from a key area (§3.3). */
export function contact(f: Fold, ms: number, event: EventOf<'key-area-contact'>): void {
  if (inWindow(f, event.area, event.on, event.on, f.cp.zone.dayOf(ms)))
    trigger(f, r3, ms, event.id, false, event.area === undefined ? {} : { areas: [event.area] });
}
