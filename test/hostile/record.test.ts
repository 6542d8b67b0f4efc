import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCheck, safeEvaluate } from '../../src/index.js';
import { check, evaluate } from '../support/untyped.js';
import { check as property } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §6 (context `recordId`), §9 (issue 16): the `temperature` event a C6 refusal asks the
 * checkpoint to upload must be usable as a history event: its id may not be `declaration` (the
 * declaration's evidence id) nor the id of an event the assessment already names; a default id
 * that is taken gets the first free `:2`, `:3` … suffix.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const fever = { venue: 'public-place', direction: 'in', celsius: 38.2, at: NOW } as const;
const DEFAULT_ID = 'checkpoint:public-place:2020-02-20T12:00:00+08:00';

describe('RULES §6: the C6 record id', () => {
  it('RULES §6, §9: a recordId of "declaration" is reserved_id at context.recordId, whatever the row', () => {
    const a = evaluate(minimalDeclaration(), [approved], NOW);
    for (const ctx of [{ ...fever, recordId: 'declaration' }, { venue: 'public-place', direction: 'out', at: NOW, recordId: 'declaration' }]) {
      const result = safeCheck(a, ctx);
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.error.issues).toEqual([
          { path: ['context', 'recordId'], code: 'reserved_id', message: '"declaration" is the evidence id of the declaration itself' },
        ]);
    }
  });

  it('RULES §6, §9: a recordId that an applied or ignored event of the assessment already has is duplicate_id at context.recordId', () => {
    const future = { id: 'later', at: '2020-03-01T09:00:00+08:00', kind: 'recovered' };
    const a = evaluate(minimalDeclaration(), [approved, future], NOW);
    expect(a.ignored).toEqual([{ id: 'later', why: 'future' }]);
    for (const recordId of ['rv', 'later']) {
      const result = safeCheck(a, { ...fever, recordId });
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.error.issues).toEqual([
          { path: ['context', 'recordId'], code: 'duplicate_id', message: `id "${recordId}" is already an event of the assessment's history` },
        ]);
    }
    // Without an assessment there is no history to clash with.
    expect(check(null, { ...fever, recordId: 'rv' }).record?.id).toBe('rv');
  });

  it('RULES §6: a default record id that the history already has gets the first free suffix, and the record joins the history', () => {
    property(
      fc.property(fc.nat({ max: 4 }), (taken) => {
        // The default id and `:2` … `:taken` are taken by earlier uploads (same instant, other readings).
        const earlier = Array.from({ length: taken }, (_, i) => ({ id: i === 0 ? DEFAULT_ID : `${DEFAULT_ID}:${i + 1}`, at: NOW, kind: 'temperature', celsius: 36 + i / 10 }));
        const history = [approved, ...earlier];
        const a = evaluate(minimalDeclaration(), history, NOW);
        const decision = check(a, fever);
        expect(decision.rule).toBe('C6');
        const expected = taken === 0 ? DEFAULT_ID : `${DEFAULT_ID}:${taken + 1}`;
        expect(decision.record?.id).toBe(expected);
        // The record is a valid new event of the history: evaluated with it, nothing clashes.
        const next = safeEvaluate(minimalDeclaration(), [...history, decision.record], NOW);
        expect(next.success).toBe(true);
        if (next.success) expect(next.data.applied).toContain(expected);
      }),
      'invariant',
    );
  });

  it('RULES §6: a free recordId is used as given', () => {
    const a = evaluate(minimalDeclaration(), [approved], NOW);
    expect(check(a, { ...fever, recordId: 'gate-3:0815' }).record).toEqual({ id: 'gate-3:0815', at: NOW, kind: 'temperature', celsius: 38.2, venue: 'public-place' });
    expect(check(a, fever).record?.id).toBe(DEFAULT_ID);
  });
});
