import { describe, expect, it } from 'vitest';
import { HealthCodeInputError, lianyungang2020, safeEvaluate } from '../../src/index.js';
import { createEngine, evaluate } from '../support/untyped.js';
import { approved, decl } from '../support/engine.js';

const NOW = '2020-02-10T12:00:00+08:00';

function issuesOf(declaration: unknown, history: unknown, now: unknown = NOW) {
  const result = safeEvaluate(declaration, history, now);
  if (result.success) throw new Error('expected the input to be rejected');
  expect(result.error).toBeInstanceOf(HealthCodeInputError);
  return result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
}

describe('RULES §9 bad input', () => {
  it('A-3: a declaration without attestation: true is invalid', () => {
    expect(issuesOf(decl({ attestation: false }), [])).toEqual([{ path: 'declaration.attestation', code: 'attestation_required' }]);
    const { attestation: _omitted, ...without } = decl();
    expect(issuesOf(without, [])).toEqual([{ path: 'declaration.attestation', code: 'attestation_required' }]);
  });

  it('T-2: an instant without an offset is invalid, in the declaration, an event or now', () => {
    expect(issuesOf(decl({ submittedAt: '2020-02-01T10:00:00' }), [{ ...approved, at: '2020-02-01T11:00:00' }], '2020-02-10')).toEqual([
      { path: 'declaration.submittedAt', code: 'invalid_instant' },
      { path: 'history.0.at', code: 'invalid_instant' },
      { path: 'now', code: 'invalid_instant' },
    ]);
  });

  it('T-2: a calendar day that does not exist is invalid', () => {
    expect(issuesOf(decl({ keyAreaVisits: [{ area: '420100', from: '2020-02-30', to: '2020-03-01' }] }), [])).toEqual([
      { path: 'declaration.keyAreaVisits.0.from', code: 'invalid_day' },
    ]);
  });

  it('RULES §9: an unknown event kind, a temperature of 60 °C and a proxy application without relation are all listed', () => {
    const issues = issuesOf(decl({ channel: 'proxy' }), [
      { id: 'x', at: NOW, kind: 'teleport' },
      { id: 't', at: NOW, kind: 'temperature', celsius: 60 },
    ]);
    expect(issues).toEqual([
      { path: 'declaration.proxy', code: 'proxy_required' },
      { path: 'history.0.kind', code: 'unknown_event_kind' },
      { path: 'history.1.celsius', code: 'out_of_range' },
    ]);
  });

  it('A-2: a proxy object when the channel is not proxy is invalid', () => {
    expect(issuesOf(decl({ proxy: { relation: 'child' } }), [])).toEqual([{ path: 'declaration.proxy', code: 'proxy_not_allowed' }]);
  });

  it('RULES §9: two different events sharing an id are invalid; identical ones are applied once and listed as duplicate', () => {
    const a = { id: 'e', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'negative' };
    expect(issuesOf(decl(), [a, { ...a, result: 'positive' }])).toEqual([{ path: 'history.1.id', code: 'duplicate_id' }]);
    const ok = evaluate(decl(), [a, { ...a }], NOW);
    expect(ok.ignored).toEqual([{ id: 'e', why: 'duplicate' }]);
    expect(ok.applied).toEqual(['e']);
  });

  it('I-13: a correction of an unknown id, of itself, or on a cycle is invalid', () => {
    const fix = (id: string, voids: string) => ({ id, at: NOW, kind: 'correction', voids, authority: 'a', reason: 'r' });
    expect(issuesOf(decl(), [fix('c1', 'nothing')])).toEqual([{ path: 'history.0.voids', code: 'unknown_void_target' }]);
    expect(issuesOf(decl(), [fix('c1', 'c1')])).toEqual([{ path: 'history.0.voids', code: 'self_void' }]);
    expect(issuesOf(decl(), [fix('c1', 'c2'), fix('c2', 'c1')])).toEqual([
      { path: 'history.0.voids', code: 'void_cycle' },
      { path: 'history.1.voids', code: 'void_cycle' },
    ]);
  });

  it('RULES §9: now earlier than submittedAt, a visit ending before it starts, a designation without basis', () => {
    expect(issuesOf(decl(), [], '2020-02-01T09:59:59+08:00')).toEqual([{ path: 'now', code: 'now_before_submission' }]);
    expect(issuesOf(decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-22', to: '2020-01-20' }] }), [])).toEqual([
      { path: 'declaration.keyAreaVisits.0.to', code: 'visit_order' },
    ]);
    expect(issuesOf(decl(), [{ id: 'd', at: NOW, kind: 'high-risk-designation', authority: 'A', reason: 'r' }])).toEqual([
      { path: 'history.0.basis', code: 'required' },
    ]);
  });

  it('RULES §9: unknown keys are reported, not silently dropped; __proto__ changes nothing', () => {
    expect(issuesOf(decl({ colour: 'green' }), [])).toEqual([{ path: 'declaration', code: 'unrecognized_keys' }]);
    const hostile = JSON.parse('{"id":"e","at":"2020-02-03T09:00:00+08:00","kind":"test-result","result":"negative","__proto__":{"result":"positive"}}');
    expect(issuesOf(decl(), [hostile])).toEqual([{ path: 'history.0', code: 'unrecognized_keys' }]);
  });

  it('RULES §9: size limits of the policy give a too_large issue', () => {
    const engine = createEngine({ ...lianyungang2020, limits: { maxEvents: 2, maxStringLength: 64 } });
    const many = engine.safeEvaluate(decl(), [approved, approved, approved], NOW);
    expect(many.success ? [] : many.error.issues.map((i) => i.code)).toEqual(['too_large']);
    const long = engine.safeEvaluate(decl({ subjectId: 'x'.repeat(65) }), [], NOW);
    expect(long.success ? [] : long.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['declaration.subjectId', 'too_large']]);
  });

  it('RULES §9: evaluate throws the same error that safeEvaluate returns, with every path in its message', () => {
    expect(() => evaluate(decl({ attestation: false }), 'nope', 'later')).toThrowError(
      /declaration\.attestation: .*\n.*history: .*\n.*now: /,
    );
  });

  it('RULES §9: any JSON value in any argument gives a typed error, never a crash', () => {
    for (const value of [null, 0, -0, Number.NaN, 'x', [], {}, true, [null], { declaration: {} }]) {
      const result = safeEvaluate(value, value, value);
      expect(result.success).toBe(false);
    }
  });
});

describe('policy', () => {
  it('createEngine rejects an invalid policy with every problem listed', () => {
    let caught: unknown;
    try {
      createEngine({ ...lianyungang2020, timeZone: 'Mars/Olympus', observationDays: 0, dayCounting: 'weekly' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HealthCodeInputError);
    expect((caught as HealthCodeInputError).issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['policy.timeZone', 'invalid_time_zone'],
      ['policy.dayCounting', 'invalid_value'],
      ['policy.observationDays', 'out_of_range'],
    ]);
  });

  it('RULES §8: the policy hash is the SHA-256 of the canonical JSON, unknown keys stripped, key order irrelevant', () => {
    const a = evaluate(decl(), [], NOW).policy;
    expect(a).toMatchObject({ id: 'lianyungang-2020', version: '1.1.0' });
    expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(lianyungang2020).reverse());
    const engine = createEngine({ ...reordered, comment: 'ignored' });
    expect(engine.evaluate(decl(), [], NOW).policy.hash).toBe(a.hash);
    expect(createEngine({ ...lianyungang2020, observationDays: 21 }).evaluate(decl(), [], NOW).policy.hash).not.toBe(a.hash);
  });
});
