import type { ValidPolicy } from '../schema/policy.js';

/**
 * The Lianyungang "Lianyitong" policy of 2020 (the source policy, §1–§8) with the parameters of the
 * rule book (RULES §2–§4): 14 full days counted as the Civil Code counts them (T-3), a 14-day
 * look-back (T-4), a fever at 37.3 °C (I-8), the twice rule over 14 days (I-8) and Wuhan on the
 * key-area list from 2020-01-01 (I-5); codes valid 24 hours in the app and 7 days on paper or a pass
 * card (§11), bare assessments checked within one hour (§6), and the readings of RULES §12.
 *
 * @example
 * createEngine({ ...lianyungang2020, observationDays: 21 })
 */
export const lianyungang2020: ValidPolicy = Object.freeze({
  id: 'lianyungang-2020',
  version: '1.1.0',
  timeZone: 'Asia/Shanghai',
  dayCounting: 'civil-code',
  observationDays: 14,
  lookbackDays: 14,
  feverThresholdCelsius: 37.3,
  greenToYellow: { occurrences: 2, windowDays: 14, symptoms: ['fever', 'dry-cough', 'shortness-of-breath'] },
  keyAreas: [{ area: '420100', name: 'Wuhan', from: '2020-01-01', to: null }],
  resetSymptoms: {
    R2: ['fever', 'dry-cough', 'shortness-of-breath'],
    R3: ['fever', 'dry-cough', 'shortness-of-breath'],
    R4: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
    Y1: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
    Y2: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
    GY: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
  },
  limits: {
    maxEvents: 100_000,
    maxStringLength: 1000,
    maxArrayLength: 1_000_000,
    maxKeys: 1000,
    maxKeyLength: 1000,
    maxDepth: 32,
    maxValues: 10_000_000,
    maxMessageLength: 10_000_000,
  },
  codeValidity: { 'app-code': 'PT24H', 'paper-code': 'P7D', 'pass-card': 'P7D' },
  maxAssessmentAge: 'PT1H',
  readings: { closeContact: 'descriptive', triggers: 'dynamic', feverAtHome: 'refuse' },
} satisfies ValidPolicy);
