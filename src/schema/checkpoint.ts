import * as z from 'zod';
import { MessageSchema } from './assessment.js';
import { TemperatureEventSchema } from './events.js';
import { CelsiusSchema, InstantSchema, NonEmptyString, VenueSchema } from './primitives.js';

/**
 * Decision ids of the checkpoint table (RULES §6), in the order the table is read: the first row
 * that matches decides.
 *
 * @example
 * CHECKPOINT_RULES[0] // 'C3': an exit is never blocked, whatever else holds
 */
export const CHECKPOINT_RULES = ['C3', 'C11', 'C12', 'C6', 'C7', 'C8', 'C9', 'C10', 'C1', 'C2', 'C4', 'C5'] as const;

/** What a checkpoint asks of the person (§7): a temperature reading, a scan of the code, a registration. */
export const CHECKPOINT_STEPS = ['temperature', 'scan', 'register'] as const;

function needsRole(context: unknown): boolean {
  if (context === null || typeof context !== 'object') return false;
  const { venue, direction, role } = context as Record<string, unknown>;
  return venue === 'residential' && direction === 'in' && role === undefined;
}

/**
 * Where and when a person meets a checkpoint (RULES §6, FORMAT "The checkpoint decision").
 * `role` is required for an entry to a residential compound (issue code `role_required`) and is
 * ignored elsewhere; `celsius` is the reading when one was taken; `recordId` names the
 * `temperature` event a refusal for fever asks the checkpoint to upload.
 *
 * @example
 * CheckpointContextSchema.safeParse({ venue: 'residential', direction: 'in', celsius: 36.6, at: '2020-02-10T12:00:00+08:00' })
 * // fails: context.role is required (role_required)
 */
export const CheckpointContextSchema = z
  .strictObject({
    venue: VenueSchema,
    direction: z.enum(['in', 'out']),
    role: z.enum(['resident', 'visitor']).optional(),
    celsius: CelsiusSchema.optional(),
    at: InstantSchema,
    recordId: NonEmptyString.optional(),
  })
  // Runs even when other fields are invalid, so that every problem is listed at once (RULES §9).
  .refine((context: unknown) => !needsRole(context), {
    path: ['role'],
    error: 'an entry to a residential compound needs the role: "resident" or "visitor" (§7, C1, C2)',
    params: { code: 'role_required' },
    when: () => true,
  })
  .meta({ id: 'CheckpointContext', title: 'CheckpointContext', description: 'A checkpoint encounter (RULES §6)' });

/**
 * The decision of a checkpoint (RULES §6): admit or refuse, the row that decided, the steps, a
 * message in zh-Hans, zh-Hant and en, and (only for C6) the `temperature` event to upload.
 *
 * @example
 * CheckDecisionSchema.parse(check(null, { venue: 'public-place', direction: 'out', at: '2020-02-10T12:00:00+08:00' })).rule // 'C3'
 */
export const CheckDecisionSchema = z
  .strictObject({
    admit: z.boolean(),
    rule: z.enum(CHECKPOINT_RULES),
    steps: z.array(z.enum(CHECKPOINT_STEPS)),
    message: MessageSchema,
    record: TemperatureEventSchema.nullable(),
  })
  .meta({ id: 'CheckDecision', title: 'CheckDecision', description: 'The result of check (RULES §6)' });

/**
 * A checkpoint encounter as an app sends it: the schema's input type, except that `at` may also be
 * a `Date`, as `now` may (T-2).
 *
 * @example
 * const context: CheckpointContextInput = { venue: 'public-place', direction: 'in', celsius: 36.6, at: new Date() };
 */
export type CheckpointContextInput = Omit<z.input<typeof CheckpointContextSchema>, 'at'> & { readonly at: string | Date };
/** A checkpoint encounter as an app sends it: the same as `CheckpointContextInput`. */
export type CheckpointContext = CheckpointContextInput;

/**
 * The context with a `Date` at written as an ISO-8601 instant (UTC), so that the schema, which
 * describes the JSON format, sees a string (T-2). Anything else is returned as it is.
 */
export function contextWithInstant(context: unknown): unknown {
  try {
    if (context === null || typeof context !== 'object' || !(((context as { at?: unknown }).at) instanceof Date)) return context;
    const at = (context as { at: Date }).at;
    return { ...context, at: Number.isNaN(at.getTime()) ? 'Invalid Date' : at.toISOString() };
  } catch {
    // A context that cannot be read (a throwing getter, a proxy) is reported by the bounded read, at its path.
    return context;
  }
}

/** A checkpoint decision. */
export type CheckDecision = z.output<typeof CheckDecisionSchema>;
/** A checkpoint decision id, `C1` … `C11`. */
export type CheckpointRule = (typeof CHECKPOINT_RULES)[number];
/** A step a checkpoint asks for. */
export type CheckpointStep = (typeof CHECKPOINT_STEPS)[number];
/** The `temperature` event a refusal for fever (C6) asks the checkpoint to upload. */
export type TemperatureRecord = z.output<typeof TemperatureEventSchema>;
