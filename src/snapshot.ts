import * as z from 'zod';
import { assess, formatTrail } from './assess.js';
import { readBounded } from './bounds.js';
import type { InputIssue } from './errors.js';
import { advance } from './fold.js';
import { glossary, READINGS } from './glossary.js';
import { parseInstant } from './internal/iso.js';
import type { CompiledPolicy } from './policy/compile.js';
import { foldOf, currentColour, initialState, type CaseFacts, type FoldState } from './rules/state.js';
import { IgnoredSchema, TrailEntrySchema, type Assessment, type Ignored, type TrailEntry } from './schema/assessment.js';
import { ColourSchema, CredentialSchema, RuleIdSchema, SymptomSchema } from './schema/primitives.js';
import { buildTimeline, compareKeys } from './timeline.js';
import { isRecord, validateCase, type Checked, type InputEvent, type ValidCase } from './validate.js';

/**
 * Snapshots of the fold (RULES §1–§5 as a resumable state machine): the state after every event up
 * to an instant, as JSON, so that a service that receives one new event for a person continues
 * the fold from it instead of folding the whole history again. `resume` of a snapshot with the
 * events after its instant gives exactly the assessment `evaluate` gives of the whole history;
 * when it cannot (an event at or before the instant, an id it has seen, a correction of an event
 * it holds, another policy), it says so with `needs_full_history`.
 */

const ms = z.number().finite();
const msOrNull = ms.nullable();
const StampSchema = z.strictObject({ ms, id: z.string().min(1) });
const CitedSchema = z.enum([...glossary.map((g) => g.id), ...READINGS]);
// The two long lists of a long history (every applied id, every reported day) are checked by one
// loop each: an element schema per item cost more than folding the new events.
const IdListSchema = z
  .custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0), { error: 'not a list of non-empty ids' })
  .meta({ type: 'array', items: { type: 'string', minLength: 1 } });
const DayListSchema = z.custom<number[]>((v) => Array.isArray(v) && v.every((x, i) => Number.isSafeInteger(x) && (i === 0 || x > (v[i - 1] as number))), {
  error: 'not an ascending list of days',
}).meta({ type: 'array', items: { type: 'integer' } });

const DesignationSchema = z.strictObject({
  id: z.string().min(1),
  authority: z.string(),
  reason: z.string(),
  basis: z.string(),
  obligations: z.array(z.string()).optional(),
});

const ConditionSchema = z.strictObject({
  rule: RuleIdSchema,
  startedAt: ms,
  phase: z.enum(['treatment', 'observation', 'designated']),
  evidence: z.array(z.string().min(1)).min(1),
  declared: z.boolean(),
  isolation: z.enum(['declared', 'before', 'after', 'none']),
  observationStart: msOrNull,
  restartAt: msOrNull,
  anchor: msOrNull,
  releaseAt: msOrNull,
  excludedAt: msOrNull,
  recoveredAt: msOrNull,
  interpretations: z.array(CitedSchema),
  details: z.strictObject({
    clinical: z.string().optional(),
    symptoms: z.array(SymptomSchema).optional(),
    areas: z.array(z.string()).optional(),
    designations: z.array(DesignationSchema).optional(),
  }),
});

const OccurrenceSchema = z.strictObject({ ids: z.array(z.string().min(1)).min(1), ms, day: z.int() });

const StateSchema = z.strictObject({
  conditions: z.partialRecord(RuleIdSchema, ConditionSchema),
  colour: ColourSchema,
  since: msOrNull,
  review: z.enum(['pending', 'approved', 'rejected']),
  credential: CredentialSchema.nullable(),
  reportDays: DayListSchema,
  applied: IdListSchema,
  occurrences: z.partialRecord(SymptomSchema, z.array(OccurrenceSchema)),
  lastIsolation: StampSchema.nullable(),
  earliestIsolation: msOrNull,
  waitingContacts: z.strictObject({ ids: z.array(z.string().min(1)).min(1), declared: z.boolean() }).nullable(),
  lastR1Trigger: msOrNull,
  discharge: StampSchema.nullable(),
  submissionIsolation: StampSchema.nullable(),
  declared: z.literal(true),
});

/** The format name a snapshot carries. */
export const SNAPSHOT_FORMAT = 'health-code-rules/snapshot';

/** A snapshot of the fold (JSON): where a person's case stands after every event up to `at`. */
export const SnapshotSchema = z
  .strictObject({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(1),
    /** The policy the state was folded under; another policy cannot continue it. */
    policy: z.strictObject({ id: z.string().min(1), version: z.string().min(1), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
    /** The instant the state is at: every event up to it applied, every release due by then. */
    at: z.string().refine((text) => parseInstant(text) !== undefined, { error: 'not an ISO-8601 instant with offset' }),
    /** The declaration, as it was validated. */
    declaration: z.record(z.string(), z.unknown()),
    /** The fold's state, without its trail. */
    state: StateSchema,
    /** The trail so far (RULES §5). */
    trail: z.array(TrailEntrySchema),
    /** The events not applied so far (T-5 future ones excepted), and why. */
    ignored: z.array(IgnoredSchema.extend({ ms, rank: z.int() })),
    /** The events of the history dated after `at`, applied when a later evaluation reaches them. */
    pending: z.array(z.unknown()),
  })
  .meta({ id: 'Snapshot', title: 'Snapshot', description: 'The fold of a case up to an instant, to continue it (Engine.resume)' });

/** A snapshot of the fold (JSON). */
export type Snapshot = z.output<typeof SnapshotSchema>;

/** An assessment with the snapshot to continue from. */
export interface Resumed {
  readonly assessment: Assessment;
  readonly snapshot: Snapshot;
}

/** An ignored event with its place in T-6 order, so that later ones can be put among them. */
type Kept = Ignored & { readonly ms: number; readonly rank: number };

/** The ignored events of a timeline with their T-6 keys, all or only those that will not be applied later. */
function keep(events: readonly InputEvent[], ignored: readonly Ignored[], future: boolean): Kept[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with nothing ignored the map below gives the same empty list
  if (ignored.length === 0) return [];
  const byId = new Map(events.map((item) => [item.event.id, item]));
  return ignored
    .filter((i) => future || i.why !== 'future')
    .map((i) => {
      const item = byId.get(i.id) as InputEvent;
      return { id: i.id, why: i.why, ms: item.ms, rank: item.rank };
    });
}

/** RULES §8 `ignored`: in T-6 order (by instant, rank, id; a copy before its event), without the keys. */
function inOrder(kept: readonly Kept[]): Ignored[] {
  const sorted = [...kept].sort((a, b) => compareKeys(a.ms, a.rank, a.id, b.ms, b.rank, b.id));
  return sorted.map(({ id, why }) => ({ id, why }));
}

/** The parts of a fold a snapshot is made of. */
interface Parts {
  readonly facts: CaseFacts;
  readonly state: FoldState;
  readonly atMs: number;
  readonly trail: TrailEntry[];
  readonly ignored: Kept[];
  readonly pending: readonly InputEvent[];
}

/** A snapshot of a fold whose state is at `atMs`; the state's raw trail is written out into it. */
function snapshotOf(cp: CompiledPolicy, parts: Parts): Snapshot {
  const { trail, ...rest } = parts.state;
  // The raw trail is written out in `parts.trail` already.
  void trail;
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    policy: { ...cp.ref },
    at: cp.zone.format(parts.atMs),
    declaration: parts.facts.declaration,
    state: { ...rest, declared: true },
    trail: parts.trail,
    ignored: parts.ignored,
    pending: parts.pending.map((item) => item.event),
  };
}

/** The snapshot of a validated case at `nowMs` (its `now`). */
export function snapshotCase(cp: CompiledPolicy, input: ValidCase): Snapshot {
  const timeline = buildTimeline(input.events, input.nowMs);
  const state = initialState(input);
  advance(foldOf(cp, input, state), timeline.applied, input.nowMs);
  const future = new Set(timeline.ignored.filter((i) => i.why === 'future').map((i) => i.id));
  return snapshotOf(cp, {
    facts: input,
    state,
    atMs: input.nowMs,
    trail: formatTrail(cp, state.trail),
    ignored: keep(input.events, timeline.ignored, false),
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with no future event the filter keeps none
    pending: future.size === 0 ? [] : input.events.filter((item) => future.has(item.event.id)),
  });
}

/** A reason `resume` cannot continue, as an issue with code `needs_full_history`. */
function cannot(path: (string | number)[], message: string): Checked<never> {
  return { ok: false, issues: [{ path, code: 'needs_full_history', message: `${message}: evaluate the whole history instead` }] };
}

/** Issues of the joined history, at the paths of the snapshot's pending events and of the new ones. */
function remap(issues: readonly InputIssue[], pending: number): InputIssue[] {
  return issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head !== 'history' || typeof index !== 'number') return issue.path[0] === 'declaration' ? { ...issue, path: ['snapshot', ...issue.path] } : issue;
    return { ...issue, path: index < pending ? ['snapshot', 'pending', index, ...rest] : ['events', index - pending, ...rest] };
  });
}

/** The ids a snapshot has seen: applied, ignored or pending. */
function seenIds(snapshot: Snapshot): (id: string) => boolean {
  const { applied } = snapshot.state;
  const lists = [applied, snapshot.ignored.map((i) => i.id), snapshot.pending.map((e) => (isRecord(e) && typeof e['id'] === 'string' ? e['id'] : ''))];
  // A few new events are looked up by scanning; many, in a set built once.
  let set: Set<string> | null = null;
  let asked = 0;
  return (id) => {
    asked++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a shortcut; scanning the lists and the set answer the same
    if (set === null && asked > 4) set = new Set(lists.flat());
    return set === null ? lists.some((list) => list.includes(id)) : set.has(id);
  };
}

/** Continues a snapshot with `events` dated after its instant, to the assessment at `now` (RULES §1–§5). */
export function resumeCase(cp: CompiledPolicy, snapshot: unknown, events: unknown, now: unknown): Checked<Resumed> {
  const read = readBounded(snapshot, ['snapshot'], cp.policy.limits, { rootArrayLimit: cp.policy.limits.maxEvents });
  if (!read.complete) return { ok: false, issues: read.issues };
  const parsed = SnapshotSchema.safeParse(read.value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: ['snapshot', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], code: 'invalid', message: i.message })) };
  const s = parsed.data;
  if (s.policy.hash !== cp.ref.hash) return cannot(['snapshot', 'policy'], `the snapshot was folded under ${s.policy.id} ${s.policy.version}, not this engine's policy`);
  const atMs = parseInstant(s.at) as number;
  const inconsistent = checkState(s.state, atMs);
  if (inconsistent !== null) return { ok: false, issues: [{ path: ['snapshot', 'state'], code: 'inconsistent', message: inconsistent }] };
  const newEvents = readBounded(events, ['events'], cp.policy.limits, { rootArrayLimit: cp.policy.limits.maxEvents, rootArrayName: 'events' });
  const list: unknown = newEvents.value;
  if (!newEvents.complete || !Array.isArray(list)) return { ok: false, issues: newEvents.complete ? [{ path: ['events'], code: 'invalid_type', message: 'events must be an array' }] : newEvents.issues };
  const seen = seenIds(s);
  // A correction of an event the snapshot holds: validation alone would not find its target.
  const given: readonly unknown[] = list;
  const held = given.findIndex((e) => isRecord(e) && e['kind'] === 'correction' && typeof e['voids'] === 'string' && seen(e['voids']));
  if (held >= 0) return cannot(['events', held, 'voids'], `a correction of an event the snapshot holds`);
  const checked = validateCase(s.declaration, [...s.pending, ...given], now, cp);
  if (!checked.ok) return { ok: false, issues: remap(checked.issues, s.pending.length) };
  const input = checked.value;
  if (input.nowMs < atMs) return cannot(['now'], `now is before the snapshot's instant ${s.at}`);
  for (const item of input.events) {
    const path = item.index < s.pending.length ? ['snapshot', 'pending', item.index] : ['events', item.index - s.pending.length];
    if (item.ms <= atMs) return cannot([...path, 'at'], `an event at or before the snapshot's instant ${s.at}`);
    if (item.index >= s.pending.length && seen(item.event.id)) return cannot([...path, 'id'], `the snapshot has already seen an event "${item.event.id}"`);
  }
  return { ok: true, value: continueFold(cp, s, atMs, input) };
}

/**
 * What a stored state must satisfy at its instant: each condition under its own rule and not due
 * for release yet, and the colour the one its conditions give (I-1); null when it does.
 */
function checkState(state: Snapshot['state'], atMs: number): string | null {
  for (const [rule, c] of Object.entries(state.conditions)) {
    if (c.rule !== rule) return `the condition under ${rule} is one of ${c.rule}`;
    if (c.startedAt > atMs) return `${rule} starts after the snapshot's instant`;
    if (c.releaseAt !== null && c.releaseAt <= atMs) return `${rule} was due for release by the snapshot's instant`;
  }
  const colour = currentColour({ ...state, trail: [] });
  return colour === state.colour ? null : `the state's colour is ${state.colour}, its conditions give ${colour}`;
}

/** A deep copy of the active conditions (plain JSON data by construction). */
function copyConditions(conditions: FoldState['conditions']): FoldState['conditions'] {
  return JSON.parse(JSON.stringify(conditions)) as FoldState['conditions'];
}

/** The fold from a validated snapshot on: the new events, a snapshot at the last of them, then the assessment at now. */
function continueFold(cp: CompiledPolicy, s: Snapshot, atMs: number, input: ValidCase): Resumed {
  const timeline = buildTimeline(input.events, input.nowMs);
  const state: FoldState = { ...s.state, trail: [] };
  const f = foldOf(cp, input, state);
  advance(f, timeline.applied, null);
  const lastMs = timeline.applied.length === 0 ? atMs : (timeline.applied[timeline.applied.length - 1] as InputEvent).ms;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; joining an empty list gives the same list
  const trail = state.trail.length === 0 ? s.trail : [...s.trail, ...formatTrail(cp, state.trail)];
  const future = new Set(timeline.ignored.filter((i) => i.why === 'future').map((i) => i.id));
  const kept = keep(input.events, timeline.ignored, false);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; joining an empty list gives the same list
  const ignored = kept.length === 0 ? s.ignored : [...s.ignored, ...kept];
  // Written out above: the entries of the releases due by now follow in the same list.
  state.trail.length = 0;
  // The snapshot keeps the state at the last event; the assessment goes on to now, and the
  // releases and waiting contacts due by then change the conditions: the snapshot keeps a copy.
  const next = snapshotOf(cp, {
    facts: input,
    state: { ...state, conditions: copyConditions(state.conditions), applied: [...state.applied] },
    atMs: lastMs,
    trail,
    ignored,
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with no future event the filter keeps none
    pending: future.size === 0 ? [] : input.events.filter((item) => future.has(item.event.id)),
  });
  advance(f, [], input.nowMs);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; joining an empty list gives the same list
  const all = future.size === 0 ? ignored : [...s.ignored, ...keep(input.events, timeline.ignored, true)];
  return { assessment: assess(cp, input, inOrder(all), state, trail), snapshot: next };
}
