import * as z from 'zod';
import {
  ColourSchema,
  CredentialSchema,
  DaySchema,
  InstantSchema,
  NonEmptyString,
  ObligationSchema,
  RuleIdSchema,
} from './primitives.js';
import { glossary, READINGS } from '../glossary.js';
import { TRANSITION_IDS } from '../transitions.js';

/** A message in the three languages a person may read (RULES §8). */
export const MessageSchema = z.strictObject({ 'zh-Hans': z.string(), 'zh-Hant': z.string(), en: z.string() });

/** What a condition waits for before its count can start. */
export const AwaitedSchema = z.enum(['hospital-discharge', 'covid-exclusion', 'recovery', 'authority-release']);

/** The count behind a release date (T-3): anchor instant, days, convention. */
export const CountSchema = z.strictObject({
  anchor: InstantSchema,
  days: z.int(),
  convention: z.enum(['civil-code', 'inclusive-start', 'rolling']),
});

/** One active condition and why (RULES §8). */
export const ReasonSchema = z.strictObject({
  rule: RuleIdSchema,
  colour: z.enum(['red', 'yellow']),
  phase: z.enum(['treatment', 'observation', 'designated']),
  startedAt: InstantSchema,
  releaseAt: InstantSchema.nullable(),
  count: CountSchema.nullable(),
  awaiting: z.array(AwaitedSchema),
  evidence: z.array(NonEmptyString),
  interpretations: z.array(z.enum([...glossary.map((g) => g.id), ...READINGS])),
  obligations: z.array(ObligationSchema),
  message: MessageSchema,
});

/** One transition of the trail (RULES §5). */
export const TrailEntrySchema = z.strictObject({
  transition: z.enum(TRANSITION_IDS),
  at: InstantSchema,
  evidence: z.array(NonEmptyString),
  colour: ColourSchema,
  rule: RuleIdSchema.optional(),
  from: ColourSchema.optional(),
  /** The authority that acted (`T-void`, `T-R5-on`, `T-R5-off`: I-13, I-6). */
  authority: NonEmptyString.optional(),
  /** The reason it stated (`T-void`, `T-app-rejected`, `T-R5-on`, `T-R5-off`). */
  reason: NonEmptyString.optional(),
  /** The basis a designation cites (`T-R5-on`, I-6). */
  basis: NonEmptyString.optional(),
});

/** An event not applied, and why (T-5, I-13, RULES §9). */
export const IgnoredSchema = z.strictObject({ id: NonEmptyString, why: z.enum(['future', 'void', 'duplicate']) });

/** The result of an evaluation (RULES §8, FORMAT "Assessment"). */
export const AssessmentSchema = z
  .strictObject({
    subjectId: NonEmptyString,
    declarationId: NonEmptyString,
    evaluatedAt: InstantSchema,
    colour: ColourSchema,
    since: InstantSchema,
    issued: z.boolean(),
    review: z.enum(['pending', 'approved', 'rejected']),
    credential: CredentialSchema.nullable(),
    reasons: z.array(ReasonSchema),
    releaseAt: InstantSchema.nullable(),
    awaiting: z.array(AwaitedSchema),
    nextChangeAt: InstantSchema.nullable(),
    /** The colour at `nextChangeAt`, or null when no change is projected (RULES §8). */
    nextColour: ColourSchema.nullable().optional(),
    permissions: z.strictObject({ cityTravel: z.boolean(), publicPlaces: z.boolean(), publicTransport: z.boolean() }),
    obligations: z.array(ObligationSchema),
    missedDailyReports: z.array(DaySchema),
    trail: z.array(TrailEntrySchema),
    ignored: z.array(IgnoredSchema),
    applied: z.array(NonEmptyString),
    policy: z.strictObject({ id: NonEmptyString, version: NonEmptyString, hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
  })
  .meta({ id: 'Assessment', title: 'Assessment', description: 'The result of evaluate (RULES §8)' });

/** The result of an evaluation. */
export type Assessment = z.output<typeof AssessmentSchema>;
/** One reason of an assessment. */
export type Reason = z.output<typeof ReasonSchema>;
/** One trail entry. */
export type TrailEntry = z.output<typeof TrailEntrySchema>;
/** One ignored event. */
export type Ignored = z.output<typeof IgnoredSchema>;
/** A message in zh-Hans, zh-Hant and en. */
export type Message = z.output<typeof MessageSchema>;
/** What a condition awaits before its count can start (`hospital-discharge` …). */
export type AwaitedEvent = z.output<typeof AwaitedSchema>;
/**
 * What a condition awaits.
 * @deprecated Use `AwaitedEvent`: this name shadows TypeScript's own `Awaited` where it is imported.
 */
export type Awaited = AwaitedEvent;
/** The count behind a release date. */
export type Count = z.output<typeof CountSchema>;
