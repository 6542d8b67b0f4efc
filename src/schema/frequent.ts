import * as z from 'zod';
import { parseDay, parseInstant } from '../internal/iso.js';
import { DeclarationSchema, KeyAreaContactSchema, KeyAreaVisitSchema, type ValidDeclaration } from './declaration.js';
import {
  AuthorityReleaseEventSchema,
  CloseContactEventSchema,
  CorrectionEventSchema,
  CovidExcludedEventSchema,
  DailyReportEventSchema,
  DiagnosisEventSchema,
  FeverClinicObservationEventSchema,
  HighRiskDesignationEventSchema,
  HospitalDischargeEventSchema,
  IsolationStartedEventSchema,
  RecoveredEventSchema,
  ReviewApprovedEventSchema,
  ReviewRejectedEventSchema,
  SymptomsEventSchema,
  TemperatureEventSchema,
  TestResultEventSchema,
  type EventOf,
  type ValidEvent,
} from './events.js';
import { CREDENTIALS, CelsiusSchema, NonEmptyString, SYMPTOMS, VENUES, type Credential, type Symptom, type Venue } from './primitives.js';

/**
 * A shortcut past zod for the kinds that make up almost all of a long history: temperature
 * readings and daily reports (years of them, several a day), symptom reports and close-contact
 * notices (the kinds that reset and re-trigger conditions, RULES §9's worst cases for the time of
 * a long history), the review approval that nearly every case of a city carries, and the kinds
 * whose fields are only non-empty strings and enums (test results, discharges, corrections, …:
 * rare in a history, but a schema seldom run is a slow one); and one for the plain declaration of a
 * city's residents (`parsePlainDeclaration`). An event of these kinds, written as
 * a plain JSON object, is checked here field by field and returned exactly as `EventSchema`
 * would return it (same keys, same order, defaults filled in). Anything else (another kind, a
 * missing, extra or inherited field, a value out of range, an object that is not plain) gives
 * `undefined`, and `EventSchema` decides, writing every issue: this function never rejects.
 *
 * Why: zod builds about 1.4 kB of intermediate objects per event. On a 10,000-event history that
 * garbage forces young-generation collections while the validated events are still alive, which
 * made such a history cost more per event than a short one (see docs/performance.md).
 *
 * `test/engine/frequent-events.test.ts` checks, on generated events and near-misses, that whatever this
 * function accepts `EventSchema` accepts with an equal result.
 */

const SYMPTOM = new Set<unknown>(SYMPTOMS);
const VENUE = new Set<unknown>(VENUES);
const MIN_CELSIUS = CelsiusSchema.minValue as number;
const MAX_CELSIUS = CelsiusSchema.maxValue as number;
const TEMPERATURE_KEYS = new Set(Object.keys(TemperatureEventSchema.shape));
const DAILY_REPORT_KEYS = new Set(Object.keys(DailyReportEventSchema.shape));
const SYMPTOMS_KEYS = new Set(Object.keys(SymptomsEventSchema.shape));
const CLOSE_CONTACT_KEYS = new Set(Object.keys(CloseContactEventSchema.shape));
const SOURCE = new Set<unknown>(SymptomsEventSchema.shape.source.unwrap().options);
const OF = new Set<unknown>(CloseContactEventSchema.shape.of.options);
const REVIEW_APPROVED_KEYS = new Set(Object.keys(ReviewApprovedEventSchema.shape));
const CREDENTIAL = new Set<unknown>(CREDENTIALS);
const DECLARATION_KEYS = new Set(Object.keys(DeclarationSchema.shape));
const CATEGORY = new Set<unknown>(DeclarationSchema.shape.category.options);
const CHANNEL = new Set<unknown>(DeclarationSchema.shape.channel.options);
const CLINICAL = new Set<unknown>(DeclarationSchema.shape.clinical.unwrap().options);

/** A field of a simple kind: a non-empty string, one of an enum's values, or (`other`) anything else, left to zod. */
interface SimpleField {
  readonly key: string;
  readonly optional: boolean;
  readonly allowed: 'non-empty' | 'other' | ReadonlySet<unknown>;
}

/** The fields of an event schema after `id`, `at` and `kind`, in the schema's order. */
function simpleFields(shape: Readonly<Record<string, z.ZodType>>): SimpleField[] {
  return Object.entries(shape)
    .filter(([key]) => key !== 'id' && key !== 'at' && key !== 'kind')
    .map(([key, schema]) => {
      const optional = schema instanceof z.ZodOptional;
      const inner: unknown = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
      const allowed = inner === NonEmptyString ? 'non-empty' : inner instanceof z.ZodEnum ? new Set<unknown>(inner.options) : 'other';
      return { key, optional, allowed };
    });
}

/** The kinds whose fields are non-empty strings and enums (an optional field of another type only when absent). */
const SIMPLE_KINDS = new Map<unknown, { readonly keys: ReadonlySet<string>; readonly fields: readonly SimpleField[] }>(
  [
    TestResultEventSchema,
    DiagnosisEventSchema,
    HospitalDischargeEventSchema,
    FeverClinicObservationEventSchema,
    CovidExcludedEventSchema,
    RecoveredEventSchema,
    IsolationStartedEventSchema,
    HighRiskDesignationEventSchema,
    AuthorityReleaseEventSchema,
    ReviewRejectedEventSchema,
    CorrectionEventSchema,
  ].map((schema) => [schema.shape.kind.value, { keys: new Set(Object.keys(schema.shape)), fields: simpleFields(schema.shape) }]),
);

/** An event of a simple kind, validated as its schema validates it, or `undefined`. */
function simpleEvent(input: Record<string, unknown>, id: string, at: string, kind: string, simple: { readonly keys: ReadonlySet<string>; readonly fields: readonly SimpleField[] }): ValidEvent | undefined {
  const event: Record<string, unknown> = { id, at, kind };
  let listed = 3;
  for (const { key, optional, allowed } of simple.fields) {
    const value = input[key];
    if (value === undefined) {
      // Absent and optional: no key (zod keeps a key that is present but undefined).
      if (optional && !(key in input)) continue;
      return undefined;
    }
    if (allowed === 'non-empty' ? typeof value !== 'string' || value.length === 0 : allowed === 'other' || !allowed.has(value)) return undefined;
    event[key] = value;
    listed++;
  }
  return listsOnly(input, simple.keys, listed) ? (event as ValidEvent) : undefined;
}

/** The frequent events this shortcut accepts. */
export type FrequentEvent =
  | EventOf<'temperature'>
  | EventOf<'daily-report'>
  | EventOf<'symptoms'>
  | EventOf<'close-contact'>
  | EventOf<'review-approved'>;

/**
 * Whether `for…in` lists exactly `count` keys on `value` (its own and inherited enumerable ones,
 * as zod's strict objects read them), all of them in `known`.
 */
function listsOnly(value: object, known: ReadonlySet<string>, count: number): boolean {
  let listed = 0;
  for (const key in value) {
    if (!known.has(key)) return false;
    listed++;
  }
  return listed === count;
}

/** A copy of a list of symptom kinds, or `undefined` when it is not one. */
function symptomList(value: unknown): Symptom[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: Symptom[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!SYMPTOM.has(item)) return undefined;
    list.push(item as Symptom);
  }
  return list;
}

/**
 * A plain temperature reading or daily report, validated as `EventSchema` validates it; `undefined`
 * for any other input, which `EventSchema` then decides.
 */
export function parseFrequentEvent(raw: unknown): FrequentEvent | ValidEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined;
  const input = raw as Record<string, unknown>;
  // Each field is read once here, and what is returned is built from what was read.
  const id = input['id'];
  const at = input['at'];
  const kind = input['kind'];
  if (typeof id !== 'string' || id.length === 0 || typeof at !== 'string' || parseInstant(at) === undefined) return undefined;
  if (kind === 'temperature') {
    const celsius = input['celsius'];
    const venue = input['venue'];
    // CelsiusSchema's range, bounds included (NaN fails both comparisons).
    if (typeof celsius !== 'number' || !(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) return undefined;
    // Without `venue`, the four keys listed are the other four (zod keeps a `venue` key even when undefined).
    if (venue === undefined) return !('venue' in input) && listsOnly(input, TEMPERATURE_KEYS, 4) ? { id, at, kind, celsius } : undefined;
    if (!VENUE.has(venue) || !listsOnly(input, TEMPERATURE_KEYS, 5)) return undefined;
    return { id, at, kind, celsius, venue: venue as Venue };
  }
  if (kind === 'daily-report') {
    const symptoms = input['symptoms'];
    // Without `symptoms` (or with it undefined: zod fills in the default either way), three keys.
    if (symptoms === undefined) return listsOnly(input, DAILY_REPORT_KEYS, 3) ? { id, at, kind, symptoms: [] } : undefined;
    const list = symptomList(symptoms);
    if (list === undefined || !listsOnly(input, DAILY_REPORT_KEYS, 4)) return undefined;
    return { id, at, kind, symptoms: list };
  }
  if (kind === 'symptoms') {
    // At least one symptom (the schema's min(1)); `source` defaults to "self" when absent.
    const list = symptomList(input['symptoms']);
    if (list === undefined || list.length === 0) return undefined;
    const source = input['source'];
    if (source === undefined) return listsOnly(input, SYMPTOMS_KEYS, 4) ? { id, at, kind, symptoms: list, source: 'self' } : undefined;
    if (!SOURCE.has(source) || !listsOnly(input, SYMPTOMS_KEYS, 5)) return undefined;
    return { id, at, kind, symptoms: list, source: source as EventOf<'symptoms'>['source'] };
  }
  if (kind === 'close-contact') {
    const of = input['of'];
    if (!OF.has(of) || !listsOnly(input, CLOSE_CONTACT_KEYS, 4)) return undefined;
    return { id, at, kind, of: of as EventOf<'close-contact'>['of'] };
  }
  if (kind === 'review-approved') {
    const credential = input['credential'];
    // As for a reading's venue: zod keeps a `credential` key that is present but undefined.
    if (credential === undefined) return !('credential' in input) && listsOnly(input, REVIEW_APPROVED_KEYS, 3) ? { id, at, kind } : undefined;
    if (!CREDENTIAL.has(credential) || !listsOnly(input, REVIEW_APPROVED_KEYS, 4)) return undefined;
    return { id, at, kind, credential: credential as Credential };
  }
  const simple = SIMPLE_KINDS.get(kind);
  return simple === undefined ? undefined : simpleEvent(input, id, at, kind as string, simple);
}

const VISIT_KEYS = new Set(Object.keys(KeyAreaVisitSchema.shape));
const CONTACT_KEYS = new Set(Object.keys(KeyAreaContactSchema.shape));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A declared visit `{ area, from, to }` as `KeyAreaVisitSchema` returns it (days that exist, in order), or `undefined`. */
function plainVisit(value: unknown): ValidDeclaration['keyAreaVisits'][number] | undefined {
  if (!isPlainObject(value)) return undefined;
  const area = value['area'];
  const from = value['from'];
  const to = value['to'];
  if (typeof area !== 'string' || area.length === 0 || typeof from !== 'string' || typeof to !== 'string') return undefined;
  const first = parseDay(from);
  const last = parseDay(to);
  if (first === undefined || last === undefined || last < first || !listsOnly(value, VISIT_KEYS, 3)) return undefined;
  return { area, from, to };
}

/** A declared contact `{ on, area? }` as `KeyAreaContactSchema` returns it, or `undefined`. */
function plainContact(value: unknown): ValidDeclaration['keyAreaContacts'][number] | undefined {
  if (!isPlainObject(value)) return undefined;
  const on = value['on'];
  const area = value['area'];
  if (typeof on !== 'string' || parseDay(on) === undefined) return undefined;
  if (area === undefined) return !('area' in value) && listsOnly(value, CONTACT_KEYS, 1) ? { on } : undefined;
  if (typeof area !== 'string' || area.length === 0 || !listsOnly(value, CONTACT_KEYS, 2)) return undefined;
  return { on, area };
}

/** A copy of a list whose every item `item` accepts, or `undefined`. */
function plainList<T>(value: unknown, item: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const read = item(value[i]);
    if (read === undefined) return undefined;
    list.push(read);
  }
  return list;
}

/** A flag of the declaration: `false` when absent (the schema's default), or `undefined` when it is not a boolean. */
function flag(value: unknown): boolean | undefined {
  return value === undefined ? false : typeof value === 'boolean' ? value : undefined;
}

/** The six required fields of a declaration in their plain form, and no proxy (even an undefined one: left to the schema). */
function hasPlainHead(input: Record<string, unknown>): input is Record<string, unknown> & { id: string; subjectId: string; submittedAt: string; category: ValidDeclaration['category']; channel: ValidDeclaration['channel'] } {
  const { id, subjectId, submittedAt } = input;
  return (
    typeof id === 'string' && id.length > 0 && typeof subjectId === 'string' && subjectId.length > 0 &&
    typeof submittedAt === 'string' && parseInstant(submittedAt) !== undefined &&
    CATEGORY.has(input['category']) && CHANNEL.has(input['channel']) && input['attestation'] === true &&
    !('proxy' in input)
  );
}

/**
 * A plain declaration without a proxy (a city's residents and arrivals), validated
 * as `DeclarationSchema` validates it, defaults filled in, keys in the schema's order; `undefined`
 * for any other input, which `DeclarationSchema` then decides, writing every issue. Like
 * `parseFrequentEvent`, it never rejects, and what it accepts the schema accepts with an equal
 * result (`test/engine/frequent-events.test.ts`).
 */
export function parsePlainDeclaration(raw: unknown): ValidDeclaration | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined;
  const input = raw as Record<string, unknown>;
  if (!hasPlainHead(input)) return undefined;
  const { id, subjectId, submittedAt, category, channel } = input;
  // The six required keys, and each optional one with a value (a key present but undefined is
  // listed by for…in without being counted here, so listsOnly below leaves it to the schema).
  let listed = 6;
  const clinicalIn = input['clinical'];
  if (clinicalIn !== undefined) {
    if (!CLINICAL.has(clinicalIn)) return undefined;
    listed++;
  }
  const flags = [input['feverClinicObservation'], input['closeContactOfCase'], input['closeContactOfFeverClinicObservee']];
  const feverClinicObservation = flag(flags[0]);
  const closeContactOfCase = flag(flags[1]);
  const closeContactOfFeverClinicObservee = flag(flags[2]);
  if (feverClinicObservation === undefined || closeContactOfCase === undefined || closeContactOfFeverClinicObservee === undefined) return undefined;
  for (const value of flags) if (value !== undefined) listed++;
  const isolationIn = input['isolationStartedAt'];
  if (isolationIn !== undefined) {
    if (isolationIn !== null && (typeof isolationIn !== 'string' || parseInstant(isolationIn) === undefined)) return undefined;
    listed++;
  }
  const visitsIn = input['keyAreaVisits'];
  const keyAreaVisits = visitsIn === undefined ? [] : plainList(visitsIn, plainVisit);
  if (keyAreaVisits === undefined) return undefined;
  if (visitsIn !== undefined) listed++;
  const contactsIn = input['keyAreaContacts'];
  const keyAreaContacts = contactsIn === undefined ? [] : plainList(contactsIn, plainContact);
  if (keyAreaContacts === undefined) return undefined;
  if (contactsIn !== undefined) listed++;
  const symptomsIn = input['symptoms'];
  let symptoms: Symptom[] = [];
  if (symptomsIn !== undefined) {
    const list = symptomList(symptomsIn);
    if (list === undefined) return undefined;
    symptoms = list;
    listed++;
  }
  if (!listsOnly(input, DECLARATION_KEYS, listed)) return undefined;
  return {
    id,
    subjectId,
    submittedAt,
    category,
    channel,
    attestation: true,
    clinical: (clinicalIn ?? 'none') as ValidDeclaration['clinical'],
    feverClinicObservation,
    closeContactOfCase,
    closeContactOfFeverClinicObservee,
    isolationStartedAt: isolationIn ?? null,
    keyAreaVisits,
    keyAreaContacts,
    symptoms,
  };
}
