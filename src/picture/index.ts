/**
 * `health-code-rules/picture`: the timeline of an assessment as an SVG a person reads at a glance
 * (RULES §5, §8): a calendar in the policy's zone, one lane per condition with its phases, its
 * count and every reset, the projected release, the colour band, and the corrections (I-13).
 * Pure: built from the assessment alone, no clock, no host time zone, no Node built-ins.
 *
 * @packageDocumentation
 */
import type { Assessment } from '../schema/assessment.js';
import type { Colour } from '../schema/primitives.js';
import { MS_PER_DAY } from '../internal/iso.js';
import { awaitingText, descText, short, titleText, when, zoneName } from './describe.js';
import { type Lane, type TimelineModel, localDay, localWhen, timelineModel } from './model.js';
import { type PictureLang, word } from './words.js';

export type { PictureLang } from './words.js';

/** Options of `timelineSvg`. */
export interface TimelineOptions {
  /** The language of the legend, labels, `<title>` and `<desc>`: `zh-Hans`, `zh-Hant` or `en`. */
  readonly lang: PictureLang;
  /** The width in pixels (default 960, at least 480, at most 4096); the height follows the content. */
  readonly width?: number;
}

const FILL: Readonly<Record<Colour, string>> = { red: '#d32f2f', yellow: '#f2c200', green: '#1f9d55' };
const LEFT = 150;
const RIGHT = 28;
const LANE_H = 70;

/** Text from the input made safe for XML: markup characters escaped, characters XML forbids replaced. */
function esc(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`)
    // XML 1.0 forbids these characters even escaped: C0 controls other than tab and newlines,
    // lone surrogates, U+FFFE and U+FFFF.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A rough width of a label in pixels: wide for CJK, narrow for Latin. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? size : size * 0.58;
  return w;
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

function text(x: number, y: number, body: string, attrs: string): string {
  return `<text x="${n(x)}" y="${n(y)}" ${attrs}>${esc(body)}</text>`;
}

/** Labels set on a few rows so that neighbours do not overlap; a label with no room is left to the mark's tooltip. */
class Rows {
  private readonly ends: number[];
  constructor(rows: number) {
    this.ends = Array.from({ length: rows }, () => -Infinity);
  }
  place(x: number, width: number): number | undefined {
    const row = this.ends.findIndex((end) => end + 4 <= x);
    if (row < 0) return undefined;
    this.ends[row] = x + width;
    return row;
  }
}

function defs(): string {
  return `<defs>
<pattern id="hcr-red" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${FILL.red}"/><path d="M0 0L8 8M8 0L0 8" stroke="#5a0f0f" stroke-width="1.4"/></pattern>
<pattern id="hcr-yellow" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${FILL.yellow}"/><path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="#8a6d00" stroke-width="1.4"/></pattern>
<pattern id="hcr-green" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${FILL.green}"/></pattern>
<pattern id="hcr-treatment" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.3" fill="#fff"/></pattern>
<pattern id="hcr-projected" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff" fill-opacity="0.5"/><path d="M0 3H6" stroke="#fff" stroke-width="1.5"/></pattern>
</defs>`;
}

interface Frame {
  readonly m: TimelineModel;
  readonly lang: PictureLang;
  readonly W: number;
  readonly x: (ms: number) => number;
  readonly pxPerDay: number;
}

function axis(f: Frame, top: number, bottom: number): string[] {
  const { m } = f;
  const out: string[] = [];
  const steps = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728, 1456, 3640];
  const step = steps.find((s) => s * f.pxPerDay >= 44) ?? 7280;
  const days = Math.round((m.end - m.start) / MS_PER_DAY);
  const eachDay = f.pxPerDay >= 5;
  for (let d = 0; d <= days; d += eachDay ? 1 : step) {
    const ms = m.start + d * MS_PER_DAY;
    const x = f.x(ms);
    const labelled = d % step === 0;
    out.push(`<path d="M${n(x)} ${top}V${labelled ? bottom : top + 8}" stroke="#999" stroke-width="${labelled ? 0.8 : 0.5}"/>`);
    if (labelled && d < days) out.push(text(x + 2, top + 18, localDay(ms, m.offsetMinutes).slice(step >= 364 ? 0 : 5), 'font-size="10" fill="#333"'));
  }
  return out;
}

function band(f: Frame, y: number, h: number): string[] {
  const out = [text(10, y + h / 2 + 4, word(f.lang, 'band'), 'font-size="11" font-weight="bold"')];
  for (const s of f.m.segments) {
    const x0 = f.x(s.from);
    const w = f.x(s.to) - x0;
    const tip = `${word(f.lang, s.colour)}${s.projected ? ` (${word(f.lang, 'projected')})` : ''} ${localWhen(s.from, f.m.offsetMinutes)} – ${localWhen(s.to, f.m.offsetMinutes)}`;
    out.push(`<g><title>${esc(tip)}</title><rect x="${n(x0)}" y="${y}" width="${n(w)}" height="${h}" fill="url(#hcr-${s.colour})"/>`);
    if (s.projected) out.push(`<rect x="${n(x0)}" y="${y}" width="${n(w)}" height="${h}" fill="url(#hcr-projected)"/>`);
    const label = word(f.lang, s.colour);
    if (w > textWidth(label, 11) + 8)
      out.push(text(x0 + w / 2, y + h / 2 + 4, label, `font-size="11" font-weight="bold" text-anchor="middle" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke"`));
    out.push('</g>');
  }
  return out;
}

/** A lane's marks: the start, each phase change and each reset, with their evidence ids (RULES §5). */
function laneMarks(f: Frame, l: Lane, barY: number, barH: number): string[] {
  const out: string[] = [];
  const rows = new Rows(2);
  for (const mark of l.marks) {
    const x = f.x(mark.at.ms);
    const reset = mark.transition.endsWith('-reset');
    const tip = `${mark.transition} ${when(mark.at)}: ${mark.evidence.join(', ')}`;
    const shape = reset
      ? `<path d="M${n(x - 5)} ${barY + barH + 9}L${n(x + 5)} ${barY + barH + 9}L${n(x)} ${barY + barH + 1}Z" fill="#000"/>`
      : `<path d="M${n(x)} ${barY - 3}V${barY + barH + 9}" stroke="#000" stroke-width="2"/>`;
    const label = mark.evidence.join(', ');
    const row = rows.place(x - 2, textWidth(label, 10));
    out.push(`<g class="${reset ? 'reset' : 'mark'}" data-transition="${esc(mark.transition)}"><title>${esc(tip)}</title>${shape}`);
    if (row !== undefined) out.push(text(x - 2, barY + barH + 21 + row * 12, label, 'font-size="10" fill="#222"'));
    out.push('</g>');
  }
  return out;
}

function lane(f: Frame, l: Lane, y: number): string[] {
  const { lang, m } = f;
  const out: string[] = [`<g class="lane" data-rule="${esc(l.rule)}">`];
  out.push(text(10, y + 20, l.rule, 'font-size="15" font-weight="bold"'));
  out.push(text(10, y + 36, `${word(lang, l.colour)} · ${word(lang, l.phase)}`, 'font-size="11"'));
  const barY = y + 8;
  const barH = 24;
  const end = f.x(m.end);
  for (const span of l.phases) {
    const x0 = f.x(span.from.ms);
    const x1 = span.to === null ? end : f.x(span.to.ms);
    out.push(`<rect x="${n(x0)}" y="${barY}" width="${n(Math.max(1, x1 - x0))}" height="${barH}" fill="url(#hcr-${l.colour})" stroke="#000" stroke-width="0.8"/>`);
    if (span.phase === 'treatment') out.push(`<rect x="${n(x0)}" y="${barY}" width="${n(Math.max(1, x1 - x0))}" height="${barH}" fill="url(#hcr-treatment)"/>`);
  }
  // What lies after the evaluation instant is a projection: drawn paler.
  const nowX = f.x(m.evaluatedAt.ms);
  const lastX = l.releaseAt === null ? end : f.x(l.releaseAt.ms);
  out.push(`<rect x="${n(nowX)}" y="${barY}" width="${n(Math.max(0, lastX - nowX))}" height="${barH}" fill="url(#hcr-projected)"/>`);
  const phaseLabel = word(lang, l.phases[0].phase);
  const firstEnd = l.phases[0].to === null ? end : f.x(l.phases[0].to.ms);
  if (firstEnd - f.x(l.startedAt.ms) > textWidth(phaseLabel, 10) + 8 && l.count === null)
    out.push(text(f.x(l.startedAt.ms) + 4, barY + 16, phaseLabel, 'font-size="10" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke"'));
  // The count: day k of `days` is the k-th day-long cell ending at the release (T-3, any convention).
  if (l.count !== null && l.releaseAt !== null) {
    const ax = f.x(l.count.anchor.ms);
    out.push(`<path d="M${n(ax)} ${barY - 4}V${barY + barH + 4}" stroke="#000" stroke-width="1.6"/>`);
    const every = f.pxPerDay >= 13 ? 1 : Math.max(1, l.count.days);
    for (let k = 1; k <= l.count.days; k++) {
      if (k % every !== 0 && k !== 1) continue;
      const from = l.releaseAt.ms - (l.count.days - k + 1) * MS_PER_DAY;
      out.push(text(f.x(from + MS_PER_DAY / 2), barY + 16, String(k), 'font-size="9.5" text-anchor="middle" fill="#000" stroke="#fff" stroke-width="2.5" paint-order="stroke"'));
    }
  }
  out.push(...laneMarks(f, l, barY, barH));
  if (l.marksLeftOut > 0)
    out.push(text(LEFT, y + LANE_H - 2, `+${l.marksLeftOut} ${word(lang, 'leftOut')}`, 'font-size="10" font-style="italic" fill="#444"'));
  // The projected release, or the open end of a condition that has no date yet.
  if (l.releaseAt !== null) {
    const x = f.x(l.releaseAt.ms);
    out.push(`<g class="release"><title>${esc(`${word(lang, 'release')} ${when(l.releaseAt)}`)}</title>`);
    out.push(`<path d="M${n(x)} ${barY - 6}L${n(x + 7)} ${barY + barH / 2}L${n(x)} ${barY + barH + 6}L${n(x - 7)} ${barY + barH / 2}Z" fill="#fff" stroke="#000" stroke-width="1.6"/>`);
    const label = short(l.releaseAt);
    const right = x + 10 + textWidth(label, 11) < f.W;
    out.push(text(right ? x + 10 : x - 10, barY - 1, label, `font-size="11" font-weight="bold"${right ? '' : ' text-anchor="end"'}`));
    out.push('</g>');
  } else {
    const label = `${word(lang, 'noRelease')}${awaitingText(lang, l.awaiting, ' · ')}`;
    out.push(`<path d="M${n(end - 8)} ${barY - 2}L${n(end)} ${barY + barH / 2}L${n(end - 8)} ${barY + barH + 2}" fill="none" stroke="#000" stroke-width="2"/>`);
    out.push(text(end - 12, barY - 2, label, 'font-size="11" font-weight="bold" text-anchor="end"'));
  }
  out.push('</g>');
  return out;
}

function corrections(f: Frame, y: number): string[] {
  const out = [`<g class="corrections">`, text(10, y + 18, word(f.lang, 'corrections'), 'font-size="12" font-weight="bold"')];
  const rows = new Rows(3);
  for (const c of f.m.corrections) {
    const x = f.x(c.at.ms);
    const [by, ...voided] = c.evidence;
    const who = [c.authority, c.reason].filter((v): v is string => v !== null);
    const whoText = who.length === 0 ? '' : ` (${who.join('; ')})`;
    const label = `${by ?? ''} ✕ ${voided.join(', ')}${whoText}`;
    out.push(`<g class="void"><title>${esc(`T-void ${when(c.at)}: ${label}`)}</title>`);
    out.push(`<path d="M${n(x - 5)} ${y + 6}L${n(x + 5)} ${y + 16}M${n(x + 5)} ${y + 6}L${n(x - 5)} ${y + 16}" stroke="#000" stroke-width="2"/>`);
    const row = rows.place(x - 4, textWidth(label, 10));
    // The voided event is struck through; the correcting event and who made it are not.
    if (row !== undefined)
      out.push(
        `<text x="${n(x - 4)}" y="${n(y + 29 + row * 12)}" font-size="10" fill="#222">${esc(`${by ?? ''} ✕ `)}<tspan text-decoration="line-through">${esc(voided.join(', '))}</tspan>${esc(whoText)}</text>`,
      );
    out.push('</g>');
  }
  if (f.m.correctionsLeftOut > 0) out.push(text(LEFT, y + 66, `+${f.m.correctionsLeftOut} ${word(f.lang, 'leftOut')}`, 'font-size="10" font-style="italic"'));
  out.push('</g>');
  return out;
}

function legend(f: Frame, y: number): { svg: string[]; height: number } {
  const { lang } = f;
  const sw = (body: string): string => body;
  const items: { swatch: (x: number, y: number) => string; label: string }[] = [
    ...(['red', 'yellow', 'green'] as const).map((c) => ({
      swatch: (x: number, yy: number) => sw(`<rect x="${n(x)}" y="${yy}" width="22" height="12" fill="url(#hcr-${c})" stroke="#000" stroke-width="0.6"/>`),
      label: word(lang, c),
    })),
    { swatch: (x, yy) => `<rect x="${n(x)}" y="${yy}" width="22" height="12" fill="url(#hcr-red)"/><rect x="${n(x)}" y="${yy}" width="22" height="12" fill="url(#hcr-projected)" stroke="#000" stroke-width="0.6"/>`, label: word(lang, 'projected') },
    { swatch: (x, yy) => `<rect x="${n(x)}" y="${yy}" width="22" height="12" fill="url(#hcr-red)"/><rect x="${n(x)}" y="${yy}" width="22" height="12" fill="url(#hcr-treatment)" stroke="#000" stroke-width="0.6"/>`, label: word(lang, 'treatment') },
    { swatch: (x, yy) => `<path d="M${n(x + 11)} ${yy - 2}V${yy + 14}" stroke="#000" stroke-width="2"/>`, label: word(lang, 'start') },
    { swatch: (x, yy) => `<path d="M${n(x + 6)} ${yy + 11}L${n(x + 16)} ${yy + 11}L${n(x + 11)} ${yy + 2}Z" fill="#000"/>`, label: word(lang, 'reset') },
    { swatch: (x, yy) => `<text x="${n(x + 11)}" y="${yy + 10}" font-size="10" text-anchor="middle">1 2 3</text>`, label: word(lang, 'count') },
    { swatch: (x, yy) => `<path d="M${n(x + 11)} ${yy - 2}L${n(x + 18)} ${yy + 6}L${n(x + 11)} ${yy + 14}L${n(x + 4)} ${yy + 6}Z" fill="#fff" stroke="#000" stroke-width="1.4"/>`, label: word(lang, 'release') },
    { swatch: (x, yy) => `<path d="M${n(x + 11)} ${yy - 2}V${yy + 14}" stroke="#000" stroke-width="1.5" stroke-dasharray="3 2"/>`, label: word(lang, 'now') },
    { swatch: (x, yy) => `<path d="M${n(x + 6)} ${yy + 1}L${n(x + 16)} ${yy + 11}M${n(x + 16)} ${yy + 1}L${n(x + 6)} ${yy + 11}" stroke="#000" stroke-width="2"/>`, label: word(lang, 'voided') },
  ];
  const out = [`<g class="legend">`, text(10, y + 11, word(lang, 'legend'), 'font-size="11" font-weight="bold"')];
  let x = LEFT;
  let row = 0;
  for (const item of items) {
    const w = 28 + textWidth(item.label, 11) + 16;
    if (x + w > f.W - RIGHT && x > LEFT) {
      x = LEFT;
      row++;
    }
    const yy = y + row * 20;
    out.push(item.swatch(x, yy), text(x + 28, yy + 10, item.label, 'font-size="11"'));
    x += w;
  }
  out.push('</g>');
  return { svg: out, height: (row + 1) * 20 };
}

/**
 * The timeline of an assessment as an SVG string: the calendar in the policy's zone with the
 * evaluation instant marked, one lane per reason with its phases, its count from the anchor
 * (day numbers, T-3), every start and reset with its evidence id (RULES §5), the projected
 * release, the colour band over time from the trail, the `T-void` corrections (I-13) and a legend,
 * in the chosen language. `<title>` and `<desc>` say the same in words; colours carry patterns and
 * labels too, so the picture reads in greyscale. Every text from the input is escaped. A huge trail
 * draws in bounded size: at most 40 marks per lane and 200 band segments, with a note of what was
 * left out. Pure: the same assessment gives the same bytes under any host time zone.
 *
 * @param assessment - an `Assessment` returned by `evaluate`
 * @param options - `{ lang, width? }`: the language (`zh-Hans`, `zh-Hant`, `en`) and the width in pixels
 * @returns the SVG document, UTF-8 text starting with `<svg`
 * @example
 * const a = evaluate(declaration, history, '2020-02-10T12:00:00+08:00');
 * writeFileSync('timeline.svg', timelineSvg(a, { lang: 'en' }));
 */
export function timelineSvg(assessment: Assessment, options: TimelineOptions): string {
  const lang: PictureLang = options.lang === 'zh-Hans' || options.lang === 'zh-Hant' ? options.lang : 'en';
  const asked = options.width ?? 960;
  const W = Number.isFinite(asked) ? Math.round(Math.min(4096, Math.max(480, asked))) : 960;
  const m = timelineModel(assessment);
  const plotW = W - LEFT - RIGHT;
  const span = Math.max(m.end - m.start, MS_PER_DAY);
  const x = (ms: number): number => LEFT + (Math.min(Math.max(ms, m.start), m.end) - m.start) * (plotW / span);
  const f: Frame = { m, lang, W, x, pxPerDay: (plotW * MS_PER_DAY) / span };

  const bandY = 58;
  const axisY = 92;
  const lanesY = 134;
  const body: string[] = [];
  const title = titleText(m, lang);
  body.push(text(10, 22, title, 'font-size="15" font-weight="bold"'));
  body.push(
    text(10, 40, `${localDay(m.start, m.offsetMinutes)} – ${localDay(m.end, m.offsetMinutes)} (${zoneName(m.offsetMinutes)}) · ${m.subjectId}`, 'font-size="11" fill="#333"'),
  );
  body.push(...band(f, bandY, 26));
  let y = lanesY;
  const lanes: string[] = [];
  if (m.lanes.length === 0) {
    lanes.push(text(LEFT, y + 22, word(lang, 'noCondition'), 'font-size="13" font-style="italic"'));
    y += 36;
  }
  for (const l of m.lanes) {
    lanes.push(`<path d="M0 ${y}H${W}" stroke="#ddd"/>`, ...lane(f, l, y));
    y += LANE_H;
  }
  if (m.corrections.length > 0) {
    lanes.push(`<path d="M0 ${y}H${W}" stroke="#ddd"/>`, ...corrections(f, y));
    y += m.correctionsLeftOut > 0 ? 72 : 62;
  }
  if (m.segmentsMerged > 0) {
    lanes.push(text(LEFT, y + 12, `${word(lang, 'band')}: +${m.segmentsMerged} ${word(lang, 'leftOut')}`, 'font-size="10" font-style="italic"'));
    y += 18;
  }
  body.push(...axis(f, axisY, y));
  body.push(...lanes);
  const nowX = x(m.evaluatedAt.ms);
  body.push(`<g class="now"><title>${esc(`${word(lang, 'now')} ${when(m.evaluatedAt)}`)}</title>`);
  body.push(`<path d="M${n(nowX)} ${bandY - 4}V${y}" stroke="#000" stroke-width="1.5" stroke-dasharray="4 3"/>`);
  const nowLabel = `${word(lang, 'now')} ${short(m.evaluatedAt)}`;
  const right = nowX + 4 + textWidth(nowLabel, 10) < W;
  body.push(text(right ? nowX + 4 : nowX - 4, axisY + 34, nowLabel, `font-size="10" font-weight="bold"${right ? '' : ' text-anchor="end"'} stroke="#fff" stroke-width="3" paint-order="stroke"`));
  body.push('</g>');
  y += 14;
  body.push(`<path d="M0 ${y - 6}H${W}" stroke="#bbb"/>`);
  const leg = legend(f, y);
  body.push(...leg.svg);
  const H = y + leg.height + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="hcr-title hcr-desc" xml:lang="${lang}" font-family="sans-serif">
<title id="hcr-title">${esc(title)}</title>
<desc id="hcr-desc">${esc(descText(m, lang))}</desc>
${defs()}
<rect width="${W}" height="${H}" fill="#fff"/>
${body.join('\n')}
</svg>
`;
}
