import type { Message } from '../schema/assessment.js';
import type { Obligation, RuleId } from '../schema/primitives.js';
import type { Designation } from './state.js';

/**
 * The words every rule's message is made of (RULES §8): languages, symptom names, lists and the
 * facts a reason is rendered from. The headline of each rule is in its module.
 */

/** A language of messages. */
export type Lang = keyof Message;

/** A text in every language. */
export type Texts = Readonly<Record<Lang, string>>;

/** The symptom kinds of §3–§5 by name. */
export const SYMPTOM_NAMES: Readonly<Record<string, Texts>> = {
  fever: { 'zh-Hans': '发热', 'zh-Hant': '發熱', en: 'fever' },
  'dry-cough': { 'zh-Hans': '干咳', 'zh-Hant': '乾咳', en: 'dry cough' },
  'shortness-of-breath': { 'zh-Hans': '气促', 'zh-Hant': '氣促', en: 'shortness of breath' },
  fatigue: { 'zh-Hans': '乏力', 'zh-Hant': '乏力', en: 'fatigue' },
};

/** Items joined as the language lists them. */
export function list(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** Symptom kinds by name. */
export function symptoms(lang: Lang, kinds: readonly string[]): string {
  return list(lang, kinds.map((kind) => SYMPTOM_NAMES[kind]?.[lang] ?? kind));
}

/** The facts a reason message is rendered from. */
export interface ReasonFacts {
  readonly rule: RuleId;
  readonly phase: 'treatment' | 'observation' | 'designated';
  readonly evidence: readonly string[];
  readonly startedAt: string;
  readonly releaseAt: string | null;
  readonly anchor: string | null;
  readonly days: number;
  readonly convention: string;
  readonly resetSymptoms: readonly string[];
  readonly awaiting: readonly string[];
  readonly clinical?: string | undefined;
  readonly symptoms?: readonly string[] | undefined;
  readonly areas?: readonly string[] | undefined;
  readonly designations?: readonly Designation[] | undefined;
  readonly lookbackDays: number;
  /** The policy's time zone: instants are followed by its name ("Beijing time"), T-1. */
  readonly timeZone?: string | undefined;
  /** The names of key areas by code, from the policy's list (I-5). */
  readonly areaNames?: Readonly<Record<string, string>> | undefined;
  /** The reason's obligations (RULES §3): with them, the message says what to do now and how a wrong reason is corrected. */
  readonly obligations?: readonly Obligation[] | undefined;
}

/** The evidence of a reason as a person reads it: the declaration named, event ids as they are. */
export function evidenceList(lang: Lang, evidence: readonly string[]): string {
  return list(lang, evidence.map((id) => (id === 'declaration' ? { 'zh-Hans': '申报', 'zh-Hant': '申報', en: 'declaration' }[lang] : id)));
}
