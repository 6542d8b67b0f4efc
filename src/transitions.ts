/**
 * The transition catalogue of RULES §5 as data: every trail entry carries one of these ids, and the
 * tests, the docs and the state diagram are generated from this one list.
 */

/** One transition of the health-code state machine. */
export interface Transition {
  /** The stable id (RULES §5). */
  readonly id: string;
  /** The rule whose condition it moves, if any. */
  readonly rule: 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'Y1' | 'Y2' | 'GY' | null;
  /** The state before. */
  readonly from: string;
  /** The state after. */
  readonly to: string;
  /** What makes it happen. */
  readonly trigger: string;
  /** The section of the source policy it comes from. */
  readonly section: string;
  /** The interpretations and time rules it relies on. */
  readonly interpretations: readonly string[];
}

const t = (
  id: string,
  rule: Transition['rule'],
  from: string,
  to: string,
  trigger: string,
  section: string,
  interpretations: readonly string[] = [],
): Transition => ({ id, rule, from, to, trigger, section, interpretations });

/**
 * Every transition id of RULES §5, with from, to, trigger and policy section.
 *
 * @example
 * transitions.find((x) => x.id === 'T-R2-reset')?.section // '§3.2'
 */
export const transitions: readonly Transition[] = Object.freeze([
  // The code exists from the submission, its review pending; the latest decision stands (I-18).
  t('T-app-submitted', null, 'none', 'pending', 'declaration submitted (the entry carries the colour at submission)', '§8', ['T-7']),
  t('T-app-approved', null, 'pending or rejected', 'issued', 'review approved', '§8', ['I-12', 'I-18']),
  t('T-app-rejected', null, 'pending or issued', 'rejected', 'review rejected: no code is issued', '§8', ['I-12', 'I-18']),
  t('T-R1-on', 'R1', 'any', 'red: R1 treatment', 'confirmed, suspected or positive (declaration or later event)', '§3.1', ['I-15', 'I-17']),
  t('T-R1-discharge', 'R1', 'R1 treatment', 'R1 observation', 'hospital discharge', '§3.1', ['T-3']),
  t('T-R1-off', 'R1', 'R1 observation', 'released', 'a full 14 days after discharge', '§3.1', ['T-3', 'I-4']),
  t('T-R2-on', 'R2', 'any', 'red: R2 observation', 'close contact of a confirmed, suspected or positive person', '§3.2', ['I-2', 'I-3', 'I-17']),
  t('T-R2-reset', 'R2', 'R2 observation', 'R2 observation', 'fever, dry cough or shortness of breath during observation', '§3.2', ['I-7']),
  t('T-R2-off', 'R2', 'R2 observation', 'released', 'a full 14 days without reset symptoms', '§3.2', ['T-3', 'I-7']),
  t('T-R3-on', 'R3', 'any', 'red: R3 observation', 'key-area travel or contact within 14 days', '§3.3', ['I-5', 'I-3', 'I-17']),
  t('T-R3-reset', 'R3', 'R3 observation', 'R3 observation', 'fever, dry cough or shortness of breath during observation', '§3.3', ['I-7']),
  t('T-R3-off', 'R3', 'R3 observation', 'released', 'a full 14 days without reset symptoms', '§3.3', ['T-3', 'I-7']),
  t('T-R4-on', 'R4', 'any', 'red: R4 treatment', 'under observation at a designated fever clinic', '§3.4', ['I-16']),
  t('T-R4-excluded', 'R4', 'R4 treatment', 'R4 treatment or observation', 'COVID-19 ruled out', '§3.4', ['I-14']),
  t('T-R4-recovered', 'R4', 'R4 treatment', 'R4 treatment or observation', 'recovered', '§3.4', ['I-14']),
  t('T-R4-confirmed', 'R4', 'R4', 'R1', 'an R1 trigger during R4', '§3.4', ['I-17']),
  t('T-R4-reset', 'R4', 'R4 observation', 'R4 observation', 'any anomaly during observation', '§3.4', ['I-14']),
  t('T-R4-off', 'R4', 'R4 observation', 'released', 'a full 14 days without anomaly', '§3.4', ['T-3', 'I-14']),
  t('T-R5-on', 'R5', 'any', 'red: R5 designated', 'designation by an authority', '§3.5', ['I-6']),
  t('T-R5-off', 'R5', 'R5 designated', 'released', 'release by an authority', '§3.5', ['I-6']),
  t('T-Y1-on', 'Y1', 'any', 'yellow: Y1 observation (red stays red)', 'symptoms declared, no red condition', '§4.1', ['I-16', 'I-3']),
  t('T-Y1-reset', 'Y1', 'Y1 observation', 'Y1 observation', 'a reset symptom during observation', '§4', ['I-7']),
  t('T-Y1-off', 'Y1', 'Y1 observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-7']),
  t('T-Y2-on', 'Y2', 'any', 'yellow: Y2 observation (red stays red)', 'close contact of a fever-clinic observee', '§4.2', ['I-16', 'I-3', 'I-17']),
  t('T-Y2-reset', 'Y2', 'Y2 observation', 'Y2 observation', 'a reset symptom during observation', '§4', ['I-7']),
  t('T-Y2-off', 'Y2', 'Y2 observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-7']),
  t('T-GY-first', 'GY', 'green', 'green', 'an occurrence of a symptom kind that does not yet make twice', '§5', ['I-8']),
  t('T-GY-on', 'GY', 'green', 'yellow: GY observation', 'the same symptom kind a second time within the window', '§5', ['I-8', 'I-9']),
  t('T-GY-reset', 'GY', 'GY observation', 'GY observation', 'a reset symptom during observation', '§4', ['I-7', 'I-9']),
  t('T-GY-off', 'GY', 'GY observation', 'released', 'a full 14 days without reset symptoms', '§4', ['T-3', 'I-9']),
  t('T-colour', null, 'colour', 'colour', 'the derived colour changed', '§2', ['I-1']),
  t('T-void', null, 'event', 'void', 'a correction voided an event', '§1', ['I-13']),
]);
