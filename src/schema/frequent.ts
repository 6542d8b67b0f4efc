import { parseInstant } from '../internal/iso.js';
import { CloseContactEventSchema, DailyReportEventSchema, SymptomsEventSchema, TemperatureEventSchema, type EventOf } from './events.js';
import { CelsiusSchema, SYMPTOMS, VENUES, type Symptom, type Venue } from './primitives.js';

/**
 * A shortcut past zod for the kinds that make up almost all of a long history: temperature
 * readings and daily reports (years of them, several a day), symptom reports and close-contact
 * notices (the kinds that reset and re-trigger conditions, RULES §9's worst cases for the time of
 * a long history). An event of these kinds, written as
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

/** The frequent events this shortcut accepts. */
export type FrequentEvent = EventOf<'temperature'> | EventOf<'daily-report'> | EventOf<'symptoms'> | EventOf<'close-contact'>;

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
export function parseFrequentEvent(raw: unknown): FrequentEvent | undefined {
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
  return undefined;
}
