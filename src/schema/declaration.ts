import * as z from 'zod';
import { DaySchema, InstantSchema, NonEmptyString, SymptomSchema, dayRangeIsOrdered } from './primitives.js';

/** A stay in an area, by calendar days (R3, I-5). */
export const KeyAreaVisitSchema = z
  .strictObject({ area: NonEmptyString, from: DaySchema, to: DaySchema })
  .refine(dayRangeIsOrdered, {
    error: '`to` is before `from`',
    path: ['to'],
    params: { code: 'visit_order' },
  });

/** A contact with a person from a key area, by calendar day (R3, I-5). */
export const KeyAreaContactSchema = z.strictObject({ on: DaySchema, area: NonEmptyString.optional() });

/**
 * The application form of §8 (RULES §1): who applies, by which channel, and the health facts of
 * §3/§4. Facts may be left out: they default to "none".
 */
export const DeclarationSchema = z
  .strictObject({
    id: NonEmptyString,
    subjectId: NonEmptyString,
    submittedAt: InstantSchema,
    category: z.enum(['resident', 'arrival', 'returnee']),
    channel: z.enum(['self', 'proxy', 'paper-form']),
    proxy: z.strictObject({ relation: NonEmptyString }).optional(),
    attestation: z.literal(true, { error: 'the truthfulness attestation must be true (A-3)' }),
    clinical: z.enum(['none', 'confirmed', 'suspected', 'positive']).default('none'),
    feverClinicObservation: z.boolean().default(false),
    closeContactOfCase: z.boolean().default(false),
    closeContactOfFeverClinicObservee: z.boolean().default(false),
    isolationStartedAt: InstantSchema.nullable().default(null),
    keyAreaVisits: z.array(KeyAreaVisitSchema).default([]),
    keyAreaContacts: z.array(KeyAreaContactSchema).default([]),
    symptoms: z.array(SymptomSchema).default([]),
  })
  .meta({ id: 'Declaration', title: 'Declaration', description: 'The application form (§8, RULES §1)' });

/** A-2, RULES §9: a proxy's relation is recorded for the `proxy` channel, and only for it. */
type ChannelAndProxy =
  | { readonly channel: 'proxy'; readonly proxy: { readonly relation: string } }
  | { readonly channel: 'self' | 'paper-form'; readonly proxy?: never };

/**
 * A declaration as an app sends it (facts may be omitted): the schema's input type, with the
 * channel and the proxy's relation as a discriminated union (A-2, RULES §9), so that a `proxy`
 * channel without `proxy`, or a `proxy` on another channel, fails to compile.
 *
 * @example
 * const d: DeclarationInput = { id: 'a1', subjectId: 's1', submittedAt: '2020-02-01T10:00:00+08:00',
 *   category: 'resident', channel: 'proxy', proxy: { relation: 'child' }, attestation: true };
 */
export type DeclarationInput = Omit<z.input<typeof DeclarationSchema>, 'channel' | 'proxy'> & ChannelAndProxy;
/** A declaration as an app sends it: the same as `DeclarationInput`. */
export type Declaration = DeclarationInput;
/** A validated declaration, every fact present. */
export type ValidDeclaration = z.output<typeof DeclarationSchema>;
/** The subject's category (§6, A-1). */
export type Category = ValidDeclaration['category'];
/** The application channel. */
export type Channel = ValidDeclaration['channel'];
