import * as z from 'zod';
import {
  CelsiusSchema,
  CredentialSchema,
  DaySchema,
  InstantSchema,
  NonEmptyString,
  ObligationSchema,
  SymptomSchema,
  VenueSchema,
  dayRangeIsOrdered,
} from './primitives.js';

const base = { id: NonEmptyString, at: InstantSchema };

/** The fields every event has, whatever its kind. */
export const EventBaseSchema = z.object(base);

/** A test result (R1). */
export const TestResultEventSchema = z.strictObject({
  ...base,
  kind: z.literal('test-result'),
  result: z.enum(['positive', 'negative']),
});
/** A diagnosis (R1, T-R4-confirmed). */
export const DiagnosisEventSchema = z.strictObject({
  ...base,
  kind: z.literal('diagnosis'),
  status: z.enum(['confirmed', 'suspected']),
});
/** A discharge from hospital (T-R1-discharge). */
export const HospitalDischargeEventSchema = z.strictObject({ ...base, kind: z.literal('hospital-discharge') });
/** An admission to observation at a designated fever clinic (R4). */
export const FeverClinicObservationEventSchema = z.strictObject({
  ...base,
  kind: z.literal('fever-clinic-observation'),
});
/** COVID-19 ruled out (T-R4-excluded). */
export const CovidExcludedEventSchema = z.strictObject({ ...base, kind: z.literal('covid-excluded') });
/** Recovery (T-R4-recovered). */
export const RecoveredEventSchema = z.strictObject({ ...base, kind: z.literal('recovered') });
/** The start of an isolation (I-3). */
export const IsolationStartedEventSchema = z.strictObject({
  ...base,
  kind: z.literal('isolation-started'),
  place: z.enum(['hospital', 'centralized', 'home']).optional(),
});
/** A close-contact notice (R2, Y2). */
export const CloseContactEventSchema = z.strictObject({
  ...base,
  kind: z.literal('close-contact'),
  of: z.enum(['case', 'fever-clinic-observee']),
});
/** A key-area travel report (R3, I-5). */
export const KeyAreaVisitEventSchema = z
  .strictObject({ ...base, kind: z.literal('key-area-visit'), area: NonEmptyString, from: DaySchema, to: DaySchema })
  .refine(dayRangeIsOrdered, { error: '`to` is before `from`', path: ['to'], params: { code: 'visit_order' } });
/** A reported contact with a person from a key area (R3, I-5). */
export const KeyAreaContactEventSchema = z.strictObject({
  ...base,
  kind: z.literal('key-area-contact'),
  on: DaySchema,
  area: NonEmptyString.optional(),
});
/** A body temperature reading (GY, resets, C6). */
export const TemperatureEventSchema = z.strictObject({
  ...base,
  kind: z.literal('temperature'),
  celsius: CelsiusSchema,
  venue: VenueSchema.optional(),
});
/** A symptom report (GY, resets). */
export const SymptomsEventSchema = z.strictObject({
  ...base,
  kind: z.literal('symptoms'),
  symptoms: z.array(SymptomSchema).min(1, { error: 'list at least one symptom' }),
  source: z.enum(['self', 'checkpoint', 'clinic']).default('self'),
});
/** A daily self-report (I-10, GY, resets). */
export const DailyReportEventSchema = z.strictObject({
  ...base,
  kind: z.literal('daily-report'),
  symptoms: z.array(SymptomSchema).default([]),
});
/** A high-risk designation by an authority (R5, I-6). */
export const HighRiskDesignationEventSchema = z.strictObject({
  ...base,
  kind: z.literal('high-risk-designation'),
  authority: NonEmptyString,
  reason: NonEmptyString,
  basis: NonEmptyString,
  obligations: z.array(ObligationSchema).optional(),
});
/** A release by an authority (T-R5-off). */
export const AuthorityReleaseEventSchema = z.strictObject({
  ...base,
  kind: z.literal('authority-release'),
  authority: NonEmptyString,
  reason: NonEmptyString,
});
/** Review approved: the code is issued (§8, I-12). */
export const ReviewApprovedEventSchema = z.strictObject({
  ...base,
  kind: z.literal('review-approved'),
  credential: CredentialSchema.optional(),
});
/** Review rejected (A-4, I-18). */
export const ReviewRejectedEventSchema = z.strictObject({
  ...base,
  kind: z.literal('review-rejected'),
  reason: NonEmptyString,
});
/** A correction that voids an earlier event (I-13). */
export const CorrectionEventSchema = z.strictObject({
  ...base,
  kind: z.literal('correction'),
  voids: NonEmptyString,
  authority: NonEmptyString,
  reason: NonEmptyString,
});

/** Any event of a history (FORMAT "Events"). */
export const EventSchema = z
  .discriminatedUnion('kind', [
    TestResultEventSchema,
    DiagnosisEventSchema,
    HospitalDischargeEventSchema,
    FeverClinicObservationEventSchema,
    CovidExcludedEventSchema,
    RecoveredEventSchema,
    IsolationStartedEventSchema,
    CloseContactEventSchema,
    KeyAreaVisitEventSchema,
    KeyAreaContactEventSchema,
    TemperatureEventSchema,
    SymptomsEventSchema,
    DailyReportEventSchema,
    HighRiskDesignationEventSchema,
    AuthorityReleaseEventSchema,
    ReviewApprovedEventSchema,
    ReviewRejectedEventSchema,
    CorrectionEventSchema,
  ])
  .meta({ id: 'Event', title: 'Event', description: 'One event of a history (FORMAT "Events")' });

/** An event as an app sends it (the schema's input type; defaults may be left out). */
export type EventInput = z.input<typeof EventSchema>;
/** An event as an app sends it: the same as `EventInput`. */
export type Event = EventInput;
/** A validated event, defaults filled in. */
export type ValidEvent = z.output<typeof EventSchema>;
/** An event kind. */
export type EventKind = ValidEvent['kind'];
/** The event of one kind. */
export type EventOf<K extends EventKind> = Extract<ValidEvent, { kind: K }>;

/** Every event kind, in the order of FORMAT. */
export const EVENT_KINDS = EventSchema.options.map((option) => option.shape.kind.value) as readonly EventKind[];

/** T-6: the rank of an event kind among events at one instant. */
export function rankOf(kind: EventKind): 0 | 1 | 2 | 3 {
  switch (kind) {
    case 'correction':
      return 0;
    case 'temperature':
    case 'symptoms':
    case 'daily-report':
      return 2;
    case 'review-approved':
    case 'review-rejected':
      return 3;
    default:
      return 1;
  }
}
