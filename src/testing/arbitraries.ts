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

/** An instant written with one of several offsets, all meaning the same instant (T-2). */
function spelled(ms: number): fc.Arbitrary<string> {
  return fc.constantFrom(...SPELLINGS).map((offset) => formatInstant(ms, offset));
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
  return nearMidnightMs(zone, fromMs, toMs).chain(spelled);
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
const dayAround = (ms: number, before: number, after: number): fc.Arbitrary<number> =>
  fc.integer({ min: SHANGHAI.dayOf(ms) - before, max: SHANGHAI.dayOf(ms) + after });
const dayRange = (ms: number, before: number, after: number): fc.Arbitrary<{ from: string; to: string }> =>
  fc
    .tuple(dayAround(ms, before, after), fc.integer({ min: 0, max: 6 }))
    .map(([from, length]) => ({ from: formatDay(from), to: formatDay(from + length) }));

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
  return submitted.chain((ms) => {
    const red = facts === 'any';
    const some = facts !== 'none';
    const rare = (arb: fc.Arbitrary<boolean>): fc.Arbitrary<boolean> => (some ? arb : fc.constant(false));
    return fc
      .record({
        id: fc.constantFrom('app-0001', 'app-0002', 'paper-77'),
        subjectId: fc.constantFrom('s-7f3a', 's-0001', 'subject'),
        submittedAt: opts.submittedAt === undefined ? spelled(ms) : fc.constant(opts.submittedAt),
        category: fc.constantFrom('resident', 'arrival', 'returnee'),
        channel: fc.constantFrom('self', 'proxy', 'paper-form'),
        relation: fc.constantFrom('child', 'parent', 'neighbour'),
        clinical: red
          ? fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('confirmed', 'suspected', 'positive') })
          : fc.constant('none' as const),
        feverClinicObservation: red ? fc.integer({ min: 0, max: 7 }).map((n) => n === 0) : fc.constant(false),
        closeContactOfCase: red ? fc.integer({ min: 0, max: 7 }).map((n) => n === 0) : fc.constant(false),
        closeContactOfFeverClinicObservee: rare(fc.integer({ min: 0, max: 5 }).map((n) => n === 0)),
        isolation: fc.option(fc.integer({ min: 0, max: 20 * MS_PER_DAY }), { freq: 3 }),
        keyAreaVisits: fc.array(fc.tuple(fc.constantFrom(...GENERATED_AREAS), dayRange(ms, 24, 0)), { maxLength: red ? 2 : 0 }),
        keyAreaContacts: fc.array(fc.tuple(dayAround(ms, 20, 0), fc.option(fc.constantFrom(...GENERATED_AREAS), { nil: undefined })), {
          maxLength: red ? 1 : 0,
        }),
        symptoms: some ? fc.oneof({ weight: 3, arbitrary: fc.constant([] as Symptom[]) }, { weight: 1, arbitrary: symptomList(1) }) : fc.constant([] as Symptom[]),
        omitDefaults: fc.boolean(),
      })
      .map((r): Declaration => {
        const full: Declaration = {
          id: r.id,
          subjectId: r.subjectId,
          submittedAt: r.submittedAt,
          category: r.category,
          channel: r.channel,
          ...(r.channel === 'proxy' ? { proxy: { relation: r.relation } } : {}),
          attestation: true,
          clinical: r.clinical,
          feverClinicObservation: r.feverClinicObservation,
          closeContactOfCase: r.closeContactOfCase,
          closeContactOfFeverClinicObservee: r.closeContactOfFeverClinicObservee,
          isolationStartedAt: r.isolation === null ? null : formatInstant(ms - r.isolation, 480),
          keyAreaVisits: r.keyAreaVisits.map(([area, range]) => ({ area, ...range })),
          keyAreaContacts: r.keyAreaContacts.map(([on, area]) => ({ on: formatDay(on), ...(area === undefined ? {} : { area }) })),
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

/**
 * The fields of one event of a kind, everything but `id` (FORMAT "Events"); `at` is given.
 *
 * @param kind - the event kind (not `correction`)
 * @param atMs - the event's instant
 * @returns an arbitrary of events without an id
 */
function eventBody(kind: EventKind, atMs: number): fc.Arbitrary<Omit<Event, 'id'>> {
  const at = spelled(atMs);
  const text = fc.constantFrom('Lianyungang CDC', 'Haizhou district HQ', 'clinic 3');
  switch (kind) {
    case 'test-result':
      return fc.record({ at, kind: fc.constant(kind), result: fc.constantFrom('positive', 'negative') });
    case 'diagnosis':
      return fc.record({ at, kind: fc.constant(kind), status: fc.constantFrom('confirmed', 'suspected') });
    case 'hospital-discharge':
    case 'fever-clinic-observation':
    case 'covid-excluded':
    case 'recovered':
      return fc.record({ at, kind: fc.constant(kind) });
    case 'isolation-started':
      return fc.record({ at, kind: fc.constant(kind), place: fc.constantFrom('hospital', 'centralized', 'home') }, { requiredKeys: ['at', 'kind'] });
    case 'close-contact':
      return fc.record({ at, kind: fc.constant(kind), of: fc.constantFrom('case', 'fever-clinic-observee') });
    case 'key-area-visit':
      return fc
        .tuple(at, fc.constantFrom(...GENERATED_AREAS), dayRange(atMs, 24, 0))
        .map(([a, area, range]) => ({ at: a, kind, area, ...range }));
    case 'key-area-contact':
      return fc.record(
        { at, kind: fc.constant(kind), on: dayAround(atMs, 20, 0).map(formatDay), area: fc.constantFrom(...GENERATED_AREAS) },
        { requiredKeys: ['at', 'kind', 'on'] },
      );
    case 'temperature':
      return fc.record(
        {
          at,
          kind: fc.constant(kind),
          // tenths of a degree, as thermometers read; around the fever thresholds
          celsius: fc.oneof(fc.integer({ min: 355, max: 395 }), fc.integer({ min: 300, max: 450 })).map((t) => t / 10),
          venue: fc.constantFrom(...VENUES),
        },
        { requiredKeys: ['at', 'kind', 'celsius'] },
      );
    case 'symptoms':
      return fc.record(
        { at, kind: fc.constant(kind), symptoms: symptomList(1), source: fc.constantFrom('self', 'checkpoint', 'clinic') },
        { requiredKeys: ['at', 'kind', 'symptoms'] },
      );
    case 'daily-report':
      return fc.record(
        { at, kind: fc.constant(kind), symptoms: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Symptom[]) }, { weight: 1, arbitrary: symptomList(1) }) },
        { requiredKeys: ['at', 'kind'] },
      );
    case 'high-risk-designation':
      return fc.record(
        {
          at,
          kind: fc.constant(kind),
          authority: text,
          reason: fc.constantFrom('cluster investigation', 'travel record'),
          basis: fc.constantFrom('Prevention Law art. 39', 'HQ notice 12'),
          obligations: fc.subarray([...OBLIGATIONS], { minLength: 1 }),
        },
        { requiredKeys: ['at', 'kind', 'authority', 'reason', 'basis'] },
      );
    case 'authority-release':
      return fc.record({ at, kind: fc.constant(kind), authority: text, reason: fc.constantFrom('investigation closed', 'tests negative') });
    case 'review-approved':
      return fc.record({ at, kind: fc.constant(kind), credential: fc.constantFrom(...CREDENTIALS) }, { requiredKeys: ['at', 'kind'] });
    case 'review-rejected':
      return fc.record({ at, kind: fc.constant(kind), reason: fc.constantFrom('incomplete form', 'attestation doubtful') });
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
  /** Earliest event, in days before `submittedAt` (T-7); default 10. */
  readonly daysBefore?: number;
  /** Latest event, in days after `submittedAt`; default 40. */
  readonly daysAfter?: number;
  /** Whether to add corrections (I-13), including corrections of corrections; default true. */
  readonly corrections?: boolean;
  /** Whether to add identical duplicates (RULES §9); default true. */
  readonly duplicates?: boolean;
  /** Whether the input order may differ from time order (T-6); default true. */
  readonly shuffle?: boolean;
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
  const fromMs = submitted - (opts.daysBefore ?? 10) * MS_PER_DAY;
  const toMs = submitted + (opts.daysAfter ?? 40) * MS_PER_DAY;
  const kinds = (opts.kinds ?? PLAIN_KINDS).filter((k) => k !== 'correction');
  if (kinds.length === 0) return fc.constant([]);
  const kind = fc.oneof(...kinds.map((k) => ({ weight: KIND_WEIGHT[k] ?? 1, arbitrary: fc.constant(k) })));
  const one = fc.tuple(kind, instantMs(fromMs, toMs)).chain(([k, ms]) => eventBody(k, ms));
  const base = fc.array(one, { maxLength: opts.maxLength ?? 8 }).map((list) =>
    list.map((body, i) => ({ id: `e${i}`, ...body }) as Event),
  );
  const withCorrections = base.chain((events) => {
    if (opts.corrections === false || events.length === 0) return fc.constant(events);
    // A correction names an event earlier in the list, so corrections never form a cycle.
    interface CorrectionSpec {
      readonly target: number;
      readonly offset: number;
      readonly authority: string;
      readonly reason: string;
    }
    const correction = (index: number): fc.Arbitrary<CorrectionSpec> =>
      fc.nat({ max: events.length + index - 1 }).chain((target) =>
        fc.record({
          offset: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * MS_PER_DAY }), fc.integer({ min: -MS_PER_DAY, max: 10 * MS_PER_DAY })),
          authority: fc.constantFrom('Lianyungang CDC', 'Haizhou district HQ'),
          reason: fc.constantFrom('entered in error', 'lab sample mix-up'),
        }).map(({ offset, authority, reason }) => ({ target, offset, authority, reason })),
      );
    return fc.integer({ min: 0, max: 3 }).chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => correction(i))).map((specs: CorrectionSpec[]) => {
        const all = [...events];
        for (const spec of specs) {
          const target = all[spec.target] as Event;
          const atMs = Math.max((parseInstant(target.at) as number) + spec.offset, fromMs);
          all.push({ id: `c${all.length}`, at: formatInstant(atMs, 480), kind: 'correction', voids: target.id, authority: spec.authority, reason: spec.reason });
        }
        return all;
      }),
    );
  });
  const withDuplicates = withCorrections.chain((events) => {
    if (opts.duplicates === false || events.length === 0) return fc.constant(events);
    return fc
      .array(fc.nat({ max: events.length - 1 }), { maxLength: 2 })
      .map((picks) => [...events, ...picks.map((i) => structuredCloneEvent(events[i] as Event))]);
  });
  return withDuplicates.chain((events) => {
    const sorted = [...events].sort((a, b) => (parseInstant(a.at) as number) - (parseInstant(b.at) as number));
    if (opts.shuffle === false || events.length < 2) return fc.constant(sorted);
    return fc.oneof(fc.constant(sorted), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));
  });
}

/** A deep copy of an event: an identical duplicate, not the same object. */
function structuredCloneEvent(event: Event): Event {
  return JSON.parse(JSON.stringify(event)) as Event;
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
        limits: { maxEvents: 100_000, maxStringLength: 1000 },
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
  // Yellow needs the red triggers to be rarer; green needs both rarer.
  const facts: FactsOption = wanted === 'red' || wanted === undefined ? 'any' : 'no-red';
  const kinds = wanted === 'red' || wanted === undefined ? PLAIN_KINDS : PLAIN_KINDS.filter((k) => !RED_EVENT_KINDS.includes(k) || k === 'close-contact');
  const raw = declaration({ facts }).chain((d) => {
    const submitted = parseInstant(d.submittedAt) as number;
    return fc.record({
      declaration: fc.constant(d),
      history: history({ submittedAt: d.submittedAt, kinds, ...(opts.maxLength === undefined ? {} : { maxLength: opts.maxLength }) }),
      now: instantMs(submitted, submitted + 45 * MS_PER_DAY).chain(spelled),
    });
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
