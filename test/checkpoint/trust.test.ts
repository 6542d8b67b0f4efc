import { describe, expect, it } from 'vitest';
import { lianyungang2020, safeCheck, type Assessment } from '../../src/index.js';
import { check, createEngine, evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §6: a bare assessment is checked only when it is consistent and current. Stale ones are
 * refused at entry (C12); contradicting fields and another policy's hash are input errors.
 */

const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
// The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
const declaration = minimalDeclaration;
const EVALUATED = '2020-02-10T12:00:00+08:00';
const green = (): Assessment => evaluate(declaration(), [approved], EVALUATED);
/** Red R3 (RULES §10 example 3), green from 2020-02-16: nextChangeAt 2020-02-16T00:00. */
const red = (at = EVALUATED): Assessment =>
  evaluate(declaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }), [approved], at);
const entry = (at: string, extra: Record<string, unknown> = {}) => ({ venue: 'public-place', direction: 'in', celsius: 36.5, at, ...extra });
const issuesOf = (assessment: unknown, at = EVALUATED) => {
  const r = safeCheck(assessment, entry(at));
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
};

describe('C12: a stale bare assessment (RULES §6)', () => {
  it('C12: maxAssessmentAge (PT1H): admitted 1 ms before evaluatedAt + 1 h, refused at it', () => {
    expect(check(green(), entry('2020-02-10T12:59:59.999+08:00')).rule).toBe('C4');
    const d = check(green(), entry('2020-02-10T13:00:00+08:00'));
    expect([d.rule, d.admit, d.steps, d.record]).toEqual(['C12', false, ['temperature', 'scan'], null]);
    expect(d.message.en).toContain('older than PT1H');
    expect(d.message.en).toContain('Evaluate again');
    expect(d.message['zh-Hans']).toContain('请重新评估');
    expect(d.message['zh-Hant']).toContain('請重新評估');
  });

  it('C12: an assessment evaluated after the encounter is refused (at < evaluatedAt)', () => {
    expect(check(green(), entry(EVALUATED)).rule).toBe('C4');
    const d = check(green(), entry('2020-02-10T11:59:59.999+08:00'));
    expect([d.rule, d.admit]).toEqual(['C12', false]);
    expect(d.message.en).toContain('after this encounter');
  });

  it('C12: the projected colour change bounds it too (min of evaluatedAt + age and nextChangeAt)', () => {
    const a = red('2020-02-15T23:30:00+08:00');
    expect(a.nextChangeAt).toBe('2020-02-16T00:00:00+08:00');
    expect(check(a, entry('2020-02-15T23:59:59.999+08:00')).rule).toBe('C8');
    const d = check(a, entry('2020-02-16T00:00:00+08:00'));
    expect(d.rule).toBe('C12');
    expect(d.message.en).toContain('projected to change at 2020-02-16T00:00:00+08:00');
    expect(d.message['zh-Hans']).toContain('2020-02-16T00:00:00+08:00');
  });

  it('C12: the policy\'s maxAssessmentAge is the engine\'s own', () => {
    const engine = createEngine({ ...lianyungang2020, maxAssessmentAge: 'PT5M' });
    const a = engine.evaluate(declaration(), [approved], EVALUATED);
    expect(engine.check(a, entry('2020-02-10T12:04:59+08:00')).rule).toBe('C4');
    expect(engine.check(a, entry('2020-02-10T12:05:00+08:00')).rule).toBe('C12');
  });

  it('C12, C6: a fever with a stale assessment is refused by C12 and the reading is still recorded', () => {
    const d = check(green(), entry('2020-02-10T14:00:00+08:00', { celsius: 38.2 }));
    expect(d.rule).toBe('C12');
    expect(d.record).toEqual({
      id: 'checkpoint:public-place:2020-02-10T14:00:00+08:00',
      at: '2020-02-10T14:00:00+08:00',
      kind: 'temperature',
      celsius: 38.2,
      venue: 'public-place',
    });
    expect(check(green(), entry('2020-02-10T14:00:00+08:00', { celsius: 37.2 })).record).toBeNull();
  });

  it('C3, C11: exits are never blocked and no reading comes first, whatever the age', () => {
    for (const venue of ['residential', 'public-place', 'public-transport'])
      expect(check(green(), { venue, direction: 'out', at: '2021-06-01T08:00:00+08:00' }).rule).toBe('C3');
    expect(check(green(), { venue: 'public-place', direction: 'in', at: '2021-06-01T08:00:00+08:00' }).rule).toBe('C11');
  });

  it('C12: a green assessment reused 16 months later is refused at the bus', () => {
    const d = check(green(), { venue: 'public-transport', direction: 'in', celsius: 36.6, at: '2021-06-01T08:00:00+08:00' });
    expect([d.rule, d.admit]).toEqual(['C12', false]);
  });
});

describe('RULES §6: an inconsistent bare assessment is invalid input, whatever the direction', () => {
  it('(a) a red assessment relabelled green is refused as inconsistent, with its path', () => {
    const a = red();
    const forged = { ...a, colour: 'green', permissions: { cityTravel: true, publicPlaces: true, publicTransport: true } };
    expect(issuesOf(forged)).toEqual([{ path: 'assessment.colour', code: 'inconsistent' }]);
    expect(safeCheck(forged, { venue: 'public-place', direction: 'out', at: EVALUATED }).success).toBe(false);
  });

  it('(a) a reason whose colour is not its rule\'s', () => {
    const a = red();
    const forged = { ...a, reasons: a.reasons.map((r) => ({ ...r, colour: 'yellow' })) };
    expect(issuesOf(forged)).toEqual([{ path: 'assessment.reasons.0.colour', code: 'inconsistent' }]);
  });

  it('(a) a green assessment relabelled yellow, and a hand-written green with its reasons removed', () => {
    const a = green();
    expect(issuesOf({ ...a, colour: 'yellow', permissions: { cityTravel: false, publicPlaces: false, publicTransport: false } })).toEqual([
      { path: 'assessment.colour', code: 'inconsistent' },
    ]);
    const r = red();
    const emptied = { ...r, colour: 'green', reasons: [], trail: [], permissions: { cityTravel: true, publicPlaces: true, publicTransport: true } };
    expect(issuesOf(emptied)).toEqual([
      { path: 'assessment.releaseAt', code: 'inconsistent' },
      { path: 'assessment.nextChangeAt', code: 'inconsistent' },
      { path: 'assessment.nextColour', code: 'inconsistent' },
    ]);
  });

  it('(b) issued without approval, and not issued with one (I-12)', () => {
    const pending = evaluate(declaration(), [], EVALUATED);
    expect(issuesOf({ ...pending, issued: true })).toEqual([{ path: 'assessment.issued', code: 'inconsistent' }]);
    expect(issuesOf({ ...green(), issued: false })).toEqual([{ path: 'assessment.issued', code: 'inconsistent' }]);
  });

  it('(c) a releaseAt the reasons do not give: earlier, null while they give one, set while one awaits', () => {
    const a = red();
    expect(issuesOf({ ...a, releaseAt: '2020-02-12T00:00:00+08:00' })).toEqual([{ path: 'assessment.releaseAt', code: 'inconsistent' }]);
    expect(issuesOf({ ...a, releaseAt: null })).toEqual([{ path: 'assessment.releaseAt', code: 'inconsistent' }]);
    // The same instant written in another offset is the same release.
    expect(issuesOf({ ...a, releaseAt: '2020-02-15T16:00:00Z' })).toEqual([]);
    const positive = evaluate(declaration(), [approved, { id: 't', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' }], EVALUATED);
    expect(positive.releaseAt).toBeNull();
    expect(issuesOf({ ...positive, releaseAt: '2020-03-01T00:00:00+08:00' })).toEqual([{ path: 'assessment.releaseAt', code: 'inconsistent' }]);
  });

  it('(c) a reason released at or before evaluatedAt is no longer active', () => {
    const a = red();
    const moved = { ...a, evaluatedAt: '2020-02-16T00:00:00+08:00' };
    expect(issuesOf(moved, '2020-02-16T00:00:00+08:00')).toContainEqual({ path: 'assessment.reasons.0.releaseAt', code: 'inconsistent' });
  });

  it('(d) a nextChangeAt the reasons do not give (RULES §8: red until both red conditions end)', () => {
    // Worked example 6 at 02-12: R2 releases 02-16, Y2 later: red → yellow at 02-16.
    const at = '2020-02-12T12:00:00+08:00';
    const a = evaluate(declaration({ closeContactOfCase: true }), [approved, { id: 'cc', at: '2020-02-10T12:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' }], at);
    expect(a.nextChangeAt).toBe('2020-02-16T00:00:00+08:00');
    expect(issuesOf(a, at)).toEqual([]);
    expect(issuesOf({ ...a, nextChangeAt: a.releaseAt }, at)).toEqual([{ path: 'assessment.nextChangeAt', code: 'inconsistent' }]);
    expect(issuesOf({ ...a, nextChangeAt: null }, at)).toEqual([{ path: 'assessment.nextChangeAt', code: 'inconsistent' }]);
    expect(issuesOf({ ...green(), nextChangeAt: '2020-02-11T00:00:00+08:00' })).toEqual([{ path: 'assessment.nextChangeAt', code: 'inconsistent' }]);
  });

  it('(e) permissions that are not those of the colour (§3)', () => {
    for (const key of ['cityTravel', 'publicPlaces', 'publicTransport']) {
      const a = green();
      expect(issuesOf({ ...a, permissions: { ...a.permissions, [key]: false } })).toEqual([{ path: 'assessment.permissions', code: 'inconsistent' }]);
      const r = red();
      expect(issuesOf({ ...r, permissions: { ...r.permissions, [key]: true } })).toEqual([{ path: 'assessment.permissions', code: 'inconsistent' }]);
    }
  });

  it('policy_mismatch: an assessment under another policy\'s hash, reported with its path', () => {
    const a = green();
    const other = { ...a, policy: { ...a.policy, hash: `sha256:${'0'.repeat(64)}` } };
    expect(issuesOf(other)).toEqual([{ path: 'assessment.policy.hash', code: 'policy_mismatch' }]);
    const r = safeCheck(other, entry(EVALUATED));
    expect(r.success ? '' : r.error.issues[0]?.message).toContain('lianyungang-2020 1.1.0');
  });

  it('RULES §6: the engine\'s own assessments are consistent (every worked-example shape)', () => {
    const cases = [
      green(),
      red(),
      evaluate(declaration({ symptoms: ['dry-cough'] }), [approved], EVALUATED),
      evaluate(declaration(), [], EVALUATED),
      evaluate(declaration({ clinical: 'confirmed' }), [approved], EVALUATED),
    ];
    for (const a of cases) expect(issuesOf(a)).toEqual([]);
  });
});

describe('RULES §6 (d), §8: nextColour, when an assessment carries it, is the one its reasons give', () => {
  it('(d) a nextColour the reasons do not give is inconsistent', () => {
    const a = red();
    expect(a.nextColour).toBe('green');
    expect(issuesOf({ ...a, nextColour: 'yellow' })).toEqual([{ path: 'assessment.nextColour', code: 'inconsistent' }]);
    expect(issuesOf({ ...green(), nextColour: 'red' })).toEqual([{ path: 'assessment.nextColour', code: 'inconsistent' }]);
    const { nextColour: _omitted, ...without } = a;
    expect(issuesOf(without)).toEqual([]);
  });
});
