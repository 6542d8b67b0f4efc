import { describe, expect, it } from 'vitest';
import { evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * The fold (RULES §2–§5) through the public API: the trail entries it writes (transition, instant,
 * evidence, resulting colour, rule, from) for the review and for corrections. The tests of the same
 * kind whose subject is one rule (the interpretations each reason cites, the anchors and release
 * dates of the counts, the I-8 occurrences it forgets when the colour leaves green) are in
 * test/rules/<id>.test.ts, those of the time rules in test/time/releases.test.ts.
 * Every date below is worked by hand from T-3 (civil code: a count anchored on local day D ends at
 * 00:00 of D + 15, +08:00) and the declaration of RULES §10 example 1 (2020-02-01T10:00+08:00).
 */

/** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
const SUBMITTED = t('02-01', '10:00');

function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind, at, ...fields };
}

const submitted = { transition: 'T-app-submitted', at: SUBMITTED, evidence: ['declaration'], colour: 'green' };

describe('The review and corrections (I-12, I-13, I-18)', () => {
  it('I-18: approval and rejection are written with the review event as evidence', () => {
    const a = evaluate(
      minimalDeclaration(),
      [event('ok', 'review-approved', t('02-01', '11:00'), { credential: 'app-code' }), event('no', 'review-rejected', t('02-02'), { reason: 'mismatch' })],
      t('02-03'),
    );
    expect(a.trail).toEqual([
      submitted,
      { transition: 'T-app-approved', at: t('02-01', '11:00'), evidence: ['ok'], colour: 'green' },
      { transition: 'T-app-rejected', at: t('02-02'), evidence: ['no'], colour: 'green', reason: 'mismatch' },
    ]);
    expect(a.issued).toBe(false);
  });

  it('I-13: a T-void entry names the authority that corrected and its reason', () => {
    const a = evaluate(
      minimalDeclaration(),
      [event('cc', 'close-contact', t('02-03'), { of: 'case' }), event('fix', 'correction', t('02-04'), { voids: 'cc', authority: 'Haizhou CDC', reason: 'wrong person' })],
      t('02-05'),
    );
    expect(a.trail.find((x) => x.transition === 'T-void')).toEqual({
      transition: 'T-void',
      at: t('02-04'),
      evidence: ['fix', 'cc'],
      colour: 'green',
      authority: 'Haizhou CDC',
      reason: 'wrong person',
    });
    // Entries no authority decided carry no attribution.
    expect(a.trail.filter((x) => x.transition !== 'T-void').some((x) => 'authority' in x || 'reason' in x || 'basis' in x)).toBe(false);
  });
});
