import * as z from 'zod';
import { isTimeZone } from '../calendar.js';
import { DaySchema, NonEmptyString, SymptomSchema, dayRangeIsOrdered } from './primitives.js';

const Days = z.int().min(0).max(3650);
const SymptomList = z.array(SymptomSchema);

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
  })
  .meta({ id: 'Policy', title: 'Policy', description: 'A health-code policy as data (FORMAT "Policy")' });

/** A policy as written. */
export type Policy = z.input<typeof PolicySchema>;
/** A validated policy. */
export type ValidPolicy = z.output<typeof PolicySchema>;
