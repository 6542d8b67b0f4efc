import type * as z from 'zod';
import { createZone, type Zone } from '../calendar.js';
import { createEngine, defaultEngine, type Engine, type SafeResult } from '../engine.js';
import { HealthCodeInputError, fromZodIssues } from '../errors.js';
import { formatDay, parseInstant } from '../internal/iso.js';
import type { Assessment } from '../schema/assessment.js';
import { DeclarationSchema, type DeclarationInput, type ValidDeclaration } from '../schema/declaration.js';
import { EventSchema, type Event, type EventKind, type EventOf, type ValidEvent } from '../schema/events.js';
import type { Policy, ValidPolicy } from '../schema/policy.js';
import type { Credential, Obligation, Symptom, Venue } from '../schema/primitives.js';

/**
 * Builders of valid format v1 data (FORMAT "A case", "Events") for the tests of apps that use the
 * engine: readable defaults, explicit overrides, and an id for every event derived from its
 * content, so that a history built twice is the same history (no counters, no clock).
 */

/**
 * An instant as the builders take it: an ISO-8601 string with offset (T-2), a `Date`, or a moment
 * of a `scenario()` (`s.day(3).at('09:00')`).
 */
export type At = string | Date | { readonly instant: string };

/** Options every event builder accepts: an explicit `id` instead of the derived one. */
export interface EventOptions {
  /** The event id (default: `<kind>@<at>#<hash of the content>`). */
  readonly id?: string;
}

/** Overrides of the default declaration: any field of FORMAT "A case" `declaration`. */
export type DeclarationOverrides = Partial<z.input<typeof DeclarationSchema>>;

/** A plain case of FORMAT "A case": what an app sends to `evaluate`. */
export interface Case {
  readonly declaration: ValidDeclaration;
  readonly history: readonly Event[];
}

function instantOf(at: At): string {
  if (typeof at === 'string') return at;
  if (at instanceof Date) return at.toISOString();
  return at.instant;
}

// FNV-1a over UTF-16 code units: a short, stable digest of an event's content for its id.
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Optional fields are left out rather than set to `undefined` (the format has no `undefined`).
function defined<T extends Record<string, unknown>>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

type Fields<K extends EventKind> = Omit<EventOf<K>, 'id' | 'at' | 'kind'>;

function build<K extends EventKind>(kind: K, at: At, fields: Fields<K>, options: EventOptions | undefined): EventOf<K> {
  const instant = instantOf(at);
  const content = { at: instant, kind, ...defined(fields as Record<string, unknown>) };
  const id = options?.id ?? `${kind}@${instant}#${digest(canonicalJson(content))}`;
  const raw = { id, ...content };
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) throw new HealthCodeInputError(fromZodIssues(parsed.error.issues, ['event'], raw), `${kind} event`);
  return raw as unknown as EventOf<K>;
}

function symptomList(symptoms: Symptom | readonly Symptom[]): Symptom[] {
  return typeof symptoms === 'string' ? [symptoms] : [...symptoms];
}

/**
 * A valid declaration (FORMAT "A case"): a resident applying for themselves on
 * 2020-02-01T10:00+08:00 with no health facts (RULES §10 example 1), with `overrides` applied.
 * A `proxy` channel gets a `{ relation: 'child' }` proxy unless one is given; any other channel
 * drops it (A-2). Throws `HealthCodeInputError` when the overrides make it invalid.
 *
 * @param overrides - the fields to change
 * @returns the declaration, every fact present
 * @example
 * declaration({ symptoms: ['fatigue'] }) // Y1 at submission
 * declaration({ channel: 'proxy', category: 'returnee', closeContactOfCase: true }) // R2
 */
export function declaration(overrides: DeclarationOverrides = {}): ValidDeclaration & DeclarationInput {
  const channel = overrides.channel ?? 'self';
  const raw = defined({
    id: 'app-0001',
    subjectId: 's-0001',
    submittedAt: '2020-02-01T10:00:00+08:00',
    category: 'resident',
    attestation: true,
    clinical: 'none',
    feverClinicObservation: false,
    closeContactOfCase: false,
    closeContactOfFeverClinicObservee: false,
    isolationStartedAt: null,
    keyAreaVisits: [],
    keyAreaContacts: [],
    symptoms: [],
    ...overrides,
    channel,
    proxy: channel === 'proxy' ? (overrides.proxy ?? { relation: 'child' }) : undefined,
  });
  const parsed = DeclarationSchema.safeParse(raw);
  if (!parsed.success) throw new HealthCodeInputError(fromZodIssues(parsed.error.issues, ['declaration'], raw), 'declaration');
  // The channel and the proxy agree: the proxy is set above exactly for the proxy channel (A-2).
  return parsed.data as ValidDeclaration & DeclarationInput;
}

/** A designation or release by an authority, with readable defaults (R5, I-6). */
export interface AuthorityOptions extends EventOptions {
  readonly authority?: string;
  readonly reason?: string;
}

/**
 * One builder per event kind of FORMAT "Events": the instant first, then the fields that matter,
 * then options. Every event is validated and gets a content-derived id unless `id` is given, so
 * distinct events never share an id and an identical event built twice is a duplicate (RULES §9).
 *
 * @example
 * event.temperature('2020-03-01T09:00:00+08:00', 37.6)            // GY, C6
 * event.closeContact('2020-02-10T12:00:00+08:00', 'case')         // R2
 * event.correction('2020-02-11T09:00:00+08:00', notice)           // I-13, voids `notice`
 */
export const event = {
  /** A test result (R1): positive by default. */
  testResult: (at: At, result: 'positive' | 'negative' = 'positive', options?: EventOptions): EventOf<'test-result'> =>
    build('test-result', at, { result }, options),
  /** A diagnosis (R1, T-R4-confirmed): confirmed by default. */
  diagnosis: (at: At, status: 'confirmed' | 'suspected' = 'confirmed', options?: EventOptions): EventOf<'diagnosis'> =>
    build('diagnosis', at, { status }, options),
  /** A discharge from hospital (T-R1-discharge). */
  hospitalDischarge: (at: At, options?: EventOptions): EventOf<'hospital-discharge'> =>
    build('hospital-discharge', at, {}, options),
  /** An admission to observation at a designated fever clinic (R4). */
  feverClinicObservation: (at: At, options?: EventOptions): EventOf<'fever-clinic-observation'> =>
    build('fever-clinic-observation', at, {}, options),
  /** COVID-19 ruled out (T-R4-excluded). */
  covidExcluded: (at: At, options?: EventOptions): EventOf<'covid-excluded'> => build('covid-excluded', at, {}, options),
  /** Recovery (T-R4-recovered). */
  recovered: (at: At, options?: EventOptions): EventOf<'recovered'> => build('recovered', at, {}, options),
  /** The start of an isolation (I-3), at a place if given. */
  isolationStarted: (
    at: At,
    place?: 'hospital' | 'centralized' | 'home',
    options?: EventOptions,
  ): EventOf<'isolation-started'> => build('isolation-started', at, defined({ place }), options),
  /** A close-contact notice (R2 for `case`, Y2 for `fever-clinic-observee`): `case` by default. */
  closeContact: (
    at: At,
    of: 'case' | 'fever-clinic-observee' = 'case',
    options?: EventOptions,
  ): EventOf<'close-contact'> => build('close-contact', at, { of }, options),
  /** A key-area travel report (R3, I-5): a stay from `from` to `to` (default `from`) in `area` (default 420100, Wuhan). */
  keyAreaVisit: (
    at: At,
    from: string,
    to: string = from,
    options?: EventOptions & { readonly area?: string },
  ): EventOf<'key-area-visit'> => build('key-area-visit', at, { area: options?.area ?? '420100', from, to }, options),
  /** A reported contact on day `on` with a person from a key area (R3, I-5), naming the area if given. */
  keyAreaContact: (
    at: At,
    on: string,
    options?: EventOptions & { readonly area?: string },
  ): EventOf<'key-area-contact'> => build('key-area-contact', at, defined({ on, area: options?.area }), options),
  /** A body temperature reading (GY, resets, C6), at a venue if given. */
  temperature: (
    at: At,
    celsius: number,
    options?: EventOptions & { readonly venue?: Venue },
  ): EventOf<'temperature'> => build('temperature', at, defined({ celsius, venue: options?.venue }), options),
  /** A symptom report (GY, resets): from the subject (`self`) unless `source` says otherwise. */
  symptoms: (
    at: At,
    symptoms: Symptom | readonly Symptom[],
    options?: EventOptions & { readonly source?: 'self' | 'checkpoint' | 'clinic' },
  ): EventOf<'symptoms'> =>
    build('symptoms', at, { symptoms: symptomList(symptoms), source: options?.source ?? 'self' }, options),
  /** A daily self-report (I-10, GY, resets): no symptoms by default. */
  dailyReport: (at: At, symptoms: Symptom | readonly Symptom[] = [], options?: EventOptions): EventOf<'daily-report'> =>
    build('daily-report', at, { symptoms: symptomList(symptoms) }, options),
  /** A high-risk designation (R5, I-6) by a named authority, with a reason and a basis. */
  highRiskDesignation: (
    at: At,
    options?: AuthorityOptions & { readonly basis?: string; readonly obligations?: readonly Obligation[] },
  ): EventOf<'high-risk-designation'> =>
    build(
      'high-risk-designation',
      at,
      defined({
        authority: options?.authority ?? 'Lianyungang epidemic prevention command',
        reason: options?.reason ?? 'linked to a cluster',
        basis: options?.basis ?? 'epidemiological investigation',
        obligations: options?.obligations === undefined ? undefined : [...options.obligations],
      }),
      options,
    ),
  /** A release by an authority (T-R5-off). */
  authorityRelease: (at: At, options?: AuthorityOptions): EventOf<'authority-release'> =>
    build(
      'authority-release',
      at,
      {
        authority: options?.authority ?? 'Lianyungang epidemic prevention command',
        reason: options?.reason ?? 'investigation closed',
      },
      options,
    ),
  /** Review approved: the code is issued (§8, I-12), as an app code unless `credential` says otherwise. */
  reviewApproved: (at: At, credential: Credential = 'app-code', options?: EventOptions): EventOf<'review-approved'> =>
    build('review-approved', at, { credential }, options),
  /** Review rejected (A-4, I-18), with a reason. */
  reviewRejected: (at: At, reason = 'incomplete declaration', options?: EventOptions): EventOf<'review-rejected'> =>
    build('review-rejected', at, { reason }, options),
  /** A correction that voids an earlier event (I-13), given as the event or its id. */
  correction: (at: At, voids: string | { readonly id: string }, options?: AuthorityOptions): EventOf<'correction'> =>
    build(
      'correction',
      at,
      {
        voids: typeof voids === 'string' ? voids : voids.id,
        authority: options?.authority ?? 'Lianyungang health commission',
        reason: options?.reason ?? 'entered in error',
      },
      options,
    ),
} as const;

/** The event builders, one per event kind. */
export type EventBuilders = typeof event;

type WithoutAt<F> = F extends (at: At, ...rest: infer R) => unknown ? R : never;

/** At one moment of a scenario, one method per event kind: each returns the scenario with that event added. */
export type MomentEvents = { readonly [K in keyof EventBuilders]: (...args: WithoutAt<EventBuilders[K]>) => Scenario };

/** A wall-clock time on a local day of a scenario, in the policy's time zone. */
export interface Moment extends MomentEvents {
  /** The instant, written with the zone's offset (`2020-03-04T08:00:00+08:00`). */
  readonly instant: string;
  /** Evaluates the scenario with `now` at this moment. */
  evaluate(): Assessment;
  /** Like `evaluate`, but never throws. */
  safeEvaluate(): SafeResult<Assessment>;
  /** The instant. */
  toString(): string;
}

/** A local calendar day of a scenario, counted from the declaration's day (day 0). */
export interface ScenarioDay {
  /** The offset from the declaration's local day. */
  readonly offset: number;
  /** The calendar day `YYYY-MM-DD`, as the format writes days (key-area visits, contacts). */
  readonly date: string;
  /** The first instant of the day (T-3). */
  readonly instant: string;
  /**
   * A wall-clock time that day, `HH:mm` or `HH:mm:ss`; a time a daylight-saving gap skips moves
   * forward by the gap's length (T-3).
   */
  at(time: string): Moment;
}

/** A case being laid out in local days of the policy's zone; every method returns a new scenario. */
export interface Scenario {
  /** The declaration (day 0 is its local day). */
  readonly declaration: ValidDeclaration;
  /** The events so far, in the order they were added. */
  readonly history: readonly Event[];
  /** The last event added, e.g. for a `correction` to void. */
  readonly last: Event | undefined;
  /** The validated policy the scenario is evaluated under. */
  readonly policy: ValidPolicy;
  /** The engine of that policy. */
  readonly engine: Engine;
  /** Local day `offset` counted from the declaration's day; negative for events before it (T-7). */
  day(offset: number): ScenarioDay;
  /** The scenario with these events added (built ones, or any events of the format). */
  with(...events: readonly Event[]): Scenario;
  /** The plain case, as an app would send it. */
  toCase(): Case;
  /** Evaluates the scenario at `now`; throws `HealthCodeInputError` on invalid input. */
  evaluate(now: At): Assessment;
  /** Like `evaluate`, but never throws. */
  safeEvaluate(now: At): SafeResult<Assessment>;
}

/** What a scenario starts from. */
export interface ScenarioOptions {
  /** Overrides of the default declaration (see `declaration`). */
  readonly declaration?: DeclarationOverrides;
  /** A policy as data (default: the built-in Lianyungang 2020 policy). */
  readonly policy?: unknown;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function msOfDay(time: string): number {
  const m = TIME.exec(time);
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  const seconds = m?.[3] === undefined ? 0 : Number(m[3]);
  if (m === null || hours > 23 || minutes > 59 || seconds > 59)
    throw new RangeError(`not a wall-clock time HH:mm or HH:mm:ss: "${time}"`);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

interface ScenarioState {
  readonly engine: Engine;
  readonly zone: Zone;
  readonly day0: number;
  readonly declaration: ValidDeclaration & DeclarationInput;
  readonly history: readonly Event[];
}

function scenarioOf(state: ScenarioState): Scenario {
  const evaluate = (now: At): Assessment => state.engine.evaluate(state.declaration, state.history, instantOf(now));
  const safeEvaluate = (now: At): SafeResult<Assessment> =>
    state.engine.safeEvaluate(state.declaration, state.history, instantOf(now));
  const self: Scenario = {
    declaration: state.declaration,
    history: state.history,
    last: state.history[state.history.length - 1],
    policy: state.engine.policy,
    engine: state.engine,
    with: (...events) => scenarioOf({ ...state, history: [...state.history, ...events] }),
    toCase: () => ({ declaration: state.declaration, history: state.history }),
    evaluate,
    safeEvaluate,
    day(offset) {
      if (!Number.isSafeInteger(offset)) throw new RangeError(`a day offset is an integer, not ${String(offset)}`);
      const day = state.day0 + offset;
      return {
        offset,
        date: formatDay(day),
        instant: state.zone.format(state.zone.startOfDay(day)),
        at(time) {
          const instant = state.zone.format(state.zone.wallTime(day, msOfDay(time)));
          const moment: Record<string, unknown> = {
            instant,
            evaluate: () => evaluate(instant),
            safeEvaluate: () => safeEvaluate(instant),
            toString: () => instant,
          };
          for (const [name, builder] of Object.entries(event)) {
            moment[name] = (...args: unknown[]) =>
              self.with((builder as (at: At, ...rest: unknown[]) => ValidEvent)(instant, ...args));
          }
          return moment as unknown as Moment;
        },
      };
    },
  };
  return self;
}

/**
 * Lays out a case in local days of the policy's time zone (T-1): `day(0)` is the local day of the
 * declaration, `day(n).at('HH:mm')` a wall-clock time n days later, and each event method returns
 * a new scenario with that event added. No review is added for you: add `reviewApproved()` where
 * the case needs an issued code (I-12).
 *
 * @param options - declaration overrides and the policy (default: Lianyungang 2020)
 * @returns the scenario
 * @example
 * // RULES §10 example 5: two fevers three days apart → yellow GY until 2020-03-19.
 * const s = scenario({ declaration: { submittedAt: '2020-03-01T08:00:00+08:00' } })
 *   .day(0).at('09:00').temperature(37.6).day(3).at('08:00').temperature(37.5);
 * s.day(3).at('12:00').evaluate().releaseAt // '2020-03-19T00:00:00+08:00'
 */
export function scenario(options: ScenarioOptions = {}): Scenario {
  // The policy is data a test may have got from anywhere: createEngine validates it.
  const engine = options.policy === undefined ? defaultEngine : createEngine(options.policy as Policy);
  const zone = createZone(engine.policy.timeZone);
  const built = declaration(options.declaration);
  return scenarioOf({
    engine,
    zone,
    day0: zone.dayOf(parseInstant(built.submittedAt) as number),
    declaration: built,
    history: [],
  });
}
