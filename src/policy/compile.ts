import { readBounded } from '../bounds.js';
import { createZone, type Zone } from '../calendar.js';
import { HealthCodeInputError, fromZodIssues, type InputIssue } from '../errors.js';
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
  /** T-2: the instants and days an input may hold, the years 1970–2199 in the policy zone. */
  readonly range: InputRange;
}

/** T-2: the first and last instant (ms) and day (day number) of the years 1970–2199 in a zone. */
export interface InputRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly fromDay: number;
  readonly toDay: number;
}

/** The years an input may name (T-2): every instant of a result then has four digits. */
export const FIRST_YEAR = 1970;
/** The last year an input may name (T-2). */
export const LAST_YEAR = 2199;

function rangeOf(zone: Zone): InputRange {
  const fromDay = parseDay(`${FIRST_YEAR}-01-01`) as number;
  const toDay = parseDay(`${LAST_YEAR}-12-31`) as number;
  return { fromMs: zone.startOfDay(fromDay), toMs: zone.startOfDay(toDay + 1) - 1, fromDay, toDay };
}

/** The `out_of_range` issue of an instant or day outside the years 1970–2199 (T-2). */
export function outOfRange(path: readonly (string | number)[]): InputIssue {
  return {
    path,
    code: 'out_of_range',
    message: `outside the years ${FIRST_YEAR}–${LAST_YEAR} in the policy's time zone (T-2)`,
  };
}

// The policy itself is read within the default limits: its own limits are not known before it is read.
const DEFAULT_LIMITS = PolicySchema.shape.limits.parse(undefined);

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
  const read = readBounded(input, ['policy'], DEFAULT_LIMITS);
  if (!read.complete) throw new HealthCodeInputError(read.issues, 'policy');
  const parsed = PolicySchema.safeParse(read.value);
  if (!parsed.success || read.issues.length > 0)
    throw new HealthCodeInputError([...read.issues, ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, ['policy'], read.value))], 'policy');
  const policy = deepFreeze(parsed.data);
  const zone = createZone(policy.timeZone);
  const range = rangeOf(zone);
  const outside: InputIssue[] = [];
  policy.keyAreas.forEach((entry, index) => {
    for (const key of ['from', 'to'] as const) {
      const day = entry[key] === null ? null : (parseDay(entry[key]) as number);
      if (day !== null && (day < range.fromDay || day > range.toDay)) outside.push(outOfRange(['policy', 'keyAreas', index, key]));
    }
  });
  if (outside.length > 0) throw new HealthCodeInputError(outside, 'policy');
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
    zone,
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
    range,
  };
}
