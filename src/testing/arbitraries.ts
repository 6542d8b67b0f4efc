import * as fc from 'fast-check';
import { createZone, type Zone } from '../calendar.js';
import { createEngine, type Engine } from '../engine.js';
import { MS_PER_DAY, formatDay, formatInstant, parseInstant } from '../internal/iso.js';
import { lianyungang2020 } from '../policy/lianyungang2020.js';
import type { Declaration } from '../schema/declaration.js';
import type { Event, EventKind } from '../schema/events.js';
import type { ValidPolicy } from '../schema/policy.js';
import { CREDENTIALS, OBLIGATIONS, SYMPTOMS, VENUES, type Colour, type Symptom } from '../schema/primitives.js';

/**
 * fast-check arbitraries that produce only VALID input for the engine: instants around local
 * midnights, declarations of every channel and category, histories of every event kind (with
 * realistic ordering, identical duplicates and corrections), policies with other parameters, and
 * whole cases of a chosen colour. Apps use them to test their own code against the library; the
 * library's property tests use them to test the rule book (RULES §5).
 */

const HOUR = 3_600_000;
const SHANGHAI = createZone('Asia/Shanghai');
const DEFAULT_FROM = parseInstant('2020-01-10T00:00:00+08:00') as number;
const DEFAULT_TO = parseInstant('2020-04-30T00:00:00+08:00') as number;

/** Areas the generated visits name: the default key area (Wuhan) and one that is not on the list. */
export const GENERATED_AREAS = ['420100', '310000'] as const;

/** Offsets (minutes east of UTC) an instant may be written with: the same instant, other spellings (T-2). */
const SPELLINGS = [480, 480, 480, 0, -300, 330] as const;

/** An offset to write an instant with. */
const spelling = fc.constantFrom(...SPELLINGS);

/** Instants written with one of several offsets, all meaning the same instant (T-2). */
function spelled(ms: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.tuple(ms, spelling).map(([at, offset]) => formatInstant(at, offset));
}

/** Milliseconds of an instant that is near a local midnight: exactly on it, a millisecond either side, or minutes away. */
function nearMidnightMs(zone: Zone, fromMs: number, toMs: number): fc.Arbitrary<number> {
  const firstDay = zone.dayOf(fromMs) + 1;
  const lastDay = Math.max(firstDay, zone.dayOf(toMs));
  const delta = fc.oneof(
    fc.constant(0),
    fc.constantFrom(-1, 1),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: -90, max: 90 }).map((m) => m * 60_000),
    fc.integer({ min: -HOUR * 3, max: HOUR * 3 }),
  );
  return fc
    .tuple(fc.integer({ min: firstDay, max: lastDay }), delta)
    .map(([day, d]) => Math.min(toMs, Math.max(fromMs, zone.startOfDay(day) + d)));
}

/** Milliseconds of an instant between two bounds (inclusive), biased toward local midnights. */
function instantMs(fromMs: number, toMs: number, zone: Zone = SHANGHAI): fc.Arbitrary<number> {
  if (toMs <= fromMs) return fc.constant(fromMs);
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: fromMs, max: toMs }) },
    { weight: 1, arbitrary: nearMidnightMs(zone, fromMs, toMs) },
    // whole minutes, as real clocks write them
    { weight: 2, arbitrary: fc.integer({ min: Math.ceil(fromMs / 60_000), max: Math.floor(toMs / 60_000) }).map((m) => m * 60_000) },
  );
}

/** Options of {@link instantNearMidnight}. */
export interface InstantOptions {
  /** Earliest instant (ISO-8601 with offset); default 2020-01-10T00:00+08:00. */
  readonly from?: string;
  /** Latest instant (ISO-8601 with offset); default 2020-04-30T00:00+08:00. */
  readonly to?: string;
  /** The time zone whose midnights are meant; default `Asia/Shanghai` (T-1). */
  readonly timeZone?: string;
}

/**
 * Instants on, just before and just after local midnights of the policy zone (T-1, T-3, T-4),
 * written with an explicit offset (T-2), not always the zone's own.
 *
 * @param opts - range and time zone
 * @returns an arbitrary of ISO-8601 instants
 * @example
 * fc.assert(fc.property(arbitraries.instantNearMidnight(), (at) => !Number.isNaN(Date.parse(at))));
 */
export function instantNearMidnight(opts: InstantOptions = {}): fc.Arbitrary<string> {
  const zone = opts.timeZone === undefined ? SHANGHAI : createZone(opts.timeZone);
  const fromMs = opts.from === undefined ? DEFAULT_FROM : (parseInstant(opts.from) as number);
  const toMs = opts.to === undefined ? DEFAULT_TO : (parseInstant(opts.to) as number);
  return spelled(nearMidnightMs(zone, fromMs, toMs));
}

/** Which health facts a generated declaration may carry. */
export type FactsOption = 'any' | 'none' | 'no-red';

/** Options of {@link declaration}. */
export interface DeclarationOptions {
  /** A fixed submission instant; default: generated between 2020-01-20 and 2020-03-20. */
  readonly submittedAt?: string;
  /** `none`: no health facts; `no-red`: none of R1–R4's facts; `any` (default): every fact may appear. */
  readonly facts?: FactsOption;
}

const symptomList = (min = 0): fc.Arbitrary<Symptom[]> => fc.subarray([...SYMPTOMS], { minLength: min });
/** A range of calendar days relative to a day: start `before` days earlier to 3 days later (a trip still planned), 0…6 days long. */
const relativeRange = (before: number): fc.Arbitrary<readonly [number, number]> =>
  fc.tuple(fc.integer({ min: -before, max: 3 }), fc.integer({ min: 0, max: 6 })).map(([from, length]) => [from, from + length] as const);
/** `one in n` as a boolean arbitrary. */
const oneIn = (n: number): fc.Arbitrary<boolean> => fc.integer({ min: 1, max: n }).map((x) => x === 1);

/**
 * Valid declarations (FORMAT "A case"): every category and channel (a `proxy` relation exactly
 * when the channel is `proxy`, A-2), the attestation, and the health facts of R1–R4, Y1,
 * Y2, with an `isolationStartedAt` never after `submittedAt` (I-3). Facts are sometimes omitted,
 * as apps may do.
 *
 * @param opts - a fixed submission instant, and which facts may appear
 * @returns an arbitrary of declarations
 * @example
 * fc.assert(fc.property(arbitraries.declaration(), (d) => evaluate(d, [], d.submittedAt).colour !== undefined));
 */
export function declaration(opts: DeclarationOptions = {}): fc.Arbitrary<Declaration> {
  const submitted =
    opts.submittedAt === undefined
      ? instantMs(parseInstant('2020-01-20T00:00:00+08:00') as number, parseInstant('2020-03-20T00:00:00+08:00') as number)
      : fc.constant(parseInstant(opts.submittedAt) as number);
  const facts = opts.facts ?? 'any';
  const red = facts === 'any';
  const some = facts !== 'none';
  return fc
    .record({
      ms: submitted,
      offset: spelling,
      id: fc.constantFrom('app-0001', 'app-0002', 'paper-77'),
      subjectId: fc.constantFrom('s-7f3a', 's-0001', 'subject'),
      category: fc.constantFrom('resident', 'arrival', 'returnee'),
      channel: fc.constantFrom('self', 'proxy', 'paper-form'),
      relation: fc.constantFrom('child', 'parent', 'neighbour'),
      clinical: red
        ? fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('confirmed', 'suspected', 'positive') })
        : fc.constant('none' as const),
      feverClinicObservation: red ? oneIn(8) : fc.constant(false),
      closeContactOfCase: red ? oneIn(8) : fc.constant(false),
      closeContactOfFeverClinicObservee: some ? oneIn(6) : fc.constant(false),
      isolation: fc.option(fc.integer({ min: 0, max: 20 * MS_PER_DAY }), { freq: 3 }),
      keyAreaVisits: fc.array(fc.tuple(fc.constantFrom(...GENERATED_AREAS), relativeRange(24)), { maxLength: red ? 2 : 0 }),
      keyAreaContacts: fc.array(fc.tuple(fc.integer({ min: -20, max: 0 }), fc.option(fc.constantFrom(...GENERATED_AREAS), { nil: undefined })), {
        maxLength: red ? 1 : 0,
      }),
      symptoms: some ? fc.oneof({ weight: red ? 3 : 1, arbitrary: fc.constant([] as Symptom[]) }, { weight: 1, arbitrary: symptomList(1) }) : fc.constant([] as Symptom[]),
      omitDefaults: fc.boolean(),
    })
    .map((r): Declaration => {
      const day = SHANGHAI.dayOf(r.ms);
      const full: Declaration = {
        id: r.id,
        subjectId: r.subjectId,
        submittedAt: opts.submittedAt ?? formatInstant(r.ms, r.offset),
        category: r.category,
        ...(r.channel === 'proxy' ? { channel: 'proxy', proxy: { relation: r.relation } } : { channel: r.channel }),
        attestation: true,
        clinical: r.clinical,
        feverClinicObservation: r.feverClinicObservation,
        closeContactOfCase: r.closeContactOfCase,
        closeContactOfFeverClinicObservee: r.closeContactOfFeverClinicObservee,
        isolationStartedAt: r.isolation === null ? null : formatInstant(r.ms - r.isolation, 480),
        keyAreaVisits: r.keyAreaVisits.map(([area, [from, to]]) => ({ area, from: formatDay(day + from), to: formatDay(day + to) })),
        keyAreaContacts: r.keyAreaContacts.map(([on, area]) => ({ on: formatDay(day + on), ...(area === undefined ? {} : { area }) })),
        symptoms: r.symptoms,
      };
      if (!r.omitDefaults) return full;
      // Apps may leave out the facts that are "none" (FORMAT): the result must be the same.
      const trimmed: Record<string, unknown> = { ...full };
      for (const key of Object.keys(trimmed)) {
        const value = trimmed[key];
        if (value === false || value === null || value === 'none' || (Array.isArray(value) && value.length === 0)) delete trimmed[key];
      }
      return trimmed as Declaration;
    });
}

/** Kinds that start a red condition (R1–R5) when applied. */
export const RED_EVENT_KINDS: readonly EventKind[] = [
  'test-result',
  'diagnosis',
  'fever-clinic-observation',
  'close-contact',
  'key-area-visit',
  'key-area-contact',
  'high-risk-designation',
];

/** Every kind but `correction`, which {@link history} adds on top of the others. */
const PLAIN_KINDS: readonly EventKind[] = [
  'test-result',
  'diagnosis',
  'hospital-discharge',
  'fever-clinic-observation',
  'covid-excluded',
  'recovered',
  'isolation-started',
  'close-contact',
  'key-area-visit',
  'key-area-contact',
  'temperature',
  'symptoms',
  'daily-report',
  'high-risk-designation',
  'authority-release',
  'review-approved',
  'review-rejected',
];

/** How often each kind appears, relative to the others: symptoms and reports are common, red triggers rarer. */
const KIND_WEIGHT: Partial<Record<EventKind, number>> = {
  temperature: 6,
  symptoms: 5,
  'daily-report': 5,
  'review-approved': 3,
  'hospital-discharge': 2,
  'covid-excluded': 2,
  recovered: 2,
  'isolation-started': 2,
  'authority-release': 2,
};

/** The fields of one event beyond `id`, `at` and `kind`; day fields relative to the event's local day. */
interface Fields {
  readonly fixed: Readonly<Record<string, unknown>>;
  readonly days: Readonly<Partial<Record<'from' | 'to' | 'on', number>>>;
}

const fields = (arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Fields> => arb.map((fixed) => ({ fixed, days: {} }));
const nothing: fc.Arbitrary<Fields> = fc.constant({ fixed: {}, days: {} });
const withOptional = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T, required: (keyof T & string)[]): fc.Arbitrary<Fields> =>
  fields(fc.record(model, { requiredKeys: required }));

/**
 * The fields of one event of a kind (FORMAT "Events"), everything but `id`, `at` and `kind`.
 *
 * @param kind - the event kind (not `correction`)
 * @returns an arbitrary of fields
 */
function eventFields(kind: EventKind): fc.Arbitrary<Fields> {
  const authority = fc.constantFrom('Lianyungang CDC', 'Haizhou district HQ', 'clinic 3');
  switch (kind) {
    case 'test-result':
      return fields(fc.record({ result: fc.constantFrom('positive', 'negative') }));
    case 'diagnosis':
      return fields(fc.record({ status: fc.constantFrom('confirmed', 'suspected') }));
    case 'hospital-discharge':
    case 'fever-clinic-observation':
    case 'covid-excluded':
    case 'recovered':
      return nothing;
    case 'isolation-started':
      return withOptional({ place: fc.constantFrom('hospital', 'centralized', 'home') }, []);
    case 'close-contact':
      return fields(fc.record({ of: fc.constantFrom('case', 'fever-clinic-observee') }));
    case 'key-area-visit':
      return fc
        .tuple(fc.constantFrom(...GENERATED_AREAS), relativeRange(24))
        .map(([area, [from, to]]) => ({ fixed: { area }, days: { from, to } }));
    case 'key-area-contact':
      return fc
        .tuple(fc.integer({ min: -20, max: 0 }), fc.option(fc.constantFrom(...GENERATED_AREAS), { nil: undefined }))
        .map(([on, area]) => ({ fixed: area === undefined ? {} : { area }, days: { on } }));
    case 'temperature':
      return withOptional(
        {
          // tenths of a degree, as thermometers read; mostly around the fever thresholds
          celsius: fc.oneof(fc.integer({ min: 355, max: 395 }), fc.integer({ min: 300, max: 450 })).map((t) => t / 10),
          venue: fc.constantFrom(...VENUES),
        },
        ['celsius'],
      );
    case 'symptoms':
      return withOptional({ symptoms: symptomList(1), source: fc.constantFrom('self', 'checkpoint', 'clinic') }, ['symptoms']);
    case 'daily-report':
      return withOptional({ symptoms: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Symptom[]) }, { weight: 1, arbitrary: symptomList(1) }) }, []);
    case 'high-risk-designation':
      return withOptional(
        {
          authority,
          reason: fc.constantFrom('cluster investigation', 'travel record'),
          basis: fc.constantFrom('Prevention Law art. 39', 'HQ notice 12'),
          obligations: fc.subarray([...OBLIGATIONS], { minLength: 1 }),
        },
        ['authority', 'reason', 'basis'],
      );
    case 'authority-release':
      return fields(fc.record({ authority, reason: fc.constantFrom('investigation closed', 'tests negative') }));
    case 'review-approved':
      return withOptional({ credential: fc.constantFrom(...CREDENTIALS) }, []);
    case 'review-rejected':
      return fields(fc.record({ reason: fc.constantFrom('incomplete form', 'attestation doubtful') }));
    case 'correction':
      throw new Error('corrections are generated by history()');
  }
}

/** Options of {@link history}. */
export interface HistoryOptions {
  /** The declaration's submission instant, around which events are dated; default 2020-02-01T10:00+08:00. */
  readonly submittedAt?: string;
  /** Kinds to draw from (`correction` aside); default every kind. */
  readonly kinds?: readonly EventKind[];
  /** Most events before duplicates and corrections; default 8. */
  readonly maxLength?: number;
  /** Earliest event, in local days before the submission day (T-7); default 10. */
  readonly daysBefore?: number;
  /** Latest event, in local days after the submission day; default 40. */
  readonly daysAfter?: number;
  /** Whether to add corrections (I-13), including corrections of corrections; default true. */
  readonly corrections?: boolean;
  /** Whether to add identical duplicates (RULES §9); default true. */
  readonly duplicates?: boolean;
  /** Whether the input order may differ from time order (T-6); default true. */
  readonly shuffle?: boolean;
  /** Whether to add up to two episodes that follow the state machine (a positive test then a discharge …); default true. */
  readonly episodes?: boolean;
}

/** A time of day relative to a local midnight: any, or on, next to or minutes from the midnight. */
const clock: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: MS_PER_DAY - 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => m * 60_000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, MS_PER_DAY - 1) },
  { weight: 1, arbitrary: fc.integer({ min: -90, max: 90 }).map((m) => m * 60_000) },
);

/** A history before its submission instant is known: instants as (local days after the submission day, time of day). */
interface EventSpec {
  readonly day: number;
  readonly clock: number;
  readonly offset: number;
  readonly kind: EventKind;
  readonly fields: Fields;
}

interface HistorySpec {
  readonly events: readonly EventSpec[];
  readonly corrections: readonly { readonly target: number; readonly delay: number; readonly authority: string; readonly reason: string }[];
  readonly duplicates: readonly number[];
  readonly order: readonly number[] | null;
}

/** One event of an episode: days after the episode's start, a time of day, a kind and its fields. */
const step = (kind: EventKind, fixed: Record<string, unknown>, after: fc.Arbitrary<number> = fc.constant(0)): fc.Arbitrary<Omit<EventSpec, 'day'> & { after: number }> =>
  fc.tuple(after, clock, spelling).map(([days, time, offset]) => ({ after: days, clock: time, offset, kind, fields: { fixed, days: {} } }));
const within = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.option(arb, { nil: undefined }).map((x) => (x === undefined ? [] : [x]));

/**
 * Episodes that follow the state machine (RULES §5), so that releases, resets and the twice rule
 * are reached often: a positive result then a discharge; a fever-clinic observation, an exclusion
 * and a recovery, maybe an anomaly; a designation then a release; a close contact, an isolation
 * start and maybe symptoms; the same symptom kind twice within days.
 */
const EPISODES: readonly fc.Arbitrary<readonly (Omit<EventSpec, 'day'> & { after: number })[]>[] = [
  fc.tuple(
    fc.oneof(step('test-result', { result: 'positive' }), step('diagnosis', { status: 'confirmed' }), step('diagnosis', { status: 'suspected' })),
    step('hospital-discharge', {}, within(20)),
  ),
  fc
    .tuple(
      step('fever-clinic-observation', {}),
      step('covid-excluded', {}, within(6)),
      step('recovered', {}, within(6)),
      optional(fc.oneof(step('temperature', { celsius: 37.5 }, within(20)), step('symptoms', { symptoms: ['fatigue'] }, within(20)))),
    )
    .map(([a, b, c, d]) => [a, b, c, ...d]),
  fc.tuple(step('high-risk-designation', { authority: 'Lianyungang CDC', reason: 'cluster investigation', basis: 'HQ notice 12' }), step('authority-release', { authority: 'Lianyungang CDC', reason: 'investigation closed' }, within(30))),
  fc
    .tuple(
      fc.constantFrom('case', 'fever-clinic-observee').chain((of) => step('close-contact', { of })),
      step('isolation-started', { place: 'centralized' }, within(2)),
      optional(symptomList(1).chain((symptoms) => step('symptoms', { symptoms, source: 'self' }, within(16)))),
    )
    .map(([a, b, c]) => [a, b, ...c]),
  fc.constantFrom<Symptom>('fever', 'dry-cough', 'shortness-of-breath').chain((kind) =>
    fc.tuple(step('symptoms', { symptoms: [kind], source: 'checkpoint' }), kind === 'fever' ? step('temperature', { celsius: 37.6, venue: 'public-transport' }, within(16)) : step('daily-report', { symptoms: [kind] }, within(16))),
  ),
];

/** Episodes whose events are all of the allowed kinds (the others dropped), placed from a start day. */
function episode(kinds: readonly EventKind[], fromDay: number, toDay: number): fc.Arbitrary<EventSpec[]> {
  return fc.tuple(fc.integer({ min: fromDay, max: toDay }), fc.oneof(...EPISODES)).map(([start, steps]) =>
    steps.filter((e) => kinds.includes(e.kind)).map(({ after, ...e }) => ({ ...e, day: start + after })),
  );
}

function historySpec(opts: HistoryOptions): fc.Arbitrary<HistorySpec> {
  const maxLength = opts.maxLength ?? 8;
  const kinds = (opts.kinds ?? PLAIN_KINDS).filter((k) => k !== 'correction');
  // Built only when some kind is allowed: fast-check's oneof needs at least one arbitrary.
  const event = (): fc.Arbitrary<EventSpec> =>
    fc
      .tuple(
        fc.integer({ min: -(opts.daysBefore ?? 10), max: opts.daysAfter ?? 40 }),
        clock,
        spelling,
        fc.oneof(...kinds.map((k) => ({ weight: KIND_WEIGHT[k] ?? 1, arbitrary: eventFields(k).map((f) => [k, f] as const) }))),
      )
      .map(([day, time, offset, [k, f]]) => ({ day, clock: time, offset, kind: k, fields: f }));
  const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const slots = maxLength + 16;
  return fc.record({
    events:
      kinds.length === 0
        ? fc.constant([])
        : fc
            .tuple(
              fc.array(event(), { maxLength }),
              fc.array(episode(kinds, -(opts.daysBefore ?? 10), opts.daysAfter ?? 40), { maxLength: opts.episodes === false ? 0 : 2 }),
            )
            .map(([single, stories]) => [...single, ...stories.flat()]),
    corrections: fc.array(
      fc.record({
        target: fraction,
        delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * MS_PER_DAY }), fc.integer({ min: -MS_PER_DAY, max: 10 * MS_PER_DAY })),
        authority: fc.constantFrom('Lianyungang CDC', 'Haizhou district HQ'),
        reason: fc.constantFrom('entered in error', 'lab sample mix-up'),
      }),
      { maxLength: opts.corrections === false ? 0 : 3 },
    ),
    duplicates: fc.array(fraction, { maxLength: opts.duplicates === false ? 0 : 2 }),
    order: opts.shuffle === false ? fc.constant(null) : fc.option(fc.array(fc.nat(), { minLength: slots, maxLength: slots }), { freq: 2 }),
  });
}

/** The events of a history spec once the submission instant is known. */
function materialize(spec: HistorySpec, submittedMs: number, earliestMs: number): Event[] {
  const firstDay = SHANGHAI.dayOf(submittedMs);
  const events: Event[] = spec.events.map((e, i) => {
    const atMs = Math.max(earliestMs, SHANGHAI.startOfDay(firstDay + e.day) + e.clock);
    const day = SHANGHAI.dayOf(atMs);
    const days: Record<string, string> = {};
    for (const [key, offset] of Object.entries(e.fields.days)) days[key] = formatDay(day + (offset));
    return { id: `e${i}`, at: formatInstant(atMs, e.offset), kind: e.kind, ...e.fields.fixed, ...days } as Event;
  });
  if (events.length === 0) return events;
  // A correction names an event earlier in the list, so corrections never form a cycle (I-13).
  for (const c of spec.corrections) {
    const target = events[Math.floor(c.target * events.length)] as Event;
    const atMs = Math.max(earliestMs, (parseInstant(target.at) as number) + c.delay);
    events.push({ id: `c${events.length}`, at: formatInstant(atMs, 480), kind: 'correction', voids: target.id, authority: c.authority, reason: c.reason });
  }
  // Identical duplicates: deep copies, not the same object (RULES §9).
  for (const d of spec.duplicates) events.push(JSON.parse(JSON.stringify(events[Math.floor(d * events.length)])) as Event);
  const order = spec.order;
  if (order === null) return events.sort((a, b) => (parseInstant(a.at) as number) - (parseInstant(b.at) as number));
  return events.map((e, i) => [order[i] ?? 0, i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , e]) => e);
}

/**
 * Valid histories (FORMAT "Events") of every event kind, dated around the declaration (some before
 * it, T-7), with unique ids (never `declaration`), identical duplicates (§9), corrections of
 * earlier events and of other corrections without cycles (I-13), in time order or shuffled (T-6).
 *
 * @param opts - which kinds, how many, over which days
 * @returns an arbitrary of event lists
 * @example
 * fc.assert(fc.property(arbitraries.history(), (h) => safeEvaluate(d, h, now).success));
 */
export function history(opts: HistoryOptions = {}): fc.Arbitrary<Event[]> {
  const submitted = parseInstant(opts.submittedAt ?? '2020-02-01T10:00:00+08:00') as number;
  const earliest = SHANGHAI.startOfDay(SHANGHAI.dayOf(submitted) - (opts.daysBefore ?? 10));
  return historySpec(opts).map((spec) => materialize(spec, submitted, earliest));
}

/** Options of {@link policy}. */
export interface PolicyOptions {
  /** A fixed day-counting convention (T-3); default any of the three. */
  readonly dayCounting?: ValidPolicy['dayCounting'];
  /** A fixed time zone; default `Asia/Shanghai`. */
  readonly timeZone?: string;
}

/**
 * Valid policies (FORMAT "Policy") that vary the Lianyungang 2020 parameters: `observationDays`,
 * `lookbackDays`, the fever threshold, the twice rule (occurrences, window, kinds), the reset
 * lists, the key-area list and the day-counting convention (T-3).
 *
 * @param opts - a fixed convention or time zone
 * @returns an arbitrary of policies
 * @example
 * fc.assert(fc.property(arbitraries.policy(), (p) => createEngine(p).policy.id === p.id));
 */
export function policy(opts: PolicyOptions = {}): fc.Arbitrary<ValidPolicy> {
  const resetList = fc.oneof(fc.constant(undefined), symptomList(0));
  return fc
    .record({
      dayCounting: opts.dayCounting === undefined ? fc.constantFrom('civil-code', 'inclusive-start', 'rolling') : fc.constant(opts.dayCounting),
      observationDays: fc.oneof(fc.constant(14), fc.integer({ min: 1, max: 28 })),
      lookbackDays: fc.oneof(fc.constant(14), fc.integer({ min: 0, max: 21 })),
      fever: fc.oneof(fc.constant(373), fc.integer({ min: 365, max: 385 })),
      occurrences: fc.oneof({ weight: 4, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      windowDays: fc.oneof(fc.constant(14), fc.integer({ min: 0, max: 21 })),
      twice: fc.oneof(fc.constant(['fever', 'dry-cough', 'shortness-of-breath'] as Symptom[]), symptomList(1)),
      resets: fc.record({ R2: resetList, R3: resetList, R4: resetList, Y1: resetList, Y2: resetList, GY: resetList }),
      shanghaiFrom: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 3 }),
    })
    .map((r): ValidPolicy => {
      const d = lianyungang2020.resetSymptoms;
      const pick = (rule: keyof typeof d): Symptom[] => [...(r.resets[rule] ?? d[rule])];
      const base = parseInstant('2020-01-01T00:00:00Z') as number;
      return {
        id: 'generated',
        version: `${r.observationDays}.${r.lookbackDays}.${r.fever}`,
        timeZone: opts.timeZone ?? 'Asia/Shanghai',
        dayCounting: r.dayCounting,
        observationDays: r.observationDays,
        lookbackDays: r.lookbackDays,
        feverThresholdCelsius: r.fever / 10,
        greenToYellow: { occurrences: r.occurrences, windowDays: r.windowDays, symptoms: r.twice },
        keyAreas: [
          { area: '420100', name: 'Wuhan', from: '2020-01-01', to: null },
          ...(r.shanghaiFrom === null ? [] : [{ area: '310000', from: formatDay(Math.floor(base / MS_PER_DAY) + r.shanghaiFrom), to: null }]),
        ],
        resetSymptoms: { R2: pick('R2'), R3: pick('R3'), R4: pick('R4'), Y1: pick('Y1'), Y2: pick('Y2'), GY: pick('GY') },
        limits: { ...lianyungang2020.limits },
        codeValidity: lianyungang2020.codeValidity,
        maxAssessmentAge: lianyungang2020.maxAssessmentAge,
        readings: lianyungang2020.readings,
      };
    });
}

/** A whole case: the three arguments of `evaluate`. */
export interface Case {
  readonly declaration: Declaration;
  readonly history: Event[];
  readonly now: string;
}

/** Options of {@link caseOf}. */
export interface CaseOptions {
  /** The colour the case evaluates to at `now`; default any. */
  readonly colour?: Colour;
  /** The policy the colour is judged under; default the Lianyungang 2020 policy. */
  readonly policy?: ValidPolicy;
  /** Most events before duplicates and corrections; default 8. */
  readonly maxLength?: number;
}

const engines = new WeakMap<object, Engine>();
function engineFor(p: ValidPolicy): Engine {
  let engine = engines.get(p);
  if (engine === undefined) {
    engine = createEngine(p);
    engines.set(p, engine);
  }
  return engine;
}

/**
 * Valid cases `{ declaration, history, now }`, optionally only those that evaluate to one colour
 * under a policy (generated, then kept when the engine agrees: red, yellow and green are all common).
 *
 * @param opts - the colour wanted and the policy
 * @returns an arbitrary of cases
 * @example
 * fc.assert(fc.property(arbitraries.case({ colour: 'yellow' }), (c) => evaluate(c.declaration, c.history, c.now).colour === 'yellow'));
 */
export function caseOf(opts: CaseOptions = {}): fc.Arbitrary<Case> {
  const wanted = opts.colour;
  // Yellow and green need the red triggers to be rarer.
  const facts: FactsOption = wanted === 'red' || wanted === undefined ? 'any' : 'no-red';
  const kinds = wanted === 'red' || wanted === undefined ? PLAIN_KINDS : PLAIN_KINDS.filter((k) => !RED_EVENT_KINDS.includes(k) || k === 'close-contact');
  const raw = fc
    .record({
      declaration: declaration({ facts }),
      history: historySpec({ kinds, ...(opts.maxLength === undefined ? {} : { maxLength: opts.maxLength }) }),
      nowDay: fc.integer({ min: 0, max: 45 }),
      nowClock: clock,
      nowOffset: spelling,
    })
    .map(({ declaration: d, history: spec, nowDay, nowClock, nowOffset }): Case => {
      const submitted = parseInstant(d.submittedAt) as number;
      const day = SHANGHAI.dayOf(submitted);
      const now = Math.max(submitted, SHANGHAI.startOfDay(day + nowDay) + nowClock);
      return { declaration: d, history: materialize(spec, submitted, SHANGHAI.startOfDay(day - 10)), now: formatInstant(now, nowOffset) };
    });
  if (wanted === undefined) return raw;
  const engine = engineFor(opts.policy ?? lianyungang2020);
  return raw.filter((c) => engine.evaluate(c.declaration, c.history, c.now).colour === wanted);
}

/**
 * The generators of this module under one name, for `import { arbitraries } from 'health-code-rules/testing'`.
 *
 * @example
 * fc.assert(fc.property(arbitraries.case({ colour: 'red' }), (c) => check(evaluate(c.declaration, c.history, c.now), ctx).admit === false));
 */
export const arbitraries = {
  instantNearMidnight,
  declaration,
  history,
  policy,
  case: caseOf,
} as const;
