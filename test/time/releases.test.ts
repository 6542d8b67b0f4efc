import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../../src/index.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';
import * as lib from '../../src/index.js';

/**
 * The time rules T-2, T-3, T-6 and T-7 (RULES §2) as the fold writes them: releases one instant at a
 * time, counts already over at the submission, events at the submission instant, instants at the
 * start of 1970. Dates are worked by hand from T-3 (civil code, +08:00).
 */

describe('T-3, T-6, T-7: releases', () => {
  const { evaluate } = untyped;
  const { minimalDeclaration } = minimal;
  /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
  const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
  const SUBMITTED = t('02-01', '10:00');
  function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    return { id, kind, at, ...fields };
  }
  function reasonOf(a: Assessment, rule: string): Reason {
    const reason = a.reasons.find((r) => r.rule === rule);
    if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
    return reason;
  }
  const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };

  it('T-6: releases due before an event are written one instant at a time, the earliest first, with one T-colour at the last', () => {
    const history = [event('k1', 'key-area-visit', t('02-05'), { area: '420100', from: '2020-02-03', to: '2020-02-04' })];
    const during = evaluate(minimalDeclaration({ closeContactOfCase: true }), history, t('02-10'));
    expect(reasonOf(during, 'R3')).toMatchObject({ releaseAt: t('02-20', '00:00'), evidence: ['k1'], interpretations: ['I-1', 'I-5', 'I-15'] });
    expect(reasonOf(during, 'R3').message.en).toContain('in or in contact with a key area (Wuhan 420100) within 14 days (evidence: k1)');
    const after = evaluate(minimalDeclaration({ closeContactOfCase: true }), history, t('02-21'));
    expect(after.trail.slice(-3)).toEqual([
      { transition: 'T-R2-off', at: t('02-16', '00:00'), evidence: ['declaration'], colour: 'red', rule: 'R2' },
      { transition: 'T-R3-off', at: t('02-20', '00:00'), evidence: ['k1'], colour: 'green', rule: 'R3' },
      { transition: 'T-colour', at: t('02-20', '00:00'), evidence: ['k1'], colour: 'green', from: 'red' },
    ]);
    expect(after.colour).toBe('green');
    expect(after.since).toBe(t('02-20', '00:00'));
  });

  it('T-7: a declared count already over at the submission instant is released at its start: -on and -off, no T-colour', () => {
    const midnight = t('02-01', '00:00');
    const a = evaluate(minimalDeclaration({ submittedAt: midnight, closeContactOfCase: true, isolationStartedAt: t('01-17') }), [], t('02-02'));
    expect(a.colour).toBe('green');
    expect(a.reasons).toEqual([]);
    expect(a.trail).toEqual([
      { transition: 'T-app-submitted', at: midnight, evidence: ['declaration'], colour: 'green' },
      { transition: 'T-R2-on', at: midnight, evidence: ['declaration'], colour: 'green', rule: 'R2' },
      { transition: 'T-R2-off', at: midnight, evidence: ['declaration'], colour: 'green', rule: 'R2' },
    ]);
  });

  it('T-6: an event at the submission instant is applied after the declaration; its T-colour cites the event', () => {
    const a = evaluate(minimalDeclaration(), [event('c1', 'close-contact', SUBMITTED, { of: 'case' })], t('02-02'));
    expect(a.trail).toEqual([
      submitted,
      { transition: 'T-R2-on', at: SUBMITTED, evidence: ['c1'], colour: 'red', rule: 'R2' },
      { transition: 'T-colour', at: SUBMITTED, evidence: ['c1'], colour: 'red', from: 'green' },
    ]);
    expect(reasonOf(a, 'R2').interpretations).toEqual(['I-2', 'I-15']);
  });
});

describe('T-2, T-3: instants at the start of 1970', () => {
  const { safeEvaluate } = lib;
  const { evaluate } = untyped;
  const { minimalDeclaration } = minimal;
  function reasonOf(a: Assessment, rule: string): Reason {
    const reason = a.reasons.find((r) => r.rule === rule);
    if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
    return reason;
  }

  it('T-3: a count anchored before the epoch (1970-01-01 01:00 in Beijing is 1969 in UTC) ends at 00:00 of its day + 15 like any other', () => {
    const a = evaluate(
      minimalDeclaration({ submittedAt: '1970-01-01T01:00:00+08:00', closeContactOfCase: true }),
      [],
      '1970-01-02T10:00:00+08:00',
    );
    expect(Date.parse('1970-01-01T01:00:00+08:00')).toBeLessThan(0);
    const r2 = reasonOf(a, 'R2');
    expect(r2.count?.anchor).toBe('1970-01-01T01:00:00+08:00');
    expect(r2.releaseAt).toBe('1970-01-16T00:00:00+08:00');
  });

  it('T-2: a declaration submitted in 1969 in the policy zone is out_of_range, not counted', () => {
    const result = safeEvaluate(minimalDeclaration({ submittedAt: '1969-12-31T23:59:59.999+08:00' }), [], '1970-01-02T10:00:00+08:00');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues).toEqual([expect.objectContaining({ path: ['declaration', 'submittedAt'], code: 'out_of_range' })]);
  });
});
