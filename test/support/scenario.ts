import * as fc from 'fast-check';
import { createEngine, lianyungang2020, type Assessment, type Declaration, type Engine, type Event, type ValidPolicy } from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { seed } from './seed.js';

/**
 * Builders for the transition properties: small hand-shaped cases around generated instants and
 * policies, and a reference calendar for Asia/Shanghai (a fixed +08:00 since 1991) written
 * independently of the engine's, so that expected release instants are computed here, not read
 * from the engine.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const OFFSET = 8 * HOUR;

/** The local (Asia/Shanghai) calendar day number of an instant. */
export const dayOf = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** The first instant of a local (Asia/Shanghai) calendar day. */
export const startOfDay = (day: number): number => day * DAY - OFFSET;
/** `YYYY-MM-DD` of a local day number. */
export const dayText = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
/** An instant as ISO-8601 with the +08:00 offset (T-2). */
export const iso = (ms: number): string => {
  const local = new Date(ms + OFFSET).toISOString().replace('Z', '');
  return `${local.endsWith('.000') ? local.slice(0, -4) : local}+08:00`;
};
/** Milliseconds of an ISO-8601 instant with offset. */
export const msOf = (text: string): number => Date.parse(text);

/** T-3: the end of a full `days` days counted from `anchor` under a convention, in Asia/Shanghai. */
export function releaseOf(anchor: number, p: Pick<ValidPolicy, 'observationDays' | 'dayCounting'>): number {
  const n = p.observationDays;
  switch (p.dayCounting) {
    case 'civil-code':
      return startOfDay(dayOf(anchor) + n + 1);
    case 'inclusive-start':
      return startOfDay(dayOf(anchor) + n);
    case 'rolling':
      return anchor + n * DAY; // a fixed-offset zone: the same wall-clock time N days later
  }
}

const engines = new Map<string, Engine>();
/** The engine of a policy, compiled once per distinct policy. */
export function engineOf(p: ValidPolicy = lianyungang2020): Engine {
  const key = JSON.stringify(p);
  let engine = engines.get(key);
  if (engine === undefined) {
    if (engines.size > 500) engines.clear();
    engine = createEngine(p);
    engines.set(key, engine);
  }
  return engine;
}

/** The first instant the generated cases use, and the span after it. */
export const T0 = msOf('2020-01-20T00:00:00+08:00');
export const SPAN = 60 * DAY;

/** Instants between T0 and T0 + SPAN, whole or not, often on or next to a local midnight. */
export const instant = (from = T0, to = T0 + SPAN): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: from, max: to }),
    fc.integer({ min: dayOf(from) + 1, max: dayOf(to) }).chain((d) => fc.integer({ min: -2, max: 2 }).map((x) => Math.min(to, Math.max(from, startOfDay(d) + x)))),
  );

/** A declaration with no health facts unless given, submitted at `submittedMs`. */
export function declaration(submittedMs: number, facts: Partial<Declaration> = {}): Declaration {
  return {
    id: 'app-1',
    subjectId: 's-1',
    submittedAt: iso(submittedMs),
    category: 'resident',
    channel: 'self',
    attestation: true,
    ...facts,
  } as Declaration;
}

let counter = 0;
/** An event of a kind at an instant, with a fresh id unless one is given. */
export function ev(kind: Event['kind'], ms: number, fields: Record<string, unknown> = {}): Event {
  counter += 1;
  return { id: `x${counter}`, at: iso(ms), kind, ...fields } as Event;
}

/** Evaluates a case under a policy (default Lianyungang 2020). */
export function run(history: Event[], submittedMs: number, nowMs: number, p?: ValidPolicy, facts: Partial<Declaration> = {}): Assessment {
  return engineOf(p).evaluate(declaration(submittedMs, facts), history, iso(nowMs));
}

/** The trail entries of one transition id. */
export const entries = (a: Assessment, id: string): Assessment['trail'] => a.trail.filter((e) => e.transition === id);
/** Whether the trail has an entry of `id` at `ms` (any instant when omitted). */
export const has = (a: Assessment, id: string, ms?: number): boolean =>
  entries(a, id).some((e) => ms === undefined || msOf(e.at) === ms);
/** The reason of a rule, if active. */
export const reason = (a: Assessment, rule: string): Assessment['reasons'][number] | undefined => a.reasons.find((r) => r.rule === rule);
/** The rules active in an assessment. */
export const rules = (a: Assessment): string[] => a.reasons.map((r) => r.rule);

const pools = new Map<string, ValidPolicy[]>();
/**
 * Policies of the generator, in Asia/Shanghai, with any convention unless fixed: a pool drawn once
 * per run from `arbitraries.policy` with the run's seed (so that each policy is compiled once),
 * the Lianyungang 2020 policy first (what a failing case shrinks to).
 */
export const policies = (dayCounting?: ValidPolicy['dayCounting']): fc.Arbitrary<ValidPolicy> => {
  const key = dayCounting ?? 'any';
  let pool = pools.get(key);
  if (pool === undefined) {
    const drawn = fc.sample(arbitraries.policy(dayCounting === undefined ? {} : { dayCounting }), { numRuns: POOL_SIZE, seed: seed + key.length });
    pool = [{ ...lianyungang2020, ...(dayCounting === undefined ? {} : { dayCounting }) }, ...drawn];
    pools.set(key, pool);
  }
  return fc.constantFrom(...pool);
};
/** How many generated policies a run uses per convention. */
export const POOL_SIZE = 64;

/** A symptom kind. */
export type Kind = 'fever' | 'dry-cough' | 'shortness-of-breath' | 'fatigue';
export const KINDS: readonly Kind[] = ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'];
