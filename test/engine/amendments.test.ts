import { describe, expect, it } from 'vitest';
import { evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * The rule book's amendment to §5's order of entries, across rules. Its amendments of one rule
 * (I-4 for R1, I-8 for GY, I-17 for R1 and R4) are in test/rules/<id>.test.ts.
 */

const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };

// The smallest valid declaration (submitted 2020-02-01T10:00+08:00), with the facts a test adds.
const declaration = minimalDeclaration;
const ids = (a: { trail: { transition: string }[] }) => a.trail.map((e) => e.transition);

describe('§5: the order of several entries from one event', () => {
  it('§5, I-17: T-R4-confirmed comes immediately before the T-R1-on it causes, at the submission too', () => {
    const clinic = { id: 'fc', at: '2020-01-30T09:00:00+08:00', kind: 'fever-clinic-observation' };
    const a = evaluate(declaration({ clinical: 'suspected', closeContactOfCase: true }), [approved, clinic], '2020-02-02T12:00:00+08:00');
    expect(ids(a).slice(0, 5)).toEqual(['T-app-submitted', 'T-R4-confirmed', 'T-R1-on', 'T-R2-on', 'T-colour']);
  });

  it('§5: entries at the submission are in rule order, whatever started each condition', () => {
    const visit = { id: 'kv', at: '2020-01-31T09:00:00+08:00', kind: 'key-area-visit', area: '420100', from: '2020-01-20', to: '2020-01-22' };
    const a = evaluate(declaration({ clinical: 'confirmed', closeContactOfCase: true }), [approved, visit], '2020-02-02T12:00:00+08:00');
    expect(ids(a).slice(0, 5)).toEqual(['T-app-submitted', 'T-R1-on', 'T-R2-on', 'T-R3-on', 'T-colour']);
  });

  it('§5, T-7: an -off at a condition\'s start comes right after its -on', () => {
    const a = evaluate(
      declaration({ closeContactOfCase: true, symptoms: ['fatigue'], isolationStartedAt: '2020-01-10T09:00:00+08:00' }),
      [approved],
      '2020-02-02T12:00:00+08:00',
    );
    expect(ids(a).slice(0, 4)).toEqual(['T-app-submitted', 'T-R2-on', 'T-R2-off', 'T-Y1-on']);
  });
});
