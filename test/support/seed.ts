import * as fc from 'fast-check';

/**
 * The fast-check parameters every property of the suite runs with. CI sets `FC_SEED` (so a failing
 * run can be replayed exactly) and `FC_RUNS` (the number of cases per transition property; at least
 * 1,000 in CI). Without them a random seed and a quick local count are used. A failure names the
 * seed as `FC_SEED=<seed>` so that it can be pasted in front of the test command.
 */

function readInt(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return value;
}

/** The seed of this run: `FC_SEED`, or a fresh random one. */
export const seed: number = readInt('FC_SEED') ?? (Math.random() * 0x7fffffff) | 0;

/** Cases per transition property: `FC_RUNS`, or 1,000 under CI, or 200 locally. */
export const baseRuns: number = readInt('FC_RUNS') ?? (process.env['CI'] ? 1000 : 200);

/** How many cases a kind of property runs, relative to `baseRuns`. */
export const SCALE = {
  /** One property per transition id of RULES §5. */
  transition: 1,
  /** The invariants of the issue (determinism, monotonicity, exact releases …). */
  invariant: 1,
  /** Cheap invariants that need more cases to find anything (safeEvaluate on arbitrary JSON). */
  fuzz: 2,
  /** The differential oracle: at least 10,000 cases per CI run. */
  differential: 10,
} as const;

/**
 * fast-check parameters for one property: the run's seed, the run count of its kind, and the whole
 * run count (no time limit: a slow property is a finding, not a reason to skip cases).
 *
 * @param kind - the kind of property, which scales `baseRuns`
 * @returns parameters for `fc.assert`
 */
export function params<T>(kind: keyof typeof SCALE = 'transition'): fc.Parameters<T> {
  return { seed, numRuns: Math.max(1, Math.round(baseRuns * SCALE[kind])), includeErrorInReport: true };
}

/**
 * `fc.assert` with the run's parameters; a failure is rethrown with `FC_SEED=<seed>` first in its
 * message (fast-check's own report, with the counterexample and the path to replay it, follows).
 *
 * @param property - the property
 * @param kind - the kind of property (run count)
 */
export function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, kind: keyof typeof SCALE = 'transition'): void {
  try {
    fc.assert(property, params<Ts>(kind));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(`FC_SEED=${seed} FC_RUNS=${baseRuns} (replay with these in the environment)\n${message}`);
    if (error instanceof Error && error.stack !== undefined) wrapped.stack = `${wrapped.message}\n${error.stack}`;
    throw wrapped;
  }
}
