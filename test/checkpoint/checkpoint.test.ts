import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_RULES,
  CheckDecisionSchema,
  EventSchema,
  HealthCodeInputError,
  lianyungang2020,
  safeCheck,
  type Assessment,
  type CheckpointContext,
} from '../../src/index.js';
import { check, createEngine, evaluate } from '../support/untyped.js';

// Cases for the checkpoint table of RULES §6, built through `evaluate` so that every assessment is
// one the engine really produces.

const SUBMITTED = '2020-02-01T10:00:00+08:00';
const NOW = '2020-02-10T12:00:00+08:00';
const approved = { id: 'review-1', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };

function declaration(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'app-1', subjectId: 's-1', submittedAt: SUBMITTED, category: 'resident', channel: 'self', attestation: true, ...extra };
}

const green = (): Assessment => evaluate(declaration(), [approved], NOW);
/** Red R3: a stay in Wuhan within the 14 days before the declaration (RULES §10 example 3). */
const red = (): Assessment => evaluate(declaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }), [approved], NOW);
/** Yellow Y1: a dry cough declared (RULES §10 example 2). */
const yellow = (): Assessment => evaluate(declaration({ symptoms: ['dry-cough'] }), [approved], NOW);
const pending = (): Assessment => evaluate(declaration(), [], NOW);
const rejected = (): Assessment =>
  evaluate(declaration(), [approved, { id: 'review-2', at: '2020-02-02T09:00:00+08:00', kind: 'review-rejected', reason: 'false declaration' }], NOW);

const entry = (extra: Partial<CheckpointContext> = {}): CheckpointContext => ({
  venue: 'public-place',
  direction: 'in',
  celsius: 36.5,
  at: NOW,
  ...extra,
});

describe('check: the C-table of RULES §6', () => {
  it('the assessments the tests rely on have the colour and review they are named for', () => {
    expect([green().colour, red().colour, yellow().colour]).toEqual(['green', 'red', 'yellow']);
    expect([green().issued, pending().issued, rejected().issued]).toEqual([true, false, false]);
    expect([pending().review, rejected().review]).toEqual(['pending', 'rejected']);
  });

  it('C1: a resident with a green code enters a residential compound after temperature and scan', () => {
    const d = check(green(), entry({ venue: 'residential', role: 'resident' }));
    expect(d).toMatchObject({ admit: true, rule: 'C1', steps: ['temperature', 'scan'], record: null });
  });

  it('C1 (I-11): a resident with a yellow code may enter the compound to go home', () => {
    const d = check(yellow(), entry({ venue: 'residential', role: 'resident' }));
    expect(d).toMatchObject({ admit: true, rule: 'C1', steps: ['temperature', 'scan'] });
    expect(d.message.en).toContain('Y1');
    expect(d.message.en).toContain('I-11');
  });

  it('C2: a visitor with a green code enters after temperature, scan and registration', () => {
    const d = check(green(), entry({ venue: 'residential', role: 'visitor' }));
    expect(d).toMatchObject({ admit: true, rule: 'C2', steps: ['temperature', 'scan', 'register'], record: null });
  });

  it('C3: exits are never blocked, whatever the colour, the review or the temperature; scan, except on public transport', () => {
    for (const assessment of [green(), red(), yellow(), pending(), rejected(), null])
      for (const venue of ['residential', 'public-place', 'public-transport'] as const)
        for (const celsius of [undefined, 36.4, 39.1]) {
          const context: CheckpointContext = { venue, direction: 'out', at: NOW };
          if (celsius !== undefined) context.celsius = celsius;
          const d = check(assessment, context);
          expect(d.admit).toBe(true);
          expect(d.rule).toBe('C3');
          expect(d.steps).toEqual(venue === 'public-transport' ? [] : ['scan']);
          expect(d.record).toBeNull();
        }
  });

  it('C3: an exit from a residential compound needs no role', () => {
    expect(check(red(), { venue: 'residential', direction: 'out', at: NOW }).rule).toBe('C3');
  });

  it('C4: a green code with a normal temperature enters a public place', () => {
    expect(check(green(), entry())).toMatchObject({ admit: true, rule: 'C4', steps: ['temperature', 'scan'], record: null });
  });

  it('C5: a green code with a normal temperature boards public transport', () => {
    expect(check(green(), entry({ venue: 'public-transport' }))).toMatchObject({ admit: true, rule: 'C5', steps: ['temperature', 'scan'] });
  });

  it('C6: a reading of 37.5 at a public place is refused and the temperature event is recorded', () => {
    const at = '2020-03-01T01:00:00Z';
    const d = check(evaluate(declaration(), [approved], at), entry({ celsius: 37.5, at }));
    expect(d).toMatchObject({ admit: false, rule: 'C6', steps: ['temperature'] });
    // The instant is written in the policy's zone (T-1), whatever offset the checkpoint used.
    expect(d.record).toEqual({
      id: 'checkpoint:public-place:2020-03-01T09:00:00+08:00',
      at: '2020-03-01T09:00:00+08:00',
      kind: 'temperature',
      celsius: 37.5,
      venue: 'public-place',
    });
    expect(EventSchema.safeParse(d.record).success).toBe(true);
  });

  it('C6: the threshold itself is a fever (>= 37.3) and just below it is not', () => {
    const threshold = lianyungang2020.feverThresholdCelsius;
    expect(check(green(), entry({ celsius: threshold })).rule).toBe('C6');
    expect(check(green(), entry({ celsius: threshold - 0.01 })).rule).toBe('C4');
  });

  it('C6: the recordId given by the checkpoint names the event', () => {
    const d = check(green(), entry({ celsius: 38.2, recordId: 'gate-7:0042' }));
    expect(d.record?.id).toBe('gate-7:0042');
  });

  it('C6 before C7: a fever at entry with no issued code is refused for the fever and recorded', () => {
    for (const assessment of [null, pending(), rejected()]) {
      const d = check(assessment, entry({ celsius: 38 }));
      expect(d.rule).toBe('C6');
      expect(d.record).not.toBeNull();
    }
  });

  it('C6 before C8 and C9: a red or yellow holder with a fever is refused for the fever, and the reading is recorded', () => {
    expect(check(red(), entry({ celsius: 38 })).rule).toBe('C6');
    expect(check(yellow(), entry({ venue: 'residential', role: 'resident', celsius: 38 })).rule).toBe('C6');
  });

  it('C6 (§5): the recorded event fed back into the history counts toward the twice rule (RULES §10 example 5)', () => {
    const history: unknown[] = [approved];
    const first = check(evaluate(declaration(), history, '2020-03-01T09:00:00+08:00'), {
      venue: 'public-place',
      direction: 'in',
      celsius: 37.6,
      at: '2020-03-01T09:00:00+08:00',
    });
    expect(first.rule).toBe('C6');
    history.push(first.record);
    const afterFirst = evaluate(declaration(), history, '2020-03-04T08:00:00+08:00');
    expect(afterFirst.colour).toBe('green');
    expect(afterFirst.trail.map((t) => t.transition)).toContain('T-GY-first');
    const second = check(afterFirst, { venue: 'public-transport', direction: 'in', celsius: 37.5, at: '2020-03-04T08:00:00+08:00' });
    expect(second.rule).toBe('C6');
    history.push(second.record);
    const after = evaluate(declaration(), history, '2020-03-04T08:00:00+08:00');
    expect(after.colour).toBe('yellow');
    expect(after.reasons.map((r) => r.rule)).toEqual(['GY']);
    expect(after.releaseAt).toBe('2020-03-19T00:00:00+08:00');
    expect(after.obligations).toContain('daily-self-report');
  });

  it('C6 (I-7): a fever recorded at a red subject\'s residential entry, fed back, restarts the R2 observation', () => {
    const facts = declaration({ closeContactOfCase: true });
    const history: unknown[] = [approved];
    const at = '2020-02-08T09:00:00+08:00';
    const before = evaluate(facts, history, at);
    expect(before.releaseAt).toBe('2020-02-16T00:00:00+08:00');
    const d = check(before, { venue: 'residential', direction: 'in', role: 'resident', celsius: 38, at });
    expect(d.rule).toBe('C6');
    history.push(d.record);
    const after = evaluate(facts, history, at);
    expect(after.trail.map((t) => t.transition)).toContain('T-R2-reset');
    expect(after.releaseAt).toBe('2020-02-23T00:00:00+08:00');
  });

  it('C6 (I-8, I-12): two recorded fevers turn a green code yellow even while the review is pending', () => {
    const history: unknown[] = [];
    for (const at of ['2020-02-03T09:00:00+08:00', '2020-02-05T09:00:00+08:00']) {
      const d = check(evaluate(declaration(), history, at), { venue: 'public-place', direction: 'in', celsius: 37.4, at });
      expect(d.rule).toBe('C6');
      history.push(d.record);
    }
    const a = evaluate(declaration(), history, '2020-02-06T09:00:00+08:00');
    expect(a).toMatchObject({ colour: 'yellow', issued: false, releaseAt: '2020-02-20T00:00:00+08:00' });
    expect(a.reasons.map((r) => r.rule)).toEqual(['GY']);
  });

  it('C7: no code shown at all is refused with directions to apply in the app or by the health declaration form', () => {
    const d = check(null, entry());
    expect(d).toMatchObject({ admit: false, rule: 'C7', steps: ['temperature', 'scan'], record: null });
    expect(d.message.en).toMatch(/apply/i);
    expect(d.message.en).toMatch(/health declaration form/);
    expect(d.message['zh-Hant']).toContain('個人健康申報表');
    expect(d.message['zh-Hans']).toContain('个人健康申报表');
  });

  it('C7 (I-12): a code still under review is refused, at every venue, even when green', () => {
    for (const context of [entry(), entry({ venue: 'public-transport' }), entry({ venue: 'residential', role: 'resident' })]) {
      const d = check(pending(), context);
      expect(d.rule).toBe('C7');
      expect(d.admit).toBe(false);
      expect(d.message.en).toMatch(/under review/);
    }
  });

  it('C7 (I-18): a code whose approval was withdrawn by a rejection is refused with directions to declare again', () => {
    const d = check(rejected(), entry({ venue: 'residential', role: 'resident' }));
    expect(d.rule).toBe('C7');
    expect(d.message.en).toMatch(/did not pass review/);
    expect(d.message.en).toMatch(/health declaration form/);
  });

  it('C7 before C8: a red code still under review is refused as not issued', () => {
    const unreviewed = evaluate(declaration({ closeContactOfCase: true }), [], NOW);
    expect(unreviewed.colour).toBe('red');
    expect(check(unreviewed, entry()).rule).toBe('C7');
  });

  it('C8: a red code is refused everywhere, residents of the compound included', () => {
    for (const context of [
      entry(),
      entry({ venue: 'public-transport' }),
      entry({ venue: 'residential', role: 'resident' }),
      entry({ venue: 'residential', role: 'visitor' }),
    ]) {
      const d = check(red(), context);
      expect(d).toMatchObject({ admit: false, rule: 'C8', steps: ['temperature', 'scan'], record: null });
      expect(d.message.en).toContain('R3');
    }
  });

  it('C9: a yellow code is refused at public places and on public transport', () => {
    for (const venue of ['public-place', 'public-transport'] as const) {
      const d = check(yellow(), entry({ venue }));
      expect(d).toMatchObject({ admit: false, rule: 'C9', steps: ['temperature', 'scan'] });
    }
  });

  it('C10 (I-11): a visitor holding a yellow code is refused at a residential compound', () => {
    const d = check(yellow(), entry({ venue: 'residential', role: 'visitor' }));
    expect(d).toMatchObject({ admit: false, rule: 'C10', steps: ['temperature', 'scan'] });
  });

  it('C11: no entry without a temperature reading, whatever the code', () => {
    for (const assessment of [green(), red(), null]) {
      const context: CheckpointContext = { venue: 'public-place', direction: 'in', at: NOW };
      expect(check(assessment, context)).toMatchObject({ admit: false, rule: 'C11', steps: ['temperature'], record: null });
    }
  });

  it('C11 before C7: a person with no code is first asked for a reading', () => {
    expect(check(null, { venue: 'residential', direction: 'in', role: 'visitor', at: NOW }).rule).toBe('C11');
  });

  it('RULES §6: every decision has a message in zh-Hant, zh-Hans and en, and matches the decision schema', () => {
    const seen = new Set<string>();
    // The last one is stale at NOW (C12): evaluated two hours before the encounter.
    const stale = evaluate(declaration(), [approved], '2020-02-10T10:00:00+08:00');
    const assessments = [green(), red(), yellow(), pending(), null, stale];
    const contexts: CheckpointContext[] = [];
    for (const venue of ['residential', 'public-place', 'public-transport'] as const)
      for (const direction of ['in', 'out'] as const)
        for (const role of ['resident', 'visitor'] as const)
          for (const celsius of [undefined, 36.6, 37.8]) {
            const context: CheckpointContext = { venue, direction, role, at: NOW };
            if (celsius !== undefined) context.celsius = celsius;
            contexts.push(context);
          }
    for (const a of assessments)
      for (const c of contexts) {
        const d = check(a, c);
        seen.add(d.rule);
        expect(CheckDecisionSchema.safeParse(d).success).toBe(true);
        for (const text of Object.values(d.message)) expect(text.length).toBeGreaterThan(0);
        expect(d.message['zh-Hant']).not.toBe(d.message.en);
        expect(d.record === null).toBe(d.rule !== 'C6' && !(d.rule === 'C12' && (c.celsius ?? 0) >= 37.3));
        expect(d.admit).toBe(['C1', 'C2', 'C3', 'C4', 'C5'].includes(d.rule));
      }
    expect([...seen].sort()).toEqual([...CHECKPOINT_RULES].sort());
  });

  it('RULES §6: the threshold is the engine policy\'s own', () => {
    const strict = createEngine({ ...lianyungang2020, feverThresholdCelsius: 37.0 });
    const a = strict.evaluate(declaration(), [approved], NOW);
    expect(strict.check(a, entry({ celsius: 37.1 })).rule).toBe('C6');
    expect(check(green(), entry({ celsius: 37.1 })).rule).toBe('C4');
    // An assessment made under another policy is not this checkpoint's to decide (RULES §6).
    const other = safeCheck(a, entry({ celsius: 37.1 }));
    expect(other.success ? [] : other.error.issues).toEqual([
      expect.objectContaining({ path: ['assessment', 'policy', 'hash'], code: 'policy_mismatch' }),
    ]);
  });

  it('RULES §6: the record id is written in the policy zone of the engine', () => {
    const utc = createEngine({ ...lianyungang2020, timeZone: 'UTC' });
    const a = utc.evaluate(declaration(), [approved], NOW);
    expect(utc.check(a, entry({ celsius: 38, at: NOW })).record?.id).toBe('checkpoint:public-place:2020-02-10T04:00:00+00:00');
  });
});

describe('check: invalid input (RULES §6, §9)', () => {
  const issuesOf = (assessment: unknown, context: unknown): { path: string; code: string }[] => {
    const r = safeCheck(assessment, context);
    expect(r.success).toBe(false);
    if (r.success) return [];
    return r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  };

  it('RULES §6: an entry to a residential compound without a role is an input error role_required', () => {
    expect(issuesOf(green(), { venue: 'residential', direction: 'in', celsius: 36.5, at: NOW })).toEqual([
      { path: 'context.role', code: 'role_required' },
    ]);
  });

  it('RULES §6: an unknown venue, a reading outside 30–45 °C, a bad instant and an unknown key are all listed at once', () => {
    const issues = issuesOf(green(), { venue: 'home', direction: 'sideways', celsius: 46, at: '2020-02-10 12:00', extra: 1 });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'context.venue', code: 'invalid_value' },
        { path: 'context.direction', code: 'invalid_value' },
        { path: 'context.celsius', code: 'out_of_range' },
        { path: 'context.at', code: 'invalid_instant' },
        { path: 'context', code: 'unrecognized_keys' },
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('RULES §6: a reading below 30 °C and a missing instant are input errors', () => {
    expect(issuesOf(green(), { venue: 'public-place', direction: 'in', celsius: 29.9 })).toEqual([
      { path: 'context.celsius', code: 'out_of_range' },
      { path: 'context.at', code: 'required' },
    ]);
  });

  it('RULES §9: a missing role is reported together with the other problems', () => {
    const issues = issuesOf(green(), { venue: 'residential', direction: 'in', celsius: 50, at: NOW });
    expect(issues).toEqual([
      { path: 'context.celsius', code: 'out_of_range' },
      { path: 'context.role', code: 'role_required' },
    ]);
  });

  it('RULES §9: an assessment that is not one is reported under assessment, with the context problems', () => {
    const broken = { ...green(), colour: 'purple' } as unknown;
    const issues = issuesOf(broken, { venue: 'public-place', direction: 'in', at: 'yesterday' });
    expect(issues).toEqual([
      { path: 'assessment.colour', code: 'invalid_value' },
      { path: 'context.at', code: 'invalid_instant' },
    ]);
  });

  it('RULES §9: a missing assessment or context is reported, not crashed on', () => {
    expect(issuesOf(undefined, undefined)).toEqual([
      { path: 'assessment', code: 'required' },
      { path: 'context', code: 'required' },
    ]);
    expect(issuesOf(null, 'public-place')).toEqual([{ path: 'context', code: 'invalid_type' }]);
  });

  it('RULES §9: a recordId longer than the policy limit is an input error', () => {
    const issues = issuesOf(green(), entry({ recordId: 'x'.repeat(lianyungang2020.limits.maxStringLength + 1) }));
    expect(issues).toEqual([{ path: 'context.recordId', code: 'too_large' }]);
  });

  it('check throws HealthCodeInputError, and untrusted keys such as __proto__ change nothing', () => {
    expect(() => check(null, { venue: 'residential', direction: 'in', at: NOW })).toThrow(HealthCodeInputError);
    const hostile = JSON.parse('{"venue":"public-place","direction":"in","celsius":36.5,"at":"2020-02-10T12:00:00+08:00","__proto__":{"admit":true}}');
    const r = safeCheck(null, hostile);
    expect(r.success).toBe(false);
    expect(({} as Record<string, unknown>)['admit']).toBeUndefined();
  });
});
