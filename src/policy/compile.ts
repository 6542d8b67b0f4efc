import { createZone, type Zone } from '../calendar.js';
import { HealthCodeInputError, fromZodIssues } from '../errors.js';
import { parseDay } from '../internal/iso.js';
import { PolicySchema, type ValidPolicy } from '../schema/policy.js';
import type { Credential, Symptom } from '../schema/primitives.js';
import { parseDuration } from '../internal/duration.js';
import { policyHash } from './canonical.js';

/** Rules whose observation a reset symptom restarts (I-7, I-14). */
export type ResettableRule = 'R2' | 'R3' | 'R4' | 'Y1' | 'Y2' | 'GY';

/**
 * A policy validated once, with everything that depends only on the policy precomputed: the time
 * zone, the key-area list by area, the symptom sets and the hash.
 */
export interface CompiledPolicy {
  readonly policy: ValidPolicy;
  readonly zone: Zone;
  readonly hash: string;
  readonly ref: { readonly id: string; readonly version: string; readonly hash: string };
  /** Whether `area` is on the key-area list in force on local day `day` (I-5). */
  isKeyArea(area: string, day: number): boolean;
  readonly resetSymptoms: Readonly<Record<ResettableRule, ReadonlySet<Symptom>>>;
  readonly twiceSymptoms: ReadonlySet<Symptom>;
  /** `maxAssessmentAge` in milliseconds (RULES §6). */
  readonly maxAssessmentAgeMs: number;
  /** `codeValidity` in milliseconds, by credential form (RULES §11). */
  readonly codeValidityMs: Readonly<Record<Credential, number>>;
  /** The names the key-area list gives its areas, by code (messages name areas by them, I-5). */
  readonly areaNames: Readonly<Record<string, string>>;
}

function deepFreeze<T>(value: T): T {
  // Object.isFrozen is true of null and of every primitive: this is the test for an object not yet frozen.
  if (!Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
}

/**
 * Validates a policy and precomputes its lookups; throws `HealthCodeInputError` listing every
 * problem when it is invalid.
 */
export function compilePolicy(input: unknown): CompiledPolicy {
  const parsed = PolicySchema.safeParse(input);
  if (!parsed.success) throw new HealthCodeInputError(fromZodIssues(parsed.error.issues, ['policy'], input), 'policy');
  const policy = deepFreeze(parsed.data);
  const hash = policyHash(policy);
  const areas = new Map<string, [number, number][]>();
  const areaNames: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const entry of policy.keyAreas) {
    if (entry.name !== undefined && entry.name !== '') areaNames[entry.area] = entry.name;
    // PolicySchema accepts only calendar days that exist (DaySchema), so parseDay finds both.
    const from = parseDay(entry.from) as number;
    const to = entry.to === null ? Number.POSITIVE_INFINITY : (parseDay(entry.to) as number);
    const list = areas.get(entry.area);
    if (list === undefined) areas.set(entry.area, [[from, to]]);
    else list.push([from, to]);
  }
  const r = policy.resetSymptoms;
  const sets: Record<ResettableRule, ReadonlySet<Symptom>> = {
    R2: new Set(r.R2),
    R3: new Set(r.R3),
    R4: new Set(r.R4),
    Y1: new Set(r.Y1),
    Y2: new Set(r.Y2),
    GY: new Set(r.GY),
  };
  return {
    policy,
    zone: createZone(policy.timeZone),
    hash,
    ref: Object.freeze({ id: policy.id, version: policy.version, hash }),
    isKeyArea: (area, day) => areas.get(area)?.some(([from, to]) => from <= day && day <= to) ?? false,
    resetSymptoms: sets,
    twiceSymptoms: new Set(policy.greenToYellow.symptoms),
    // PolicySchema accepts only durations that parseDuration reads.
    maxAssessmentAgeMs: parseDuration(policy.maxAssessmentAge) as number,
    codeValidityMs: Object.freeze({
      'app-code': parseDuration(policy.codeValidity['app-code']) as number,
      'paper-code': parseDuration(policy.codeValidity['paper-code']) as number,
      'pass-card': parseDuration(policy.codeValidity['pass-card']) as number,
    }),
    areaNames: Object.freeze(areaNames),
  };
}
