import * as z from 'zod';
import { isTimeZone } from '../calendar.js';
import { parseDuration } from '../internal/duration.js';
import { DaySchema, NonEmptyString, SymptomSchema, dayRangeIsOrdered } from './primitives.js';

const Days = z.int().min(0).max(3650);
const SymptomList = z.array(SymptomSchema);

const MAX_DURATION_MS = 3650 * 86_400_000;

/**
 * An ISO-8601 duration of elapsed time, longer than zero and at most ten years: `PT1H`, `PT24H`,
 * `P7D`, `P1W`, `PT90M` (weeks, days, hours, minutes, seconds; a day is 24 hours).
 */
export const DurationSchema = z.string().refine(
  (text) => {
    const ms = parseDuration(text);
    return ms !== undefined && ms > 0 && ms <= MAX_DURATION_MS;
  },
  { error: 'not an ISO-8601 duration of elapsed time between PT1S and P3650D (e.g. PT1H, PT24H, P7D)', params: { code: 'invalid_duration' } },
);

/** One entry of the key-area list: an area code in force from `from` to `to` inclusive (I-5). */
export const KeyAreaSchema = z
  .object({ area: NonEmptyString, name: z.string().optional(), from: DaySchema, to: DaySchema.nullable() })
  .refine(dayRangeIsOrdered, { error: '`to` is before `from`', path: ['to'], params: { code: 'visit_order' } });

/**
 * A health-code policy as data (FORMAT "Policy"): the parameters of the rule book. Unknown keys are
 * stripped, so that the policy hash covers exactly what the engine reads.
 */
export const PolicySchema = z
  .object({
    id: NonEmptyString,
    version: NonEmptyString,
    timeZone: z.string().refine(isTimeZone, { error: 'not an IANA time zone', params: { code: 'invalid_time_zone' } }),
    dayCounting: z.enum(['civil-code', 'inclusive-start', 'rolling']),
    observationDays: Days.min(1),
    lookbackDays: Days,
    feverThresholdCelsius: z.number().min(30).max(45),
    greenToYellow: z.object({
      occurrences: z.int().min(1).max(100),
      windowDays: Days,
      symptoms: SymptomList.min(1),
    }),
    keyAreas: z.array(KeyAreaSchema),
    resetSymptoms: z.object({
      R2: SymptomList,
      R3: SymptomList,
      R4: SymptomList,
      Y1: SymptomList,
      Y2: SymptomList,
      GY: SymptomList,
    }),
    // RULES §9: a bound on every array, object and string of every input, checked before the
    // schemas read it. The fields after the first two may be left out (their defaults below).
    limits: z
      .object({
        maxEvents: z.int().min(1),
        maxStringLength: z.int().min(64),
        maxArrayLength: z.int().min(1).default(1_000_000),
        maxKeys: z.int().min(32).default(1000),
        maxKeyLength: z.int().min(64).default(1000),
        maxDepth: z.int().min(8).max(1000).default(32),
        maxValues: z.int().min(1000).default(10_000_000),
        maxMessageLength: z.int().min(1000).default(10_000_000),
      })
      .default({
        maxEvents: 100_000,
        maxStringLength: 1000,
        maxArrayLength: 1_000_000,
        maxKeys: 1000,
        maxKeyLength: 1000,
        maxDepth: 32,
        maxValues: 10_000_000,
        maxMessageLength: 10_000_000,
      }),
    /** How long a signed code is valid after its assessment, by credential form (RULES §11). */
    codeValidity: z
      .object({ 'app-code': DurationSchema, 'paper-code': DurationSchema, 'pass-card': DurationSchema })
      .default({ 'app-code': 'PT24H', 'paper-code': 'P7D', 'pass-card': 'P7D' }),
    /** How long a bare assessment may be checked after it was evaluated (RULES §6, C12). */
    maxAssessmentAge: DurationSchema.default('PT1H'),
    /** The contested readings of RULES §12, each a named option whose effect can be measured. */
    readings: z
      .object({
        closeContact: z.enum(['descriptive', 'literal']),
        triggers: z.enum(['dynamic', 'at-application']),
        feverAtHome: z.enum(['refuse', 'admit-home']),
      })
      .default({ closeContact: 'descriptive', triggers: 'dynamic', feverAtHome: 'refuse' }),
  })
  .meta({ id: 'Policy', title: 'Policy', description: 'A health-code policy as data (FORMAT "Policy")' });

/** A policy as written. */
export type Policy = z.input<typeof PolicySchema>;
/** A validated policy. */
export type ValidPolicy = z.output<typeof PolicySchema>;
