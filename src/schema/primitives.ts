import * as z from 'zod';
import { parseDay, parseInstant } from '../internal/iso.js';

/** Symptom kinds of §3–§5. */
export const SYMPTOMS = ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'] as const;
/** Obligation ids of RULES §3. */
export const OBLIGATIONS = [
  'hospital-isolation',
  'isolation-observation',
  'home-isolation',
  'community-management',
  'daily-self-report',
] as const;
/** Rule ids of RULES §3, in the order results list them. */
export const RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'Y1', 'Y2', 'GY'] as const;
/** Checkpoint venues of §7. */
export const VENUES = ['residential', 'public-place', 'public-transport'] as const;
/** Credential forms of A-2. */
export const CREDENTIALS = ['app-code', 'paper-code', 'pass-card'] as const;
/** Colours, worst first (I-1). */
export const COLOURS = ['red', 'yellow', 'green'] as const;

/** A symptom kind. */
export type Symptom = (typeof SYMPTOMS)[number];
/** An obligation id. */
export type Obligation = (typeof OBLIGATIONS)[number];
/** A rule id. */
export type RuleId = (typeof RULES)[number];
/** A checkpoint venue. */
export type Venue = (typeof VENUES)[number];
/** A credential form. */
export type Credential = (typeof CREDENTIALS)[number];
/** A code colour. */
export type Colour = (typeof COLOURS)[number];

/** A non-empty string. */
export const NonEmptyString = z.string().min(1, { error: 'must not be empty' });

/** An ISO-8601 instant with an explicit offset (T-2). */
export const InstantSchema = z
  .string()
  .refine((text) => parseInstant(text) !== undefined, {
    error: 'not an ISO-8601 instant with offset (e.g. 2020-02-03T09:00:00+08:00)',
    params: { code: 'invalid_instant' },
  })
  .meta({ description: 'ISO-8601 instant with an explicit offset (T-2)', format: 'date-time' });

/** An ISO-8601 calendar day `YYYY-MM-DD` that exists (T-2). */
export const DaySchema = z
  .string()
  .refine((text) => parseDay(text) !== undefined, {
    error: 'not a calendar day YYYY-MM-DD that exists',
    params: { code: 'invalid_day' },
  })
  .meta({ description: 'calendar day in the policy time zone (T-2)', format: 'date' });

/** A symptom kind. */
export const SymptomSchema = z.enum(SYMPTOMS);
/** An obligation id. */
export const ObligationSchema = z.enum(OBLIGATIONS);
/** A checkpoint venue. */
export const VenueSchema = z.enum(VENUES);
/** A credential form. */
export const CredentialSchema = z.enum(CREDENTIALS);
/** A rule id. */
export const RuleIdSchema = z.enum(RULES);
/** A colour. */
export const ColourSchema = z.enum(COLOURS);

/** A body temperature a checkpoint can read, 30–45 °C. */
export const CelsiusSchema = z
  .number()
  .min(30, { error: 'a body temperature is between 30 and 45 °C' })
  .max(45, { error: 'a body temperature is between 30 and 45 °C' });

/** A visit window `from`…`to` whose end is not before its start. */
export function dayRangeIsOrdered(range: { from: string; to: string | null }): boolean {
  if (range.to === null) return true;
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  return from === undefined || to === undefined || to >= from;
}
