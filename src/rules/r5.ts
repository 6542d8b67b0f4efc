import { OBLIGATIONS } from '../schema/primitives.js';
import type { EventOf } from '../schema/events.js';
import { newCondition, push } from './clock.js';
import type { Rule } from './rule.js';
import { row } from './row.js';
import { addEvidence, type Designation, type Fold } from './state.js';

/**
 * R5 (§3.5): designated high-risk by an authority. Red until an authority releases it: the policy
 * gives no count of its own (I-6). Each designation is kept with its authority, reason and basis.
 */
export const r5 = {
  id: 'R5',
  colour: 'red',
  section: '§3.5',
  starts: { declared: [], events: ['high-risk-designation'], guards: ['readings.triggers "at-application": not after the submission (I-19)'] },
  phases: ['designated'],
  anchor: 'none: no count (I-6)',
  release: 'an authority-release event (I-6)',
  interactions: ['I-16: while R5 is active, Y1 and Y2 do not start from the declaration'],
  transitions: [
    row('T-R5-on', 'R5', 'any', 'red: R5 designated', 'designation by an authority', '§3.5', ['I-6']),
    row('T-R5-off', 'R5', 'R5 designated', 'released', 'release by an authority', '§3.5', ['I-6']),
  ],
  interpretations: ['I-6', 'I-15', 'I-16'],
  cites: (f) => ['I-6', ...(f.atApplication ? (['readings.triggers'] as const) : [])],
  awaiting: () => ['authority-release'],
  // The obligations the designations list, or isolation observation for one that lists none (I-6).
  obligations: (c) => {
    const listed = (c.details.designations ?? []).flatMap((d) => d.obligations ?? ['isolation-observation']);
    return OBLIGATIONS.filter((o) => listed.includes(o));
  },
  headline: (lang, f) => {
    const quoted = (f.designations ?? [])
      .map((d) => ({ 'zh-Hans': `${d.authority}认定，理由“${d.reason}”，依据“${d.basis}”`, 'zh-Hant': `${d.authority}認定，理由「${d.reason}」，依據「${d.basis}」`, en: `${d.authority}: reason "${d.reason}", basis "${d.basis}"` })[lang])
      .join(lang === 'en' ? '; ' : '；');
    return {
      'zh-Hans': `红码 R5（§3.5）：被列为高风险人员管理（${quoted}）。政策本身未规定解除条件，只有有关部门解除才转绿（I-6）。`,
      'zh-Hant': `紅碼 R5（§3.5）：被列為高風險人員管理（${quoted}）。政策本身未規定解除條件，只有有關部門解除才轉綠（I-6）。`,
      en: `Red, R5 (§3.5): designated high-risk (${quoted}). The policy itself gives no release rule: only a release by an authority ends it (I-6).`,
    }[lang];
  },
} as const satisfies Rule<'R5'>;

/** A high-risk designation (I-6): starts R5, or adds its designation to the active one. */
export function designate(f: Fold, ms: number, event: EventOf<'high-risk-designation'>): void {
  const designation: Designation = { id: event.id, authority: event.authority, reason: event.reason, basis: event.basis, obligations: event.obligations };
  const c = f.state.conditions.R5;
  if (c !== undefined) {
    addEvidence(c, event.id);
    // Appended in place: copying the list for each designation cost time in their square.
    (c.details.designations as Designation[]).push(designation);
    return;
  }
  const next = newCondition(f, r5, ms, [event.id], false);
  next.phase = 'designated';
  next.details = { designations: [designation] };
  f.state.conditions.R5 = next;
  push(f, 'T-R5-on', ms, next.evidence, 'R5', undefined, { authority: event.authority, reason: event.reason, basis: event.basis });
}

/** A release by an authority ends R5 (I-6); with no R5 active it changes nothing (I-19). */
export function release(f: Fold, ms: number, event: EventOf<'authority-release'>): void {
  const c = f.state.conditions.R5;
  if (c === undefined) return;
  delete f.state.conditions.R5;
  push(f, 'T-R5-off', ms, [...c.evidence, event.id], 'R5', undefined, { authority: event.authority, reason: event.reason });
}
