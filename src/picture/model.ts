import type { Assessment, Reason, TrailEntry } from '../schema/assessment.js';
import type { Colour } from '../schema/primitives.js';
import { MS_PER_DAY, MS_PER_MINUTE, formatDay, formatTimeOfDay, parseInstant } from '../internal/iso.js';

/**
 * What the timeline picture shows, read from an assessment alone (RULES §5, §8): lanes, marks,
 * the colour band and the corrections, each capped so that a huge trail draws in bounded size.
 * The picture and its words (`<title>`, `<desc>`) are both rendered from this one model, so they
 * cannot say different things.
 */

/** At most this many marks (resets, corrections) are drawn per lane; the earliest are left out. */
export const MAX_MARKS = 40;
/** At most this many colour-band segments; shorter runs are merged into their neighbour. */
export const MAX_SEGMENTS = 200;

/** An instant of the assessment: its epoch milliseconds, and `YYYY-MM-DD HH:mm` in the policy's zone. */
export interface Instant {
  readonly ms: number;
  readonly local: string;
}

/** A mark on a lane: the start, a reset or a phase change, with its evidence (RULES §5). */
export interface Mark {
  readonly transition: string;
  readonly at: Instant;
  readonly evidence: readonly string[];
}

/** A stretch of one phase on a lane. */
export interface PhaseSpan {
  readonly phase: Reason['phase'];
  readonly from: Instant;
  /** `null`: open-ended (no release date yet). */
  readonly to: Instant | null;
}

/** One lane: one active condition (reason). */
export interface Lane {
  readonly rule: string;
  readonly colour: 'red' | 'yellow';
  readonly phase: Reason['phase'];
  readonly startedAt: Instant;
  readonly releaseAt: Instant | null;
  readonly count: { readonly anchor: Instant; readonly days: number; readonly convention: string } | null;
  readonly awaiting: readonly string[];
  readonly evidence: readonly string[];
  /** Never empty: the phase the condition started in comes first. */
  readonly phases: readonly [PhaseSpan, ...PhaseSpan[]];
  readonly marks: readonly Mark[];
  /** How many marks of this lane were left out (the earliest). */
  readonly marksLeftOut: number;
}

/** A run of one colour on the band; `projected` after the evaluation instant. */
export interface Segment {
  readonly colour: Colour;
  readonly from: number;
  readonly to: number;
  readonly projected: boolean;
}

/** A `T-void` correction (I-13): the correcting event, what it voids, and who and why if given. */
export interface Correction {
  readonly at: Instant;
  readonly evidence: readonly string[];
  readonly authority: string | null;
  readonly reason: string | null;
}

/** The whole picture as data. */
export interface TimelineModel {
  readonly subjectId: string;
  readonly colour: Colour;
  readonly evaluatedAt: Instant;
  readonly releaseAt: Instant | null;
  readonly awaiting: readonly string[];
  /** The policy zone's offset in minutes, read from the evaluation instant. */
  readonly offsetMinutes: number;
  /** The axis: local midnights in the policy's zone, first and last. */
  readonly start: number;
  readonly end: number;
  readonly lanes: readonly Lane[];
  readonly segments: readonly Segment[];
  /** How many colour changes were merged away to keep the band bounded. */
  readonly segmentsMerged: number;
  readonly corrections: readonly Correction[];
  readonly correctionsLeftOut: number;
}

const RANK: Readonly<Record<Colour, number>> = { green: 0, yellow: 1, red: 2 };
const worst = (a: Colour, b: Colour): Colour => (RANK[a] >= RANK[b] ? a : b);

/** The offset of an ISO-8601 instant in minutes (`Z` is 0). */
export function offsetOf(text: string): number {
  const m = /(?:([+-])(\d{2}):?(\d{2})|Z)$/i.exec(text);
  if (m === null || m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The local day `YYYY-MM-DD` of an epoch instant in a zone `offset` minutes east of UTC. */
export function localDay(ms: number, offset: number): string {
  return formatDay(Math.floor((ms + offset * MS_PER_MINUTE) / MS_PER_DAY));
}

/** `YYYY-MM-DD HH:mm` of an epoch instant in a zone `offset` minutes east of UTC. */
export function localWhen(ms: number, offset: number): string {
  const shifted = ms + offset * MS_PER_MINUTE;
  const ofDay = ((shifted % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return `${localDay(ms, offset)} ${formatTimeOfDay(ofDay).slice(0, 5)}`;
}

/** The local midnight at or before `ms` in a zone `offset` minutes east of UTC. */
export function dayStart(ms: number, offset: number): number {
  const shift = offset * MS_PER_MINUTE;
  return Math.floor((ms + shift) / MS_PER_DAY) * MS_PER_DAY - shift;
}

/** Epoch milliseconds of an instant; one the model cannot read is drawn at `fallback`. */
const msOf = (text: string, fallback: number): number => parseInstant(text) ?? fallback;

const ruleOf = (entry: TrailEntry): string | undefined => entry.rule ?? /^T-([A-Z0-9]+)-/.exec(entry.transition)?.[1];

function optionalText(entry: TrailEntry, key: 'authority' | 'reason'): string | null {
  // Trail entries may carry who made a correction and why (a later format); read them only if present.
  const value: unknown = (entry as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function laneOf(reason: Reason, trail: readonly TrailEntry[], now: number, instant: (text: string, fallback: number) => Instant): Lane {
  const startedAt = instant(reason.startedAt, now);
  const releaseAt = reason.releaseAt === null ? null : instant(reason.releaseAt, now);
  const own = trail.filter((entry) => ruleOf(entry) === reason.rule && msOf(entry.at, 0) >= startedAt.ms);
  const all = own
    .filter((entry) => /-(on|reset|discharge|excluded|recovered|confirmed)$/.test(entry.transition))
    .map((entry): Mark => ({ transition: entry.transition, at: instant(entry.at, now), evidence: entry.evidence }));
  const keep = all.slice(Math.max(0, all.length - MAX_MARKS));
  // The phase before a discharge, exclusion or recovery was treatment (§3.1, §3.4).
  const change = own.filter((entry) => /-(discharge|excluded|recovered)$/.test(entry.transition)).at(-1);
  let phases: Lane['phases'] = [{ phase: reason.phase, from: startedAt, to: releaseAt }];
  if (change !== undefined && reason.phase !== 'treatment') {
    const at = instant(change.at, now);
    phases = [{ phase: 'treatment', from: startedAt, to: at }, { phase: reason.phase, from: at, to: releaseAt }];
  }
  return {
    rule: reason.rule,
    colour: reason.colour,
    phase: reason.phase,
    startedAt,
    releaseAt,
    count: reason.count === null ? null : { anchor: instant(reason.count.anchor, now), days: reason.count.days, convention: reason.count.convention },
    awaiting: reason.awaiting,
    evidence: reason.evidence,
    phases,
    marks: keep,
    marksLeftOut: all.length - keep.length,
  };
}

/** Colour runs of the trail up to `now`, then the projection from the reasons' release dates. */
function segmentsOf(a: Assessment, now: number, start: number, end: number): { segments: Segment[]; merged: number } {
  const raw: Segment[] = [];
  const push = (colour: Colour, from: number, to: number, projected: boolean): void => {
    if (to <= from) return;
    const last = raw.at(-1);
    if (last !== undefined && last.colour === colour && last.projected === projected && last.to === from) raw[raw.length - 1] = { ...last, to };
    else raw.push({ colour, from, to, projected });
  };
  const changes = a.trail.map((entry) => ({ ms: msOf(entry.at, now), colour: entry.colour })).filter((c) => c.ms <= now);
  for (const [i, c] of changes.entries()) push(c.colour, c.ms, changes[i + 1]?.ms ?? now, false);
  // After the evaluation instant, nothing new is assumed: each condition ends at its release date.
  const conditions = a.reasons.map((r) => ({ colour: r.colour, until: r.releaseAt === null ? Infinity : msOf(r.releaseAt, Infinity) }));
  const cuts = [...new Set([...conditions.map((c) => c.until).filter((ms) => ms > now && ms < end), end])].sort((x, y) => x - y);
  let from = now;
  for (const to of cuts) {
    let colour: Colour = 'green';
    for (const c of conditions) if (c.until > from) colour = worst(colour, c.colour);
    push(colour, from, to, true);
    from = to;
  }
  if (raw.length <= MAX_SEGMENTS) return { segments: raw, merged: 0 };
  // Bounded: runs shorter than the span / MAX_SEGMENTS join their neighbour, in the worse colour.
  const min = (end - start) / MAX_SEGMENTS;
  const out: Segment[] = [];
  for (const s of raw) {
    const last = out.at(-1);
    if (last !== undefined && last.projected === s.projected && (last.to - last.from < min || s.to - s.from < min))
      out[out.length - 1] = { ...last, to: s.to, colour: worst(last.colour, s.colour) };
    else out.push(s);
  }
  return { segments: out, merged: raw.length - out.length };
}

/**
 * The model of the timeline picture of an assessment.
 *
 * @param a - an assessment returned by `evaluate`
 * @returns lanes, band, corrections and the axis range
 */
export function timelineModel(a: Assessment): TimelineModel {
  const offset = offsetOf(a.evaluatedAt);
  // Every instant is shown in the zone of the evaluation instant, the policy's (T-2).
  const instant = (text: string, fallback: number): Instant => {
    const ms = msOf(text, fallback);
    return { ms, local: localWhen(ms, offset) };
  };
  const evaluatedAt = instant(a.evaluatedAt, 0);
  const now = evaluatedAt.ms;
  const lanes = a.reasons.map((reason) => laneOf(reason, a.trail, now, instant));
  const times = [now, ...a.trail.map((e) => msOf(e.at, now))];
  for (const lane of lanes) {
    times.push(lane.startedAt.ms);
    if (lane.releaseAt !== null) times.push(lane.releaseAt.ms);
    if (lane.count !== null) times.push(lane.count.anchor.ms);
  }
  if (a.nextChangeAt !== null) times.push(msOf(a.nextChangeAt, now));
  const open = lanes.some((lane) => lane.releaseAt === null);
  const start = dayStart(Math.min(...times), offset) - MS_PER_DAY;
  const end = dayStart(Math.max(...times), offset) + (open ? 4 : 2) * MS_PER_DAY;
  const { segments, merged } = segmentsOf(a, now, start, end);
  const voids = a.trail
    .filter((entry) => entry.transition === 'T-void')
    .map((entry): Correction => ({
      at: instant(entry.at, now),
      evidence: entry.evidence,
      authority: optionalText(entry, 'authority'),
      reason: optionalText(entry, 'reason'),
    }));
  const corrections = voids.slice(Math.max(0, voids.length - MAX_MARKS));
  return {
    subjectId: a.subjectId,
    colour: a.colour,
    evaluatedAt,
    releaseAt: a.releaseAt === null ? null : instant(a.releaseAt, now),
    awaiting: a.awaiting,
    offsetMinutes: offset,
    start,
    end,
    lanes,
    segments,
    segmentsMerged: merged,
    corrections,
    correctionsLeftOut: voids.length - corrections.length,
  };
}
