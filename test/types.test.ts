import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  check,
  createEngine,
  evaluate,
  lianyungang2020,
  safeCheck,
  safeEvaluate,
  type Assessment,
  type AwaitedEvent,
  type CheckpointContextInput,
  type DeclarationInput,
  type EventInput,
  type PolicyInput,
  type SafeResult,
} from '../src/index.js';

// What a TypeScript app gets at compile time (issue 14): the throwing functions take the typed
// inputs of the format; the safe ones take `unknown`. `npm run typecheck` covers this file, so an
// `@ts-expect-error` whose line compiles fails the build. The closures are never called: they
// exist to be type-checked.

const declaration = {
  id: 'app-1',
  subjectId: 's-1',
  submittedAt: '2020-02-01T10:00:00+08:00',
  category: 'resident',
  channel: 'self',
  attestation: true,
} as const satisfies DeclarationInput;
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' } as const satisfies EventInput;
const NOW = '2020-02-10T12:00:00+08:00';

describe('typed inputs', () => {
  it('A-1, A-2: evaluate takes a DeclarationInput, events and a string or Date instant (T-2)', () => {
    expectTypeOf(evaluate).parameter(0).toEqualTypeOf<DeclarationInput>();
    expectTypeOf(evaluate).parameter(1).toEqualTypeOf<readonly EventInput[]>();
    expectTypeOf(evaluate).parameter(2).toEqualTypeOf<string | Date>();
    expectTypeOf(evaluate).returns.toEqualTypeOf<Assessment>();
    expect(evaluate(declaration, [approved], new Date('2020-02-10T04:00:00Z')).colour).toBe('green');
  });

  it('A-1: an unknown category, a missing attestation or an unknown `now` type fails to compile', () => {
    const never = (): void => {
      // @ts-expect-error 'tourist' is not a category (resident, arrival, returnee)
      evaluate({ category: 'tourist' }, [], 'now');
      // @ts-expect-error A-3: the attestation is the literal true
      evaluate({ ...declaration, attestation: false }, [], NOW);
      // @ts-expect-error T-2: an instant is a string or a Date, not a number
      evaluate(declaration, [], 1580000000000);
      // @ts-expect-error an event kind the format does not know
      evaluate(declaration, [{ id: 'x', at: NOW, kind: 'teleport' }], NOW);
    };
    expect(typeof never).toBe('function');
  });

  it('A-2, RULES §9: the channel and the proxy relation are a discriminated union', () => {
    const proxy: DeclarationInput = { ...declaration, channel: 'proxy', proxy: { relation: 'child' } };
    expect(evaluate(proxy, [approved], NOW).colour).toBe('green');
    // @ts-expect-error a proxy channel needs the proxy's relation
    const noRelation: DeclarationInput = { ...declaration, channel: 'proxy' };
    // @ts-expect-error a proxy relation only on the proxy channel
    const strayRelation: DeclarationInput = { ...declaration, channel: 'self', proxy: { relation: 'child' } };
    expect([noRelation, strayRelation]).toHaveLength(2);
  });

  it('the safe functions take unknown, for data from outside', () => {
    expectTypeOf(safeEvaluate).parameters.toEqualTypeOf<[unknown, unknown, unknown]>();
    expectTypeOf(safeCheck).parameters.toEqualTypeOf<[unknown, unknown]>();
    const fromJson: unknown = JSON.parse('{"category":"tourist"}');
    const r = safeEvaluate(fromJson, [], 'now');
    expectTypeOf(r).toEqualTypeOf<SafeResult<Assessment>>();
    expect(r.success).toBe(false);
  });

  it('RULES §6: check takes an Assessment or null and a context whose `at` may be a Date', () => {
    expectTypeOf(check).parameter(0).toEqualTypeOf<Assessment | null>();
    expectTypeOf(check).parameter(1).toEqualTypeOf<CheckpointContextInput>();
    const a = evaluate(declaration, [approved], NOW);
    const d = check(a, { venue: 'public-place', direction: 'in', celsius: 36.6, at: new Date('2020-02-10T04:00:00Z') });
    expect(d.rule).toBe('C4');
    const never = (): void => {
      // @ts-expect-error 'mall' is not a venue
      check(a, { venue: 'mall', direction: 'in', at: NOW });
      // @ts-expect-error a checkpoint needs an assessment or null, not an arbitrary object
      check({ colour: 'green' }, { venue: 'public-place', direction: 'out', at: NOW });
    };
    expect(typeof never).toBe('function');
  });

  it('C6: a Date at is written in the policy zone in the record', () => {
    const a = evaluate(declaration, [approved], NOW);
    const d = check(a, { venue: 'public-place', direction: 'in', celsius: 37.6, at: new Date('2020-02-10T04:00:00Z') });
    expect(d.record?.at).toBe('2020-02-10T12:00:00+08:00');
    expect(d.record?.id).toBe('checkpoint:public-place:2020-02-10T12:00:00+08:00');
  });

  it('T-2: an invalid Date as the checkpoint instant is an input error, not a crash', () => {
    const r = safeCheck(null, { venue: 'public-place', direction: 'out', at: new Date(Number.NaN) });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['context.at', 'invalid_instant']]);
  });

  it('createEngine takes a PolicyInput', () => {
    expectTypeOf(createEngine).parameter(0).toEqualTypeOf<PolicyInput>();
    expect(createEngine({ ...lianyungang2020, observationDays: 21 }).policy.observationDays).toBe(21);
    const never = (): void => {
      // @ts-expect-error observationDays is a number
      createEngine({ ...lianyungang2020, observationDays: '21' });
    };
    expect(typeof never).toBe('function');
  });

  it('AwaitedEvent names what a condition awaits (no clash with TypeScript’s Awaited)', () => {
    expectTypeOf<AwaitedEvent>().toEqualTypeOf<'hospital-discharge' | 'covid-exclusion' | 'recovery' | 'authority-release'>();
    expectTypeOf<Awaited<Promise<number>>>().toEqualTypeOf<number>();
  });
});
