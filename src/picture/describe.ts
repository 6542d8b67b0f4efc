import { MS_PER_DAY } from '../internal/iso.js';
import { type Instant, type Lane, type TimelineModel, localDay, localWhen } from './model.js';
import { word, type PictureLang } from './words.js';

/**
 * The picture in words: the `<title>` and `<desc>` of the SVG, for a reader who cannot see it
 * (a screen reader, a text-only audit). Rendered from the same model as the drawing.
 */

/** `YYYY-MM-DD HH:mm` of an instant in the policy's zone. */
export function when(at: Instant): string {
  return at.local;
}

/** `MM-DD HH:mm`, the short form drawn on the picture. */
export function short(at: Instant): string {
  return at.local.slice(5);
}

/** `UTC+08:00` for an offset in minutes. */
export function zoneName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zh-Hant or zh-Hans form of a phrase. */
const zh = (lang: PictureLang, hant: string, hans: string): string => (lang === 'zh-Hant' ? hant : hans);
const sep = (lang: PictureLang): string => (lang === 'en' ? ', ' : '、');
const stop = (lang: PictureLang): string => (lang === 'en' ? '. ' : '。');

/** `, waiting for hospital discharge` (or nothing when nothing is awaited), in `lang`. */
export function awaitingText(lang: PictureLang, awaited: readonly string[], joiner: string): string {
  if (awaited.length === 0) return '';
  const list = awaited.map((x) => word(lang, x)).join(sep(lang));
  return lang === 'en' ? `${joiner}${word(lang, 'awaiting')} ${list}` : `${joiner}${word(lang, 'awaiting')}${list}`;
}

/** The title: whose code, its colour at the evaluation instant, why, and when it ends. */
export function titleText(m: TimelineModel, lang: PictureLang): string {
  const rules = m.lanes.map((lane) => lane.rule).join(sep(lang));
  const colour = word(lang, m.colour);
  const end =
    m.colour === 'green'
      ? ''
      : m.releaseAt !== null
        ? lang === 'en'
          ? `; turns green at ${when(m.releaseAt)}`
          : lang === 'zh-Hant'
            ? `，預計 ${when(m.releaseAt)} 轉綠`
            : `，预计 ${when(m.releaseAt)} 转绿`
        : `${lang === 'en' ? '; ' : '，'}${word(lang, 'noRelease')}${awaitingText(lang, m.awaiting, lang === 'en' ? ', ' : '，')}`;
  if (lang === 'en') return `Health code timeline of ${m.subjectId}: ${colour}${rules === '' ? '' : ` (${rules})`} at ${when(m.evaluatedAt)}${end}`;
  return `${m.subjectId} 的${zh(lang, '健康碼時間線', '健康码时间线')}：${when(m.evaluatedAt)} ${zh(lang, '為', '为')}${colour}${rules === '' ? '' : `（${rules}）`}${end}`;
}

function laneText(lane: Lane, m: TimelineModel, lang: PictureLang): string {
  const parts: string[] = [];
  const ev = (ids: readonly string[]): string => ids.join(sep(lang));
  const head = `${lane.rule} ${word(lang, lane.colour)} ${word(lang, lane.phase)}`;
  if (lang === 'en') parts.push(`${head}: from ${when(lane.startedAt)} (evidence: ${ev(lane.evidence)})`);
  else parts.push(`${head}：自 ${when(lane.startedAt)}（${zh(lang, '依據', '依据')}：${ev(lane.evidence)}）`);
  for (const span of lane.phases.slice(1))
    parts.push(lang === 'en' ? `${word(lang, span.phase)} from ${when(span.from)}` : `${when(span.from)} 起${word(lang, span.phase)}`);
  if (lane.count !== null && lane.releaseAt !== null) {
    const first = localDay(lane.releaseAt.ms - lane.count.days * MS_PER_DAY, m.offsetMinutes);
    const last = localDay(lane.releaseAt.ms - MS_PER_DAY, m.offsetMinutes);
    parts.push(
      lang === 'en'
        ? `counted ${lane.count.days} days from ${when(lane.count.anchor)}, day 1 on ${first}, day ${lane.count.days} on ${last}`
        : lang === 'zh-Hant'
          ? `自 ${when(lane.count.anchor)} 起計 ${lane.count.days} 天，第1天 ${first}，第${lane.count.days}天 ${last}`
          : `自 ${when(lane.count.anchor)} 起计 ${lane.count.days} 天，第1天 ${first}，第${lane.count.days}天 ${last}`,
    );
  }
  if (lane.marksLeftOut > 0)
    parts.push(lang === 'en' ? `${lane.marksLeftOut} earlier marks not drawn` : `${lane.marksLeftOut} ${zh(lang, '個較早的標記', '个较早的标记')}${word(lang, 'leftOut')}`);
  for (const mark of lane.marks.filter((x) => x.transition.endsWith('-reset')))
    parts.push(lang === 'en' ? `reset on ${when(mark.at)} (evidence: ${ev(mark.evidence)})` : `${when(mark.at)} ${word(lang, 'reset').replace(/（.*/, '')}（${ev(mark.evidence)}）`);
  if (lane.releaseAt !== null)
    parts.push(lang === 'en' ? `turns green at ${when(lane.releaseAt)}` : `${word(lang, 'release')} ${when(lane.releaseAt)}`);
  else parts.push(`${word(lang, 'noRelease')}${awaitingText(lang, lane.awaiting, lang === 'en' ? ', ' : '，')}`);
  return parts.join(lang === 'en' ? '; ' : '；');
}

/** The description: the axis, the colour band, every lane and every correction, in sentences. */
export function descText(m: TimelineModel, lang: PictureLang): string {
  const out: string[] = [];
  const zone = zoneName(m.offsetMinutes);
  const first = localDay(m.start, m.offsetMinutes);
  const last = localDay(m.end, m.offsetMinutes);
  out.push(
    lang === 'en'
      ? `Calendar from ${first} to ${last} (${zone}), evaluated at ${when(m.evaluatedAt)}`
      : lang === 'zh-Hant'
        ? `日曆 ${first} 至 ${last}（${zone}），評估時間 ${when(m.evaluatedAt)}`
        : `日历 ${first} 至 ${last}（${zone}），评估时间 ${when(m.evaluatedAt)}`,
  );
  const runs = m.segments
    .map((s) => `${word(lang, s.colour)}${s.projected ? ` (${word(lang, 'projected')})` : ''} ${localWhen(s.from, m.offsetMinutes)} – ${localWhen(s.to, m.offsetMinutes)}`)
    .join(sep(lang));
  out.push(`${word(lang, 'band')}${lang === 'en' ? ': ' : '：'}${runs}`);
  if (m.segmentsMerged > 0)
    out.push(lang === 'en' ? `${m.segmentsMerged} short colour changes merged into their neighbours` : `${m.segmentsMerged} ${zh(lang, '次短暫變色已合併', '次短暂变色已合并')}`);
  if (m.lanes.length === 0) out.push(word(lang, 'noCondition'));
  for (const lane of m.lanes) out.push(laneText(lane, m, lang));
  if (m.correctionsLeftOut > 0)
    out.push(lang === 'en' ? `${m.correctionsLeftOut} earlier corrections not drawn` : `${m.correctionsLeftOut} ${zh(lang, '項較早的更正', '项较早的更正')}${word(lang, 'leftOut')}`);
  for (const c of m.corrections) {
    const [by, ...voided] = c.evidence;
    const who = [c.authority, c.reason].filter((x): x is string => x !== null).join(sep(lang));
    out.push(
      lang === 'en'
        ? `Correction on ${when(c.at)}: ${by ?? ''} voids ${voided.join(', ')}${who === '' ? '' : ` (${who})`}`
        : `${word(lang, 'corrections')} ${when(c.at)}：${by ?? ''} ${zh(lang, '撤銷', '撤销')} ${voided.join('、')}${who === '' ? '' : `（${who}）`}`,
    );
  }
  return out.join(stop(lang)).trimEnd() + (lang === 'en' ? '.' : '。');
}
