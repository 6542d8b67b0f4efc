import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssessmentSchema, CheckDecisionSchema, HealthCodeInputError, evaluateMany, lianyungang2020, safeCheck, safeEvaluate } from '../../src/index.js';
import { createEngine, defaultEngine, evaluate, check } from '../support/untyped.js';
import { arbitraries } from '../../src/testing/index.js';
import { check as property } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';
import { expectInputFailure, getterAt, hostileJs, locations, replaceAt, revoked, thrownBy, thrownValue, unreadableValue } from './support.js';

/**
 * RULES §9, "safe means safe" (issue 16): `safeEvaluate`, `safeSummarize` and `safeCheck` never
 * throw, whatever the value; `evaluate`, `check` and `createEngine` throw only
 * `HealthCodeInputError`; a value that cannot be read is an `unreadable` issue at its path; no
 * input ever gives the `internal` code.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const context = { venue: 'public-place', direction: 'in', celsius: 36.5, at: NOW };

/** A valid case and one location in it (not the root of an argument). */
const caseAndSpot = arbitraries.case({ maxLength: 5 }).chain((c) => {
  const args = { declaration: c.declaration, history: c.history, now: c.now };
  return fc.tuple(fc.constant(args), fc.constantFrom(...locations(args).filter((p) => p.length > 0)));
});

describe('RULES §9: safeEvaluate and safeSummarize never throw', () => {
  it('RULES §9: a hostile value (throwing getter or trap, revoked proxy, cycle, frozen, class instance, symbol, bigint) anywhere in a valid case gives a result or input issues, never a throw or an internal issue', () => {
    property(
      fc.property(caseAndSpot, hostileJs, ([args, path], make) => {
        const changed = replaceAt(args, path, make()) as typeof args;
        for (const fn of [defaultEngine.safeEvaluate, defaultEngine.safeSummarize]) {
          let result: ReturnType<typeof fn> | undefined;
          expect(() => (result = fn(changed.declaration, changed.history, changed.now))).not.toThrow();
          if (result?.success === true) {
            if (fn === defaultEngine.safeEvaluate) expect(AssessmentSchema.safeParse(result.data).success).toBe(true);
          } else expectInputFailure(result as NonNullable<typeof result>, ['declaration', 'history', 'now']);
        }
        // The throwing twin throws only HealthCodeInputError.
        thrownBy(() => evaluate(changed.declaration, changed.history, changed.now));
      }),
      'fuzz',
    );
  });

  it('RULES §9: a getter that throws anything at any location of a valid case is one unreadable issue at exactly that path', () => {
    property(
      fc.property(caseAndSpot, thrownValue, ([args, path], thrown) => {
        // An argument itself is a value, not a property: its getters are one level below.
        fc.pre(path.length > 1);
        const changed = getterAt(args, path, thrown) as typeof args;
        const issues = expectInputFailure(safeEvaluate(changed.declaration, changed.history, changed.now), ['declaration', 'history', 'now']);
        expect(issues).toContainEqual(expect.objectContaining({ path, code: 'unreadable' }));
        expect(issues.filter((i) => i.code === 'unreadable')).toHaveLength(1);
      }),
      'fuzz',
    );
  });

  it('RULES §9: an unreadable argument (a revoked proxy, a proxy whose traps throw) is an issue at the argument', () => {
    property(
      fc.property(unreadableValue, fc.constantFrom('declaration', 'history', 'now'), (make, at) => {
        const args: Record<string, unknown> = { declaration: minimalDeclaration(), history: [approved], now: NOW, [at]: make() };
        const result = safeEvaluate(args['declaration'], args['history'], args['now']);
        const issues = expectInputFailure(result, ['declaration', 'history', 'now']);
        expect(issues.every((i) => i.path[0] === at)).toBe(true);
      }),
      'fuzz',
    );
  });

  it('RULES §9 (issue 16 reproduction): a getter that throws Object.create(null) gives an unreadable issue at declaration.id', () => {
    const declaration = Object.defineProperty(minimalDeclaration(), 'id', {
      enumerable: true,
      get() {
        throw Object.create(null);
      },
    });
    const result = safeEvaluate(declaration, [], NOW);
    expect(expectInputFailure(result, ['declaration'])).toEqual([
      { path: ['declaration', 'id'], code: 'unreadable', message: 'could not be read: reading this value threw an exception' },
    ]);
    expect(() => evaluate(declaration, [], NOW)).toThrow(HealthCodeInputError);
  });

  it('T-2: a Date-looking now (a proxy of a Date, an object with getTime) is not a Date; a revoked proxy as now is an issue at now', () => {
    for (const now of [new Proxy(new Date(NOW), {}), { getTime: () => Date.parse(NOW) }, revoked(), revoked(new Date())]) {
      const issues = expectInputFailure(safeEvaluate(minimalDeclaration(), [], now), ['now']);
      expect(issues).toEqual([expect.objectContaining({ path: ['now'], code: 'invalid_instant' })]);
    }
    // A real Date, a subclass of Date and a Date with a getTime of its own are read by the intrinsic getTime.
    class Later extends Date {}
    const own = Object.assign(new Date(NOW), { getTime: () => 0 });
    for (const now of [new Date(NOW), new Later(NOW), own]) expect(safeEvaluate(minimalDeclaration(), [], now).success).toBe(true);
  });
});

describe('RULES §6, §9: safeCheck never throws', () => {
  const assessment = evaluate(minimalDeclaration(), [approved], NOW);
  const args = { assessment: structuredClone(assessment), context };
  const spots = locations(args).filter((p) => p.length > 0);

  it('RULES §9: a hostile value anywhere in a valid assessment or context gives a decision or input issues, never a throw or an internal issue', () => {
    property(
      fc.property(fc.constantFrom(...spots), hostileJs, (path, make) => {
        const changed = replaceAt(args, path, make()) as typeof args;
        let result: ReturnType<typeof safeCheck> | undefined;
        expect(() => (result = safeCheck(changed.assessment, changed.context))).not.toThrow();
        if (result?.success === true) expect(CheckDecisionSchema.safeParse(result.data).success).toBe(true);
        else expectInputFailure(result as NonNullable<typeof result>, ['assessment', 'context']);
        thrownBy(() => check(changed.assessment, changed.context));
      }),
      'fuzz',
    );
  });

  it('RULES §9: a getter that throws anything anywhere in the assessment or the context is an unreadable issue at that path', () => {
    property(
      fc.property(fc.constantFrom(...spots.filter((p) => p.length > 1)), thrownValue, (path, thrown) => {
        const changed = getterAt(args, path, thrown) as typeof args;
        const issues = expectInputFailure(safeCheck(changed.assessment, changed.context), ['assessment', 'context']);
        expect(issues).toContainEqual(expect.objectContaining({ path, code: 'unreadable' }));
      }),
      'fuzz',
    );
  });
});

describe('RULES §9: createEngine throws only HealthCodeInputError', () => {
  const spots = locations(structuredClone(lianyungang2020)).filter((p) => p.length > 0);

  it('RULES §9: a hostile value or a throwing getter anywhere in a policy is refused with a HealthCodeInputError at a policy path', () => {
    property(
      fc.property(fc.constantFrom(...spots), hostileJs, thrownValue, fc.boolean(), (path, make, thrown, asGetter) => {
        const policy = asGetter ? getterAt(structuredClone(lianyungang2020), path, thrown) : replaceAt(structuredClone(lianyungang2020), path, make());
        const error = thrownBy(() => createEngine(policy));
        if (error === undefined) return;
        const issues = (error as HealthCodeInputError).issues;
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) {
          expect(issue.code).not.toBe('internal');
          expect(issue.path[0]).toBe('policy');
        }
        if (asGetter) expect(issues).toContainEqual(expect.objectContaining({ path: ['policy', ...path], code: 'unreadable' }));
      }),
      'fuzz',
    );
  });

  it('RULES §9: a revoked proxy or a proxy with throwing traps as the policy is one issue at policy', () => {
    for (const policy of [revoked(), new Proxy({}, { ownKeys: () => { throw Object.create(null); } })]) {
      const error = thrownBy(() => createEngine(policy)) as HealthCodeInputError;
      expect(error.issues).toEqual([expect.objectContaining({ path: ['policy'], code: 'unreadable' })]);
    }
  });
});

describe('RULES §9: evaluateMany never stops on a hostile case', () => {
  it('RULES §9: hostile cases (a case or a field that cannot be read, hostile values inside) each get their own result, in order, and the batch goes on', async () => {
    const good = { declaration: minimalDeclaration(), history: [approved], now: NOW };
    const cases: unknown[] = [
      good,
      revoked(),
      Object.defineProperty({ history: [] }, 'declaration', { enumerable: true, get: () => { throw Object.create(null); } }),
      new Proxy({}, { get: () => { throw Symbol('get'); } }),
      { declaration: revoked(), history: [approved], now: NOW },
      good,
    ];
    const results = [];
    for await (const result of evaluateMany(cases)) results.push(result);
    expect(results.map((r) => [r.index, r.ok])).toEqual([[0, true], [1, false], [2, false], [3, false], [4, false], [5, true]]);
    for (const r of results) if (!r.ok) for (const issue of r.issues) expect(issue.code).not.toBe('internal');
    const unreadable = results[2];
    expect(unreadable?.ok === false && unreadable.issues).toEqual([expect.objectContaining({ path: [], code: 'unreadable' })]);
  });
});
